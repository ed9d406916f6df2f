/**
 * A real SMTP server for tests (a separate process, as a mail relay is): `node --import tsx
 * lib/server/notify/testing/smtp-main.ts`. It requires AUTH (PLAIN or LOGIN, without TLS) with SMTP_TEST_USER /
 * SMTP_TEST_PASSWORD, parses every accepted message with mailparser, and answers a small admin API over HTTP:
 *   GET /messages → { messages: Received[] }     DELETE /messages → clears them
 *   PUT /fault { stage, code, message } | null  → every later MAIL FROM / RCPT TO / DATA gets that reply
 * Prints `smtp-test-server smtp=<port> admin=<url>` on stdout once both listen. Plain Node: no server-only imports.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerError } from "smtp-server";

/** A message as the server received and parsed it. */
export interface Received {
  /** The authenticated user. */
  user: string | null;
  envelope: { from: string | null; to: string[] };
  messageId: string | null;
  subject: string | null;
  from: string | null;
  to: string | null;
  date: string | null;
  text: string | null;
  html: string | null;
  /** Lower-case names; unfolded values (encoded words as sent). */
  headers: Record<string, string>;
}

export interface Fault {
  stage: "mail" | "rcpt" | "data";
  code: number;
  message: string;
}

const user = process.env.SMTP_TEST_USER ?? "mailer";
const password = process.env.SMTP_TEST_PASSWORD ?? "mailer-password";
const host = process.env.SMTP_TEST_HOST ?? "127.0.0.1";

const received: Received[] = [];
let fault: Fault | null = null;

function failure(stage: Fault["stage"]): SMTPServerError | null {
  if (fault?.stage !== stage) return null;
  return Object.assign(new Error(fault.message), { responseCode: fault.code });
}

const smtp = new SMTPServer({
  secure: false,
  // No STARTTLS: the built-in certificate is self-signed and tests connect over plain TCP on 127.0.0.1.
  disabledCommands: ["STARTTLS"],
  allowInsecureAuth: true,
  authMethods: ["PLAIN", "LOGIN"],
  logger: false,
  size: 5 * 1024 * 1024,
  onAuth(auth, _session, callback) {
    if (auth.username === user && auth.password === password) return callback(null, { user: auth.username });
    callback(Object.assign(new Error("Authentication credentials invalid"), { responseCode: 535 }));
  },
  onMailFrom(_address, _session, callback) {
    callback(failure("mail"));
  },
  onRcptTo(_address, _session, callback) {
    callback(failure("rcpt"));
  },
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((m) => {
        const fail = failure("data");
        if (fail) return callback(fail);
        const headers: Record<string, string> = {};
        for (const { key, line } of m.headerLines)
          headers[key] = line
            .slice(line.indexOf(":") + 1)
            .replace(/\r?\n[ \t]+/g, " ")
            .trim();
        const from = session.envelope.mailFrom;
        received.push({
          user: typeof session.user === "string" ? session.user : null,
          envelope: { from: from ? from.address : null, to: session.envelope.rcptTo.map((r) => r.address) },
          messageId: m.messageId ?? null,
          subject: m.subject ?? null,
          from: m.from?.text ?? null,
          to: m.to
            ? [m.to]
                .flat()
                .map((a) => a.text)
                .join(", ")
            : null,
          date: m.date?.toISOString() ?? null,
          text: m.text ?? null,
          html: m.html || null,
          headers,
        });
        callback(null, `OK: queued as ${received.length}`);
      })
      .catch((err: unknown) => callback(Object.assign(new Error(`cannot parse the message: ${String(err)}`), { responseCode: 554 })));
  },
});

async function bodyOf(req: IncomingMessage): Promise<unknown> {
  let text = "";
  for await (const chunk of req) text += String(chunk);
  return text ? JSON.parse(text) : null;
}

const admin = createServer((req, res) => {
  const answer = (status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  const route = `${req.method} ${req.url}`;
  if (route === "GET /messages") return answer(200, { messages: received });
  if (route === "DELETE /messages") {
    received.length = 0;
    return answer(200, { ok: true });
  }
  if (route === "PUT /fault") {
    bodyOf(req)
      .then((b) => {
        fault = b as Fault | null;
        answer(200, { fault });
      })
      .catch((err: unknown) => answer(400, { error: String(err) }));
    return;
  }
  answer(404, { error: `no route ${route}` });
});

const listening = (server: { once(e: "listening", f: () => void): unknown }) => new Promise<void>((resolve) => server.once("listening", resolve));
smtp.listen(Number(process.env.SMTP_TEST_PORT ?? 0), host);
admin.listen(Number(process.env.SMTP_TEST_ADMIN_PORT ?? 0), host);
await Promise.all([listening(smtp.server), listening(admin)]);
const smtpPort = (smtp.server.address() as AddressInfo).port;
const adminPort = (admin.address() as AddressInfo).port;
console.log(`smtp-test-server smtp=${smtpPort} admin=http://${host}:${adminPort}`);

const stop = () => {
  admin.close();
  smtp.close(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
