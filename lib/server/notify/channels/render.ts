import "server-only";
/**
 * What the chat renderers share: an event's tone (the colour a card or a title gets), text made safe for one line
 * of a chat's markdown, and clipping by UTF-8 bytes (the platforms count bytes, not characters).
 */
import type { EventKind, NotifyLanguage } from "../../../schemas/notify";
import type { Field } from "../describe";

/** good: it worked; bad: it failed or was refused; hold: locks and freezes; start: under way; quiet: the rest. */
export type Tone = "good" | "bad" | "hold" | "start" | "quiet";

export const TONES: Record<EventKind, Tone> = {
  "deploy.started": "start",
  "rollback.started": "start",
  "deploy.succeeded": "good",
  "deploy.failed": "bad",
  "deploy.stopped": "quiet",
  "deploy.refused": "bad",
  "lock.created": "hold",
  "lock.released": "hold",
  "lock.broken": "hold",
  "freeze.overridden": "hold",
  "approval.requested": "start",
  "approval.approved": "good",
  "approval.rejected": "bad",
};

/**
 * One line of free text (a reason, an app name, the cloud's message): line breaks and runs of blanks become one
 * space, so a value cannot start a heading, a list or a quote of its own in the chat's markdown.
 */
export const oneLine = (value: string) => value.replace(/\s+/g, " ").trim();

/** Only http(s) links become links (a FAQ URL comes from the cloud; anything else is shown as text). */
export const isWebLink = (href: string) => URL.canParse(href) && /^https?:$/.test(new URL(href).protocol);

/**
 * For WeCom's and DingTalk's markdown, which document no escaping: an e-mail in angle brackets (the person, as
 * describe() writes it) is shown in parentheses, which both render as written; a WeCom mention (`<@userid>`) cannot
 * be formed.
 */
export const plainMarkdown = (value: string) =>
  oneLine(value)
    .replace(/<([^<>\s]+@[^<>\s]+)>/g, "($1)")
    .replace(/<@/g, "< @");

/** For the markdown flavours that take HTML entities (Slack's mrkdwn documents exactly these three; Feishu's lark_md). */
export const entityMarkdown = (value: string) => oneLine(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A URL inside markdown's `(…)`: parentheses and blanks encoded, so the link cannot end early. */
export const markdownHref = (href: string) => href.replace(/[()\s]/g, (c) => (c === "(" ? "%28" : c === ")" ? "%29" : encodeURIComponent(c)));

/** The label's colon in the channel's language. */
export const colonOf = (language: NotifyLanguage) => (language === "zh-CN" ? "：" : ":");

/** `**Label:** value` lines (a linked value as `[value](href)`), each value escaped by `esc`. */
export function markdownLines(fields: readonly Field[], esc: (v: string) => string, language: NotifyLanguage): string[] {
  return fields.map((f) => {
    const value = f.href && isWebLink(f.href) ? `[${esc(f.value).replace(/[[\]]/g, "")}](${markdownHref(f.href)})` : esc(f.value);
    return `**${esc(f.label)}${colonOf(language)}** ${value}`;
  });
}

const utf8 = new TextEncoder();
const byteLength = (text: string) => utf8.encode(text).byteLength;

/** Cut to at most `max` UTF-8 bytes on a character boundary (never inside a surrogate pair), `…` when cut. */
function clipBytes(text: string, max: number): string {
  if (byteLength(text) <= max) return text;
  const room = max - byteLength("…");
  let out = "";
  let used = 0;
  for (const ch of text) {
    const n = byteLength(ch);
    if (used + n > room) break;
    out += ch;
    used += n;
  }
  return `${out}…`;
}

/**
 * Lines joined by `sep` within `max` bytes: whole lines are dropped from the end (the title and the link first
 * kept) and `…` marks the cut, so no markdown construct (a link, a font tag) is cut in the middle.
 */
export function fitLines(head: readonly string[], body: readonly string[], tail: readonly string[], sep: string, max: number): string {
  const join = (b: readonly string[]) => [...head, ...b, ...tail].join(sep);
  if (byteLength(join(body)) <= max) return join(body);
  const kept = [...body];
  while (kept.length > 0 && byteLength(join([...kept, "…"])) > max) kept.pop();
  const fitted = join([...kept, "…"]);
  return byteLength(fitted) <= max ? fitted : clipBytes(fitted, max);
}
