import "server-only";
/**
 * WeCom (企业微信) group bot (群机器人配置说明, developer.work.weixin.qq.com/document/path/91770): POST JSON to the
 * bot's URL, `…/cgi-bin/webhook/send?key=KEY` — the key is the whole credential, there is no signature. A markdown
 * message is `{msgtype: "markdown", markdown: {content}}`, content at most 4096 bytes of UTF-8; its markdown knows
 * bold, links, quotes and `<font color="info|comment|warning">`. WeCom answers `{errcode: 0, errmsg: "ok"}`; a
 * failure is a non-zero errcode in a 200 (93000: no such bot — final; 45009: rate limited, 20 a minute per bot, and
 * -1: system busy — both pass).
 */
import { describe } from "../describe";
import type { Channel, NotifyEvent, Sender } from "../types";
import { codeJudge, misconfigured, postJson } from "./http";
import { TONES, type Tone, fitLines, markdownHref, markdownLines, plainMarkdown } from "./render";

export const WECOM_CONTENT_MAX_BYTES = 4096;
const RETRYABLE_CODES = [-1, 45009];
/** WeCom's three font colours: info is green, warning orange-red, comment grey. */
const COLOUR: Record<Tone, string> = { good: "info", bad: "warning", hold: "warning", start: "comment", quiet: "comment" };

function wecomMarkdown(event: NotifyEvent, language: Channel["language"]): string {
  const words = describe(event, language);
  const title = `**<font color="${COLOUR[TONES[event.kind]]}">${plainMarkdown(words.title)}</font>**`;
  const lines = markdownLines(words.fields, plainMarkdown, language).map((l) => `> ${l}`);
  const link = words.link ? [`[${plainMarkdown(words.link.label)}](${markdownHref(words.link.href)})`] : [];
  return fitLines([title], lines, link, "\n", WECOM_CONTENT_MAX_BYTES);
}

export const sendWecom: Sender = async (channel, event, ctx) => {
  if (!channel.url) return misconfigured("no URL");
  const body = JSON.stringify({ msgtype: "markdown", markdown: { content: wecomMarkdown(event, channel.language) } });
  return postJson({ url: channel.url, body, judge: codeJudge(["errcode"], RETRYABLE_CODES) }, ctx);
};
