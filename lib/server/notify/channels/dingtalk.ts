import "server-only";
/**
 * DingTalk (钉钉) custom robot (自定义机器人接入, open.dingtalk.com/document/robots/custom-robot-access): POST JSON to
 * `…/robot/send?access_token=TOKEN`, a markdown message `{msgtype: "markdown", markdown: {title, text}}` (the title
 * is what the conversation list previews). With 加签 (signing) on, the URL also gets `timestamp` (milliseconds,
 * within an hour of DingTalk's clock) and `sign` = urlEncode(base64(HMAC-SHA256(key = secret, message =
 * `{timestamp}\n{secret}`))), UTF-8 throughout. DingTalk answers `{errcode: 0, errmsg: "ok"}`; a failure is a
 * non-zero errcode in a 200 (310000: signature, keyword or IP allow-list refused — final; 130101: sent too fast,
 * 20 a minute per robot, and -1: system busy — both pass).
 */
import { createHmac } from "node:crypto";
import { describe } from "../describe";
import type { Channel, NotifyEvent, Sender } from "../types";
import { codeJudge, misconfigured, postJson } from "./http";
import { markdownHref, markdownLines, plainMarkdown } from "./render";

const RETRYABLE_CODES = [-1, 130101];

/** The signature before URL encoding (URLSearchParams encodes it as Java's URLEncoder does: + / = escaped). */
function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac("sha256", secret).update(`${timestampMs}\n${secret}`).digest("base64");
}

function dingtalkMarkdown(event: NotifyEvent, language: Channel["language"]) {
  const words = describe(event, language);
  // DingTalk's markdown breaks lines on a blank line; list items keep the fields apart on every client.
  const text = [
    `### ${plainMarkdown(words.title)}`,
    ...markdownLines(words.fields, plainMarkdown, language).map((l) => `- ${l}`),
    ...(words.link ? [`[${plainMarkdown(words.link.label)}](${markdownHref(words.link.href)})`] : []),
  ].join("\n\n");
  return { title: plainMarkdown(words.title), text };
}

function signedDingtalkUrl(url: string, secret: string | null, nowMs: number): string {
  if (!secret) return url;
  const u = new URL(url);
  u.searchParams.set("timestamp", String(nowMs));
  u.searchParams.set("sign", dingtalkSign(secret, nowMs));
  return u.href;
}

export const sendDingtalk: Sender = async (channel, event, ctx) => {
  if (!channel.url || !URL.canParse(channel.url)) return misconfigured("no URL");
  const body = JSON.stringify({ msgtype: "markdown", markdown: dingtalkMarkdown(event, channel.language) });
  return postJson(
    {
      url: signedDingtalkUrl(channel.url, channel.secret, ctx.now),
      body,
      secrets: [channel.url, channel.secret],
      judge: codeJudge(["errcode"], RETRYABLE_CODES),
    },
    ctx,
  );
};
