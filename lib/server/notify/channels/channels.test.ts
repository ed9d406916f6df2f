/**
 * Each HTTP channel against its platform's stand-in (../testing/receivers.ts), over real HTTP: the receiver checks
 * the signature and the credential as the platform documents, the test reads what a person would see.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import type { NotifyLanguage } from "../../../schemas/notify";
import { type Receiver, type ReceiverKind, type ReceiverOptions, startReceiver } from "../testing/receivers";
import type { Channel, DeliveryAnswer, NotifyEvent, SendContext } from "../types";
import { senderOf } from "./index";
import { signStandardWebhook } from "./webhook";
import { WECOM_CONTENT_MAX_BYTES } from "./wecom";

const open: Receiver[] = [];
afterAll(() => Promise.all(open.map((r) => r.close().catch(() => undefined))));
async function receiver(kind: ReceiverKind, options: ReceiverOptions = {}) {
  const r = await startReceiver(kind, options);
  open.push(r);
  return r;
}

const whsec = () => `whsec_${randomBytes(32).toString("base64")}`;
/** Each kind's signing secret as the platform issues it (WeCom and Slack have none: the URL is the credential). */
const SECRET: Record<ReceiverKind, () => string | null> = {
  webhook: whsec,
  feishu: () => randomBytes(12).toString("base64url"),
  dingtalk: () => `SEC${randomBytes(32).toString("hex")}`,
  wecom: () => null,
  slack: () => null,
};
const KINDS = Object.keys(SECRET) as ReceiverKind[];

const ctx = (over: Partial<SendContext> = {}): SendContext => ({ now: Date.now(), timeoutMs: 3000, smtpUrl: null, mailFrom: "console@example.com", ...over });
const channelOf = (r: { kind: ReceiverKind; url: string; secret: string | null }, language: NotifyLanguage = "en", over: Partial<Channel> = {}): Channel => ({
  id: randomUUID(),
  name: `${r.kind} test`,
  kind: r.kind,
  language,
  url: r.url,
  secret: r.secret,
  to: [],
  ...over,
});

const LINK = "https://console.example.com/tasks/t-9f2/records/r-77a";
const event = (over: Partial<NotifyEvent> = {}): NotifyEvent => ({
  id: randomUUID(),
  kind: "deploy.failed",
  at: "2026-12-07T10:00:00.000Z",
  ledgerId: randomUUID(),
  app: { id: "app-1", name: "订单服务 orders" },
  taskId: "t-9f2",
  recordId: "r-77a",
  targetRecordId: null,
  actor: { name: "Ada Lovelace", email: "ada@example.com" },
  reason: "hotfix\nfor <@all> & #42",
  link: LINK,
  finish: { state: "failed", durationMs: 125_000, failedStep: "Deploy to ECS", faqUrl: "https://support.example.com/faq/1" },
  refusal: null,
  detail: {},
  ...over,
});

/** What a reader sees of each platform's message, as one text; and a check of the message's documented shape. */
const READ: Record<ReceiverKind, (body: Record<string, unknown>) => string> = {
  webhook: (b) => JSON.stringify(b),
  feishu: (b) => {
    expect(b).toMatchObject({ msg_type: "interactive", card: { header: { title: { tag: "plain_text" }, template: "red" } } });
    const card = b.card as {
      header: { title: { content: string } };
      elements: { tag: string; text?: { tag: string; content: string }; actions?: { url: string }[] }[];
    };
    expect(card.elements.map((e) => e.tag)).toEqual(["div", "action"]);
    expect(card.elements[0]?.text?.tag).toBe("lark_md");
    expect(card.elements[1]?.actions?.[0]?.url).toBe(LINK);
    return [card.header.title.content, card.elements[0]?.text?.content].join("\n");
  },
  wecom: (b) => {
    expect(b).toMatchObject({ msgtype: "markdown", markdown: { content: expect.any(String) } });
    return (b.markdown as { content: string }).content;
  },
  dingtalk: (b) => {
    expect(b).toMatchObject({ msgtype: "markdown", markdown: { title: expect.any(String), text: expect.any(String) } });
    const md = b.markdown as { title: string; text: string };
    return `${md.title}\n${md.text}`;
  },
  slack: (b) => {
    const blocks = b.blocks as { type: string; text?: { text: string }; fields?: { type: string; text: string }[]; elements?: { url: string }[] }[];
    expect(blocks.map((x) => x.type)).toEqual(["header", "section", "actions"]);
    expect(blocks[1]?.fields?.every((f) => f.type === "mrkdwn")).toBe(true);
    expect(blocks[2]?.elements?.[0]?.url).toBe(LINK);
    return [b.text, blocks[0]?.text?.text, ...(blocks[1]?.fields ?? []).map((f) => f.text)].join("\n");
  },
};

const WORDS: Record<NotifyLanguage, string[]> = {
  en: ["Deployment failed", "By", "Failed step", "2 min 5 s"],
  "zh-CN": ["部署失败", "操作人", "失败步骤", "2 分 5 秒"],
};

/** The channel's credentials: none may appear in what the delivery log keeps. */
function credentials(channel: Channel): string[] {
  const u = new URL(channel.url ?? "");
  return [channel.url ?? "", channel.secret ?? "", ...u.searchParams.values(), u.pathname.split("/").at(-1) ?? ""].filter((s) => s.length >= 8);
}
const expectNoCredential = (answer: DeliveryAnswer, channel: Channel) => {
  for (const c of credentials(channel)) expect(answer.body).not.toContain(c);
};

describe.each(KINDS)("%s channel", (kind) => {
  it.each(["en", "zh-CN"] as const)("delivers a signed message in %s that the platform verifies", async (language) => {
    const r = await receiver(kind, { secret: SECRET[kind]() });
    const e = event();
    const channel = channelOf(r, language);
    const answer = await senderOf(kind)(channel, e, ctx());
    expect(answer).toMatchObject({ ok: true, retryable: false });
    expect(answer.status).toBe(kind === "webhook" ? 204 : 200);
    expect(r.accepted()).toHaveLength(1);
    const text = READ[kind](r.accepted()[0]?.body ?? {});
    for (const seen of [...WORDS[language], "Ada Lovelace", "ada@example.com", "订单服务 orders", "r-77a", "Deploy to ECS"]) expect(text).toContain(seen);
    if (kind !== "webhook") {
      expect(text).toContain("hotfix for"); // one line: the reason's line break does not start a line of its own
      expect(text).not.toMatch(/<@all>|<!channel>/);
    }
    if (kind === "wecom" || kind === "dingtalk") expect(text).toContain(LINK);
    expectNoCredential(answer, channel);
  });

  it("is refused by the platform when the credential is wrong, and the failure is final", async () => {
    const r = await receiver(kind, { secret: SECRET[kind]() });
    // A signing platform gets a wrong secret; the others a wrong key in the URL.
    const wrong = SECRET[kind]() ? { secret: SECRET[kind]() } : { url: r.url.replace(r.key, randomBytes(16).toString("hex")) };
    const channel = channelOf(r, "en", wrong);
    const answer = await senderOf(kind)(channel, event(), ctx());
    expect(answer).toMatchObject({ ok: false, retryable: false });
    expect(r.received).toHaveLength(1);
    expect(r.accepted()).toHaveLength(0);
    expect(answer.body).toContain({ webhook: "no matching signature", feishu: "19021", dingtalk: "310000", wecom: "93000", slack: "invalid_token" }[kind]);
    expectNoCredential(answer, channel);
  });

  it("maps a receiver that is down (503) to a failure worth retrying", async () => {
    const r = await receiver(kind, { secret: SECRET[kind]() });
    r.setDown(true);
    const channel = channelOf(r);
    const answer = await senderOf(kind)(channel, event(), ctx());
    expect(answer).toMatchObject({ ok: false, status: 503, retryable: true });
    expectNoCredential(answer, channel);
    r.setDown(false);
    expect(await senderOf(kind)(channel, event(), ctx())).toMatchObject({ ok: true });
  });

  it("maps a closed port to a failure worth retrying, with no answer", async () => {
    const r = await startReceiver(kind, { secret: SECRET[kind]() });
    await r.close();
    const channel = channelOf(r);
    const answer = await senderOf(kind)(channel, event(), ctx());
    expect(answer).toMatchObject({ ok: false, status: null, retryable: true });
    expect(answer.body).toMatch(/ECONNREFUSED/);
    expectNoCredential(answer, channel);
  });
});

describe("the platforms' answers", () => {
  // Rate limits and busy answers pass; each platform says so its own way.
  it.each([
    ["webhook", { status: 429, body: "slow down" }],
    ["feishu", { status: 200, body: { code: 11232, msg: "frequency limited" } }],
    ["wecom", { status: 200, body: { errcode: 45009, errmsg: "api freq out of limit" } }],
    ["wecom", { status: 200, body: { errcode: -1, errmsg: "system busy" } }],
    ["dingtalk", { status: 200, body: { errcode: 130101, errmsg: "send too fast" } }],
    ["slack", { status: 500, body: "rollup_error" }],
    // A 200 without the platform's code came from something else (a proxy, a captive portal): not taken as delivered.
    ["dingtalk", { status: 200, body: "<html>sign in to the Wi-Fi</html>" }],
  ] as const)("%s: %j is retried", async (kind, forced) => {
    const r = await receiver(kind, { secret: SECRET[kind]() });
    r.answerNext(forced);
    expect(await senderOf(kind)(channelOf(r), event(), ctx())).toMatchObject({ ok: false, status: forced.status, retryable: true });
  });

  it.each([
    ["webhook", { status: 410, body: "gone" }],
    // Standard Webhooks: a redirect is a failure (the URL is to be updated), never followed.
    ["webhook", { status: 302, body: "moved" }],
    ["feishu", { status: 200, body: { code: 9499, msg: "Bad Request" } }],
    ["slack", { status: 404, body: "no_service" }],
    ["slack", { status: 410, body: "channel_is_archived" }],
    ["slack", { status: 400, body: "invalid_payload" }],
  ] as const)("%s: %j is final", async (kind, forced) => {
    const r = await receiver(kind, { secret: SECRET[kind]() });
    r.answerNext(forced);
    expect(await senderOf(kind)(channelOf(r), event(), ctx())).toMatchObject({ ok: false, status: forced.status, retryable: false });
  });

  it.each([
    ["webhook", 10 * 60_000, "too old"],
    ["feishu", 2 * 3_600_000, "19021"],
    ["dingtalk", 2 * 3_600_000, "310000"],
  ] as const)("%s: a clock %d ms behind is refused as the platform documents", async (kind, behindMs, word) => {
    const r = await receiver(kind, { secret: SECRET[kind]() });
    const answer = await senderOf(kind)(channelOf(r), event(), ctx({ now: Date.now() - behindMs }));
    expect(answer).toMatchObject({ ok: false, retryable: false });
    expect(answer.body).toContain(word);
  });

  it.each(["feishu", "dingtalk"] as const)("%s: a bot without signing takes an unsigned message", async (kind) => {
    const r = await receiver(kind, { secret: null });
    expect(await senderOf(kind)(channelOf(r), event(), ctx())).toMatchObject({ ok: true });
    expect(r.accepted()[0]?.raw).not.toContain('"sign"');
    expect(r.accepted()[0]?.query.sign).toBeUndefined();
  });

  it("keeps the credential out of the answer when the URL cannot be used", async () => {
    const key = randomBytes(16).toString("hex");
    const url = `http://[::1/cgi-bin/webhook/send?key=${key}`;
    const answer = await senderOf("wecom")(channelOf({ kind: "wecom", url, secret: null }), event(), ctx());
    expect(answer).toMatchObject({ ok: false, status: null, retryable: false, body: "channel misconfigured: the URL is not an http(s) URL" });
  });

  it("times out on a receiver that never answers, worth retrying", async () => {
    const hanging = createServer(() => undefined);
    await new Promise<void>((resolve) => hanging.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/cgi-bin/webhook/send?key=${randomBytes(16).toString("hex")}`;
    try {
      const answer = await senderOf("wecom")(channelOf({ kind: "wecom", url, secret: null }), event(), ctx({ timeoutMs: 200 }));
      expect(answer).toMatchObject({ ok: false, status: null, retryable: true, body: "no answer within 200 ms" });
    } finally {
      hanging.closeAllConnections();
      await new Promise((resolve) => hanging.close(resolve));
    }
  });
});

describe("message limits and signatures", () => {
  it("clips WeCom's markdown to 4096 bytes of UTF-8 on a line, keeping the title and the link", async () => {
    const r = await receiver("wecom");
    const answer = await senderOf("wecom")(channelOf(r, "zh-CN"), event({ reason: "回滚原因".repeat(800) }), ctx());
    expect(answer).toMatchObject({ ok: true });
    const content = (r.accepted()[0]?.body?.markdown as { content: string }).content;
    expect(Buffer.byteLength(content)).toBeLessThanOrEqual(WECOM_CONTENT_MAX_BYTES);
    expect(content).toContain("部署失败");
    expect(content.endsWith(`(${LINK})`)).toBe(true);
    expect(content).toContain("…");
  });

  it("signs the Standard Webhooks reference vector exactly", () => {
    expect(signStandardWebhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, '{"test": 2432232314}')).toBe(
      "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    );
  });

  it("keeps the webhook id across retries and signs each attempt's own timestamp", async () => {
    const r = await receiver("webhook");
    const e = event({ kind: "deploy.succeeded", finish: { state: "succeeded", durationMs: 1000, failedStep: null, faqUrl: null } });
    await senderOf("webhook")(channelOf(r), e, ctx({ now: Date.now() - 60_000 }));
    await senderOf("webhook")(channelOf(r), e, ctx());
    const [first, second] = r.accepted();
    expect(first?.headers["webhook-id"]).toBe(e.id);
    expect(second?.headers["webhook-id"]).toBe(e.id);
    expect(Number(second?.headers["webhook-timestamp"]) - Number(first?.headers["webhook-timestamp"])).toBeGreaterThanOrEqual(59);
    expect(first?.body).toMatchObject({ type: "deploy.succeeded", timestamp: e.at, data: { id: e.id, actor: e.actor, link: LINK, finish: e.finish } });
  });
});
