/**
 * Local stand-ins for the chat platforms and a Standard Webhooks consumer: real HTTP(S) servers on 127.0.0.1 that
 * check each request as the platform would (./verify.ts), answer as it would, and keep what they received for
 * assertions. Used by the channel tests, by the end-to-end suite (imported into its Node process, or started with
 * ./receivers-main.ts) and by demo mode. Plain Node: no "server-only", nothing of Next.js.
 *
 * Besides the platform's own path, each receiver answers a small control API for other processes:
 * GET /__receiver/received (what it got, as JSON), POST /__receiver/down?on=1|0, POST /__receiver/reset.
 */
import { randomBytes } from "node:crypto";
import { type IncomingMessage, type RequestListener, type ServerResponse, createServer } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo } from "node:net";
import {
  type Answer,
  type Incoming,
  SLACK_PATH_PREFIX,
  type VerifyOptions,
  parseJson,
  verifyDingtalk,
  verifyFeishu,
  verifySlack,
  verifyWebhook,
  verifyWecom,
} from "./verify";

export const RECEIVER_KINDS = ["webhook", "feishu", "wecom", "dingtalk", "slack"] as const;
export type ReceiverKind = (typeof RECEIVER_KINDS)[number];

/** One request as received, with the receiver's verdict. */
export interface Received {
  at: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  raw: string;
  /** The body as JSON; null when it was not JSON. */
  body: Record<string, unknown> | null;
  /** The platform's checks passed (signature, credential, shape) and it took the message. */
  accepted: boolean;
  answer: { status: number; body: string };
}

export interface ReceiverOptions {
  /** webhook: whsec_… (one is made when omitted); feishu / dingtalk: the signing secret, null or omitted: unsigned. */
  secret?: string | null;
  /** The URL's credential (made when omitted). */
  key?: string;
  host?: string;
  port?: number;
  /** The receiver's clock, ms (tolerance checks); Date.now by default. */
  now?: () => number;
  /**
   * Serve HTTPS with this key and certificate (PEM) instead of plain HTTP: a console in cloud mode only takes
   * https:// channel URLs. The sender must trust the certificate (NODE_EXTRA_CA_CERTS for a console process).
   */
  tls?: { key: string | Buffer; cert: string | Buffer };
}

export interface Receiver {
  kind: ReceiverKind;
  /** The URL to configure as the channel's (its credential included). */
  url: string;
  secret: string | null;
  key: string;
  /** Every request, refused ones too, oldest first. */
  received: Received[];
  /** Only what the platform took. */
  accepted(): Received[];
  /** Down: every request answers 503 (and is recorded, not accepted). */
  setDown(down: boolean): void;
  /** The next requests get these answers instead (after the checks: a rate limit, an outage code). */
  answerNext(...answers: { status: number; body: string | Record<string, unknown> }[]): void;
  reset(): void;
  close(): Promise<void>;
}

const VERIFY: Record<ReceiverKind, (req: Incoming, o: VerifyOptions) => Answer> = {
  webhook: verifyWebhook,
  feishu: verifyFeishu,
  wecom: verifyWecom,
  dingtalk: verifyDingtalk,
  slack: verifySlack,
};

function pathOf(kind: ReceiverKind, key: string): string {
  switch (kind) {
    case "webhook":
      return `/hooks/${key}`;
    case "feishu":
      return `/open-apis/bot/v2/hook/${key}`;
    case "wecom":
      return `/cgi-bin/webhook/send?key=${key}`;
    case "dingtalk":
      return `/robot/send?access_token=${key}`;
    case "slack":
      return `${SLACK_PATH_PREFIX}${key}`;
  }
}

const defaultSecret = (kind: ReceiverKind) => (kind === "webhook" ? `whsec_${randomBytes(32).toString("base64")}` : null);

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function reply(res: ServerResponse, status: number, body: string | Record<string, unknown>): string {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "content-type": typeof body === "string" ? "text/plain; charset=utf-8" : "application/json; charset=utf-8" });
  res.end(text);
  return text;
}

export async function startReceiver(kind: ReceiverKind, options: ReceiverOptions = {}): Promise<Receiver> {
  const key = options.key ?? randomBytes(16).toString("hex");
  const secret = options.secret === undefined ? defaultSecret(kind) : options.secret;
  if (kind === "webhook" && !secret?.startsWith("whsec_")) throw new Error("a webhook receiver needs a whsec_ secret");
  const now = options.now ?? Date.now;
  const received: Received[] = [];
  const queued: { status: number; body: string | Record<string, unknown> }[] = [];
  let down = false;

  const control = (req: IncomingMessage, res: ServerResponse, u: URL): boolean => {
    if (!u.pathname.startsWith("/__receiver/")) return false;
    if (req.method === "GET" && u.pathname === "/__receiver/received") reply(res, 200, { kind, received });
    else if (req.method === "POST" && u.pathname === "/__receiver/down") {
      down = u.searchParams.get("on") !== "0";
      reply(res, 200, { down });
    } else if (req.method === "POST" && u.pathname === "/__receiver/reset") {
      receiver.reset();
      reply(res, 200, { reset: true });
    } else reply(res, 404, { error: "no such control" });
    return true;
  };

  const handle: RequestListener = (req, res) => {
    const u = new URL(req.url ?? "/", "http://receiver.invalid");
    if (control(req, res, u)) return;
    readBody(req).then(
      (raw) => {
        const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
        const incoming: Incoming = { path: u.pathname, query: u.searchParams, headers, raw };
        let answer: Answer;
        if (down) answer = { status: 503, body: "Service Unavailable", accepted: false };
        else if (req.method !== "POST") answer = { status: 405, body: "Method Not Allowed", accepted: false };
        else {
          answer = VERIFY[kind](incoming, { key, secret, now: now() });
          const forced = answer.accepted ? queued.shift() : undefined;
          if (forced) answer = { ...forced, accepted: false };
        }
        const text = reply(res, answer.status, answer.body);
        received.push({
          at: new Date().toISOString(),
          path: u.pathname,
          query: Object.fromEntries(u.searchParams),
          headers,
          raw,
          body: parseJson(raw),
          accepted: answer.accepted,
          answer: { status: answer.status, body: text },
        });
      },
      () => res.destroy(),
    );
  };
  const server = options.tls ? createTlsServer({ key: options.tls.key, cert: options.tls.cert }, handle) : createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const origin = `${options.tls ? "https" : "http"}://${address.includes(":") ? `[${address}]` : address}:${port}`;

  const receiver: Receiver = {
    kind,
    url: `${origin}${pathOf(kind, key)}`,
    secret,
    key,
    received,
    accepted: () => received.filter((r) => r.accepted),
    setDown: (on) => {
      down = on;
    },
    answerNext: (...answers) => {
      queued.push(...answers);
    },
    reset: () => {
      received.length = 0;
      queued.length = 0;
      down = false;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
  return receiver;
}

/** One receiver of each kind (the end-to-end harness and the CLI). */
export async function startAllReceivers(
  options: Omit<ReceiverOptions, "key" | "port" | "secret"> & { secrets?: Partial<Record<ReceiverKind, string | null>> } = {},
) {
  const entries = await Promise.all(
    RECEIVER_KINDS.map(async (kind) => {
      const secret = options.secrets?.[kind];
      return [kind, await startReceiver(kind, { ...options, ...(secret !== undefined ? { secret } : {}) })] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<ReceiverKind, Receiver>;
}
