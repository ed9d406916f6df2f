import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { NotifyLanguage } from "../../../schemas/notify";
import { describe as describeEvent } from "../describe";
import { startSmtpProcess, type Fault, type SmtpProcess } from "../testing/smtp-process";
import type { Channel, NotifyEvent, SendContext } from "../types";
import { sendEmail } from "./email";

const user = `mailer-${randomBytes(3).toString("hex")}`;
// Characters that must be percent-encoded in the URL, so the decoding is exercised too.
const password = `pa:ss/w@rd ${randomBytes(6).toString("hex")}`;
let smtp: SmtpProcess;

beforeAll(async () => {
  smtp = await startSmtpProcess({ user, password });
});
afterAll(async () => {
  await smtp?.stop();
});
beforeEach(async () => {
  await smtp.fault(null);
  await smtp.clear();
});

function event(over: Partial<NotifyEvent> = {}): NotifyEvent {
  const recordId = `rec-${randomBytes(4).toString("hex")}`;
  return {
    id: randomUUID(),
    kind: "deploy.failed",
    at: "2026-03-02T08:15:00.000Z",
    ledgerId: randomUUID(),
    app: { id: "app-1", name: "order-service" },
    taskId: "task-1",
    recordId,
    targetRecordId: null,
    actor: { name: "Ann Lee", email: "ann.lee@example.com" },
    reason: "hotfix <script>alert(1)</script> & more",
    link: `https://console.example.com/tasks/task-1/records/${recordId}`,
    finish: { state: "failed", durationMs: 125_000, failedStep: "build image", faqUrl: "https://support.example.com/faq/build" },
    refusal: null,
    detail: {},
    ...over,
  };
}

const channel = (language: NotifyLanguage, to = [`ops-${randomBytes(3).toString("hex")}@example.com`]): Channel => ({
  id: randomUUID(),
  name: "ops mail",
  kind: "email",
  language,
  url: null,
  secret: null,
  to,
});

const ctx = (over: Partial<SendContext> = {}): SendContext => ({
  now: Date.parse("2026-03-02T08:15:05.000Z"),
  timeoutMs: 5000,
  smtpUrl: smtp.url(),
  mailFrom: "CodeArts Deploy Console <deploy-console@console.example.com>",
  ...over,
});

describe("sendEmail against a real SMTP server", () => {
  it("sends the event in English: subject, text and HTML parts, Message-ID and event header", async () => {
    const e = event();
    const ch = channel("en", [`a-${randomBytes(3).toString("hex")}@example.com`, `b-${randomBytes(3).toString("hex")}@example.com`]);
    const answer = await sendEmail(ch, e, ctx());
    expect(answer).toMatchObject({ ok: true, status: 250, retryable: false });
    expect(answer.body).toMatch(/^250 OK: queued as \d+/);

    const [m, ...more] = await smtp.messages();
    expect(more).toHaveLength(0);
    expect(m?.user).toBe(user);
    expect(m?.envelope).toEqual({ from: "deploy-console@console.example.com", to: ch.to });
    expect(m?.subject).toBe(describeEvent(e, "en").summary);
    expect(m?.subject).toBe("Deployment failed · order-service — Ann Lee <ann.lee@example.com>");
    expect(m?.messageId).toBe(`<${e.id}@codearts-console>`);
    expect(m?.headers["x-codearts-event"]).toBe("deploy.failed");
    expect(m?.date).toBe("2026-03-02T08:15:05.000Z");

    expect(m?.text).toContain("By: Ann Lee <ann.lee@example.com>");
    expect(m?.text).toContain(`Record: ${e.recordId}`);
    expect(m?.text).toContain("Duration: 2 min 5 s");
    expect(m?.text).toContain("Failed step: build image (https://support.example.com/faq/build)");
    expect(m?.text).toContain(`Open in the console: ${e.link}`);

    expect(m?.html).toContain('<html lang="en">');
    expect(m?.html).toContain("Ann Lee &#60;ann.lee@example.com&#62;");
    expect(m?.html).toContain(`<a href="${e.link}"`);
    expect(m?.html).toContain(">Open in the console</a>");
    expect(m?.html).toContain('<a href="https://support.example.com/faq/build" style="color:#1d4ed8">build image</a>');
    // Every value escaped: the reason's markup is text.
    expect(m?.html).toContain("hotfix &#60;script&#62;alert(1)&#60;/script&#62; &#38; more");
    expect(m?.html).not.toContain("<script>");
  });

  it("sends the event in Chinese", async () => {
    const e = event({ app: { id: "app-2", name: "订单服务" }, actor: { name: "王小明", email: "wang@example.com" }, reason: null });
    const answer = await sendEmail(channel("zh-CN"), e, ctx());
    expect(answer.ok).toBe(true);
    const [m] = await smtp.messages();
    expect(m?.subject).toBe("部署失败 · 订单服务 — 王小明 <wang@example.com>");
    expect(m?.text).toContain("操作人：王小明 <wang@example.com>");
    expect(m?.text).toContain("耗时：2 分 5 秒");
    expect(m?.text).toContain(`在控制台中查看：${e.link}`);
    expect(m?.html).toContain('<html lang="zh-CN">');
    expect(m?.html).toContain("王小明 &#60;wang@example.com&#62;");
    expect(m?.html).toContain(">在控制台中查看</a>");
  });

  it("leaves the button out when no link is known, ignores a FAQ URL that is not http(s), keeps a value on its line", async () => {
    const e = event({
      link: null,
      reason: "urgent\n\nOpen in the console: https://evil.example",
      finish: { state: "failed", durationMs: null, failedStep: "deploy", faqUrl: "javascript:alert(1)" },
    });
    expect((await sendEmail(channel("en"), e, ctx())).ok).toBe(true);
    const [m] = await smtp.messages();
    expect(m?.html).not.toContain("<a ");
    expect(m?.html).not.toContain("javascript:");
    expect(m?.text).not.toContain("javascript:");
    expect(m?.text).toContain("Reason: urgent Open in the console: https://evil.example");
    expect(m?.text?.split("\n").filter((l) => l.startsWith("Open in the console"))).toEqual([]);
  });

  it("keeps the Message-ID of an event across re-deliveries (receivers de-duplicate on it)", async () => {
    const e = event();
    const ch = channel("en");
    expect((await sendEmail(ch, e, ctx())).ok).toBe(true);
    expect((await sendEmail(ch, e, ctx({ now: Date.now() }))).ok).toBe(true);
    const other = event();
    expect((await sendEmail(ch, other, ctx())).ok).toBe(true);
    const ids = (await smtp.messages()).map((m) => m.messageId);
    expect(ids).toEqual([`<${e.id}@codearts-console>`, `<${e.id}@codearts-console>`, `<${other.id}@codearts-console>`]);
  });

  it("answers a wrong password with 535, not retryable, and never shows the password", async () => {
    const wrong = `wrong-${randomBytes(8).toString("hex")}`;
    const answer = await sendEmail(channel("en"), event(), ctx({ smtpUrl: smtp.url({ user, password: wrong }) }));
    expect(answer).toMatchObject({ ok: false, status: 535, retryable: false });
    expect(answer.body).toContain("535");
    expect(answer.body).not.toContain(wrong);
    expect(answer.body).not.toContain(Buffer.from(wrong).toString("base64"));
    expect(await smtp.messages()).toHaveLength(0);
  });

  it.each<[string, Fault, boolean]>([
    ["451 after DATA", { stage: "data", code: 451, message: "Requested action aborted: local error in processing" }, true],
    ["452 to MAIL FROM", { stage: "mail", code: 452, message: "Insufficient system storage" }, true],
    ["550 to RCPT TO", { stage: "rcpt", code: 550, message: "Mailbox unavailable" }, false],
    ["554 after DATA", { stage: "data", code: 554, message: "Transaction failed: policy" }, false],
  ])("maps the server's %s (retryable: %s)", async (_, fault, retryable) => {
    await smtp.fault(fault);
    const answer = await sendEmail(channel("en"), event(), ctx());
    expect(answer).toMatchObject({ ok: false, status: fault.code, retryable });
    expect(answer.body).toContain(fault.message);
    expect(answer.body).not.toContain(password);
    expect(await smtp.messages()).toHaveLength(0);
  });

  it("keeps the SMTP password out of the answer even when the server quotes it", async () => {
    await smtp.fault({ stage: "data", code: 451, message: `try again, ${password} / ${encodeURIComponent(password)}` });
    const answer = await sendEmail(channel("en"), event(), ctx());
    expect(answer).toMatchObject({ ok: false, status: 451, retryable: true });
    expect(answer.body).toBe("DATA: 451 try again, [redacted] / [redacted]");
  });
});

describe("sendEmail without a working server", () => {
  const servers: Server[] = [];
  const sockets: Socket[] = [];
  afterAll(() => {
    for (const s of sockets) s.destroy();
    for (const s of servers) s.close();
  });
  const listen = async (onConnection?: (s: Socket) => void) => {
    const server = createServer((s) => {
      sockets.push(s);
      onConnection?.(s);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return (server.address() as AddressInfo).port;
  };
  const url = (port: number) => `smtp://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}`;

  it("answers a server that is down as retryable, with no status", async () => {
    const port = await listen();
    await new Promise<void>((resolve) => servers.pop()?.close(() => resolve()));
    const answer = await sendEmail(channel("en"), event(), ctx({ smtpUrl: url(port) }));
    expect(answer).toMatchObject({ ok: false, status: null, retryable: true });
    expect(answer.body).toMatch(/ECONNREFUSED|ECONNECTION|ESOCKET/);
    expect(answer.body).not.toContain(password);
  });

  it("gives up on a server that never greets within the attempt's timeout, retryable", async () => {
    const port = await listen(); // accepts, says nothing
    const started = Date.now();
    const answer = await sendEmail(channel("en"), event(), ctx({ smtpUrl: url(port), timeoutMs: 300 }));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(answer).toMatchObject({ ok: false, status: null, retryable: true });
    expect(answer.body).not.toContain(password);
  });

  it.each([
    ["unset", null, "SMTP_URL is not set"],
    ["not smtp", "http://mail.example.com", "SMTP_URL is not an smtp:// or smtps:// URL with a host"],
  ])("does not try when SMTP_URL is %s", async (_, smtpUrl, body) => {
    expect(await sendEmail(channel("en"), event(), ctx({ smtpUrl }))).toEqual({ ok: false, status: null, body, retryable: false });
  });
});
