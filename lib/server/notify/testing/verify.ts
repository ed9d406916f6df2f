/**
 * How each platform checks a request it receives, written from the platforms' documents and independently of the
 * senders (a test where both sides share one signing function would pass with a wrong signature). Plain Node: the
 * receivers run in tests, in the end-to-end harness and from a CLI.
 *
 * Where a platform documents its answer, the receiver gives that answer; the few that are not documented (Feishu's
 * unknown hook, DingTalk's unknown token and missing fields, WeCom's too-long content) are marked as the receiver's.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/** The request as a receiver sees it. */
export interface Incoming {
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  raw: string;
}

/** The answer a platform gives, and whether it took the message. */
export interface Answer {
  status: number;
  body: string | Record<string, unknown>;
  accepted: boolean;
}

export interface VerifyOptions {
  /** The credential in the URL (WeCom key, DingTalk access_token, Feishu hook id, Slack token). */
  key: string;
  /** whsec_… (webhook), Feishu's or DingTalk's signing secret; null: the bot does not check signatures. */
  secret: string | null;
  /** The receiver's clock (ms). */
  now: number;
}

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export function parseJson(raw: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(raw);
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** Standard Webhooks: 5 minutes either way, as the spec's libraries default to. */
const WEBHOOK_TOLERANCE_S = 5 * 60;

export function verifyWebhook(req: Incoming, o: VerifyOptions): Answer {
  const refuse = (status: number, error: string): Answer => ({ status, body: { error }, accepted: false });
  const id = req.headers["webhook-id"];
  const ts = req.headers["webhook-timestamp"];
  const signatures = req.headers["webhook-signature"];
  if (!id || !ts || !signatures) return refuse(400, "missing webhook-id, webhook-timestamp or webhook-signature");
  if (!/^\d+$/.test(ts)) return refuse(400, "webhook-timestamp is not integer seconds");
  if (Math.abs(Math.floor(o.now / 1000) - Number(ts)) > WEBHOOK_TOLERANCE_S) return refuse(400, "webhook-timestamp is too old or too new");
  if (!o.secret?.startsWith("whsec_")) return refuse(500, "receiver has no whsec_ secret");
  const key = Buffer.from(o.secret.slice("whsec_".length), "base64");
  const expected = createHmac("sha256", key).update(`${id}.${ts}.${req.raw}`).digest("base64");
  // A space-separated list of `<version>,<signature>`: one valid v1 is enough (secret rotation sends two).
  const valid = signatures.split(" ").some((entry) => {
    const [version, signature] = entry.split(",", 2);
    return version === "v1" && signature !== undefined && sameText(signature, expected);
  });
  if (!valid) return refuse(401, "no matching signature");
  const body = parseJson(req.raw);
  if (!body || typeof body.type !== "string" || typeof body.timestamp !== "string" || !isObject(body.data))
    return refuse(400, "payload is not {type, timestamp, data}");
  return { status: 204, body: "", accepted: true };
}

/** Feishu's custom bot. */
export function verifyFeishu(req: Incoming, o: VerifyOptions): Answer {
  const fail = (code: number, msg: string): Answer => ({ status: 200, body: { code, msg, data: {} }, accepted: false });
  // The receiver's answer for an unknown hook (Feishu's own wording is not documented).
  if (req.path !== `/open-apis/bot/v2/hook/${o.key}`) return fail(19001, "param invalid: incoming webhook access token invalid");
  // Documented: the request body may not exceed 20 KB.
  if (Buffer.byteLength(req.raw) > 20 * 1024) return fail(9499, "Bad Request");
  const body = parseJson(req.raw);
  if (!body) return fail(9499, "Bad Request");
  if (o.secret) {
    const { timestamp, sign } = body;
    const ts = typeof timestamp === "string" && /^\d+$/.test(timestamp) ? Number(timestamp) : NaN;
    const expected = Number.isFinite(ts)
      ? createHmac("sha256", `${timestamp as string}\n${o.secret}`)
          .update("")
          .digest("base64")
      : "";
    const fresh = Math.abs(Math.floor(o.now / 1000) - ts) <= 3600;
    if (!fresh || typeof sign !== "string" || !sameText(sign, expected))
      return fail(19021, "sign match fail or timestamp is not within one hour from current time");
  }
  if (body.msg_type !== "interactive" || !isObject(body.card)) return fail(9499, "Bad Request");
  return { status: 200, body: { code: 0, msg: "success", data: {} }, accepted: true };
}

/** WeCom's group bot. */
export function verifyWecom(req: Incoming, o: VerifyOptions): Answer {
  const fail = (errcode: number, errmsg: string): Answer => ({ status: 200, body: { errcode, errmsg }, accepted: false });
  // WeCom's message names the rejected URL: the sender must keep it out of its delivery log.
  if (req.path !== "/cgi-bin/webhook/send" || req.query.get("key") !== o.key)
    return fail(93000, `invalid webhook url, hint: [${req.path}?${req.query.toString()}], more info at https://open.work.weixin.qq.com/devtool/query?e=93000`);
  const body = parseJson(req.raw);
  const markdown = body?.markdown;
  if (!body || body.msgtype !== "markdown" || !isObject(markdown) || typeof markdown.content !== "string") return fail(40008, "invalid message type");
  // The limit is documented (4096 bytes of UTF-8); the receiver's code for crossing it is its own.
  if (Buffer.byteLength(markdown.content) > 4096) return fail(40058, "markdown.content exceed max length 4096");
  return { status: 200, body: { errcode: 0, errmsg: "ok" }, accepted: true };
}

/** DingTalk's custom robot. */
export function verifyDingtalk(req: Incoming, o: VerifyOptions): Answer {
  const fail = (errcode: number, errmsg: string): Answer => ({ status: 200, body: { errcode, errmsg }, accepted: false });
  if (req.path !== "/robot/send" || req.query.get("access_token") !== o.key) return fail(300005, "token is not exist");
  if (o.secret) {
    const timestamp = req.query.get("timestamp") ?? "";
    const sign = req.query.get("sign") ?? "";
    const fresh = /^\d+$/.test(timestamp) && Math.abs(o.now - Number(timestamp)) <= 3_600_000;
    const expected = createHmac("sha256", o.secret).update(`${timestamp}\n${o.secret}`).digest("base64");
    if (!fresh || !sameText(sign, expected))
      return fail(310000, "sign not match, more: [https://open.dingtalk.com/document/robots/customize-robot-security-settings]");
  }
  const body = parseJson(req.raw);
  const markdown = body?.markdown;
  if (!body || body.msgtype !== "markdown" || !isObject(markdown) || typeof markdown.title !== "string" || typeof markdown.text !== "string")
    return fail(40035, "缺少参数 json");
  return { status: 200, body: { errcode: 0, errmsg: "ok" }, accepted: true };
}

export const SLACK_PATH_PREFIX = "/services/T0RECEIVER/B0RECEIVER/";

/** Slack's incoming webhook: the answers are words, as Slack's are. */
export function verifySlack(req: Incoming, o: VerifyOptions): Answer {
  const fail = (status: number, word: string): Answer => ({ status, body: word, accepted: false });
  if (!req.path.startsWith(SLACK_PATH_PREFIX)) return fail(404, "no_service");
  if (req.path !== `${SLACK_PATH_PREFIX}${o.key}`) return fail(403, "invalid_token");
  const body = parseJson(req.raw);
  if (!body) return fail(400, "invalid_payload");
  if (typeof body.text !== "string" && !Array.isArray(body.blocks)) return fail(400, "missing_text_or_fallback_or_attachments");
  if (body.blocks !== undefined && (!Array.isArray(body.blocks) || !body.blocks.every((b) => isObject(b) && typeof b.type === "string")))
    return fail(400, "invalid_blocks");
  return { status: 200, body: "ok", accepted: true };
}
