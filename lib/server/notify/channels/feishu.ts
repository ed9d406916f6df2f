import "server-only";
/**
 * Feishu / Lark custom bot (自定义机器人使用指南, open.feishu.cn/document/client-docs/bot-v3/add-custom-bot): POST
 * JSON to the hook URL, an interactive card (`msg_type: "interactive"`, `card: {config, header, elements}`). With
 * signature verification on, the body also carries `timestamp` (seconds, a string) and `sign` =
 * base64(HMAC-SHA256(key = `{timestamp}\n{secret}`, message = empty)); Feishu refuses timestamps more than an hour
 * off. Feishu answers `{code: 0, msg: "success"}`; a failure is a non-zero `code`, also in a 200 (19021: sign or
 * timestamp; 9499: bad request; 11232: rate limited — 100 a minute, 5 a second per bot). Older answers carry
 * `StatusCode` instead of `code`. The body must stay under 20 KB.
 */
import { createHmac } from "node:crypto";
import { describe } from "../describe";
import type { Channel, NotifyEvent, Sender } from "../types";
import { codeJudge, misconfigured, postJson } from "./http";
import { TONES, type Tone, entityMarkdown, fitLines, markdownLines } from "./render";

/** Header templates Feishu's cards offer, by tone. */
const TEMPLATE: Record<Tone, string> = { good: "green", bad: "red", hold: "orange", start: "blue", quiet: "grey" };
/** Rate limited: a later attempt goes through. */
const RETRYABLE_CODES = [11232];
/** Room for the card's lines within Feishu's 20 KB body (the rest is the card's frame, the title and the button). */
const LINES_MAX_BYTES = 12 * 1024;

function feishuSign(secret: string, timestampS: number): string {
  return createHmac("sha256", `${timestampS}\n${secret}`).update("").digest("base64");
}

function feishuCard(event: NotifyEvent, language: Channel["language"]) {
  const words = describe(event, language);
  const lines = fitLines([], markdownLines(words.fields, entityMarkdown, language), [], "\n", LINES_MAX_BYTES);
  return {
    config: { wide_screen_mode: true },
    header: { title: { tag: "plain_text", content: words.title }, template: TEMPLATE[TONES[event.kind]] },
    elements: [
      { tag: "div", text: { tag: "lark_md", content: lines } },
      ...(words.link
        ? [{ tag: "action", actions: [{ tag: "button", text: { tag: "plain_text", content: words.link.label }, type: "primary", url: words.link.href }] }]
        : []),
    ],
  };
}

export const sendFeishu: Sender = async (channel, event, ctx) => {
  if (!channel.url) return misconfigured("no URL");
  const timestampS = Math.floor(ctx.now / 1000);
  const signing = channel.secret ? { timestamp: String(timestampS), sign: feishuSign(channel.secret, timestampS) } : {};
  const body = JSON.stringify({ ...signing, msg_type: "interactive", card: feishuCard(event, channel.language) });
  return postJson({ url: channel.url, body, secrets: [channel.secret], judge: codeJudge(["code", "StatusCode"], RETRYABLE_CODES) }, ctx);
};
