import "server-only";
/**
 * E-mail: one message per event to the channel's recipients over SMTP_URL (smtp:// with STARTTLS when offered,
 * smtps:// for implicit TLS; nodemailer's URL options such as `?requireTLS=true` apply). The Message-ID is the
 * event's, so a re-delivery after a lost answer is the same message to receivers and clients that de-duplicate.
 *
 * One connection per attempt, no pool: events are rare, a pool's idle connections would be dropped by the relay
 * (421) between them, and every attempt gets its own deadline (ctx.timeoutMs, the connection closed when it passes).
 */
import nodemailer, { type NodemailerError } from "nodemailer";
import { parseConnectionUrl } from "nodemailer/lib/shared";
import type { NotifyLanguage } from "../../../schemas/notify";
import { describe, type Described } from "../describe";
import type { DeliveryAnswer, Sender } from "../types";
import { ANSWER_MAX_CHARS, scrub } from "./http";
import { colonOf, isWebLink, oneLine } from "./render";

const clip = (s: string) => (s.length > ANSWER_MAX_CHARS ? `${s.slice(0, ANSWER_MAX_CHARS - 1)}…` : s);

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** One field a line: a value cannot add lines of its own (a reason that fakes a link line). */
function textPart(d: Described, lang: NotifyLanguage): string {
  const colon = `${colonOf(lang)}${lang === "zh-CN" ? "" : " "}`;
  const lines = [d.title, "", ...d.fields.map((f) => `${f.label}${colon}${oneLine(f.value)}${f.href && isWebLink(f.href) ? ` (${f.href})` : ""}`)];
  if (d.link) lines.push("", `${d.link.label}${colon}${d.link.href}`);
  return `${lines.join("\n")}\n`;
}

function htmlPart(d: Described, lang: NotifyLanguage): string {
  const cell = "padding:6px 16px 6px 0;vertical-align:top;border-bottom:1px solid #e5e7eb";
  const rows = d.fields
    .map((f) => {
      const value = f.href && isWebLink(f.href) ? `<a href="${escapeHtml(f.href)}" style="color:#1d4ed8">${escapeHtml(f.value)}</a>` : escapeHtml(f.value);
      return `<tr><th scope="row" style="${cell};text-align:left;font-weight:600;color:#4b5563;white-space:nowrap">${escapeHtml(f.label)}</th><td style="${cell}">${value}</td></tr>`;
    })
    .join("\n");
  const button =
    d.link && isWebLink(d.link.href)
      ? `<p style="margin:24px 0 0"><a href="${escapeHtml(d.link.href)}" style="display:inline-block;padding:10px 18px;border-radius:6px;background:#1d4ed8;color:#ffffff;font-weight:600;text-decoration:none">${escapeHtml(d.link.label)}</a></p>`
      : "";
  return [
    `<!doctype html>`,
    `<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><title>${escapeHtml(d.title)}</title></head>`,
    `<body style="margin:0;padding:24px;font-family:-apple-system,'Segoe UI','PingFang SC','Microsoft YaHei',sans-serif;font-size:14px;color:#111827">`,
    `<h1 style="margin:0 0 16px;font-size:18px">${escapeHtml(d.title)}</h1>`,
    `<table role="presentation" style="border-collapse:collapse">`,
    rows,
    `</table>`,
    button,
    `</body></html>`,
  ].join("\n");
}

/** Every form in which the SMTP password could appear in an answer or an error (as typed, in AUTH; scrub adds URL-encoded). */
function secretsOf(auth: { user?: string; pass?: string } | undefined): string[] {
  const pass = auth?.pass;
  if (!pass) return [];
  const user = auth.user ?? "";
  const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
  return [pass, b64(pass), b64(`\0${user}\0${pass}`), b64(`${user}\0${user}\0${pass}`)];
}

/** Errors that trying again cannot fix: the configuration, the credentials, the recipients as given. */
const PERMANENT_CODES = new Set(["EAUTH", "ENOAUTH", "ECONFIG", "EENVELOPE", "EMAXRECIPIENTS", "EREQUIRETLS"]);

function failed(err: unknown, timeoutMs: number, secrets: string[]): DeliveryAnswer {
  const e = (err instanceof Error ? err : new Error(String(err))) as NodemailerError;
  if (typeof e.responseCode === "number" && e.responseCode >= 400) {
    // RFC 5321: 4yz transient, 5yz permanent; 503 (bad sequence) is the session's state, not the message's fate.
    const code = e.responseCode;
    const body = e.response ?? e.message;
    return { ok: false, status: code, body: clip(scrub(`${e.command ? `${e.command}: ` : ""}${body}`, secrets)), retryable: code < 500 || code === 503 };
  }
  if (e.code === "EABORT" || e.name === "TimeoutError")
    return { ok: false, status: null, body: `no answer from the SMTP server within ${timeoutMs} ms`, retryable: true };
  const retryable = !PERMANENT_CODES.has(e.code ?? "");
  return { ok: false, status: null, body: clip(scrub(`${e.code ? `${e.code}: ` : ""}${e.message}`, secrets)), retryable };
}

export const sendEmail: Sender = async (channel, event, ctx) => {
  if (!ctx.smtpUrl) return { ok: false, status: null, body: "SMTP_URL is not set", retryable: false };
  if (channel.to.length === 0) return { ok: false, status: null, body: "the channel has no recipients", retryable: false };
  const options = parseConnectionUrl(ctx.smtpUrl);
  if (!URL.canParse(ctx.smtpUrl) || !/^smtps?:$/.test(new URL(ctx.smtpUrl).protocol) || !options.host)
    return { ok: false, status: null, body: "SMTP_URL is not an smtp:// or smtps:// URL with a host", retryable: false };
  const secrets = secretsOf(options.auth);

  const d = describe(event, channel.language);
  const transport = nodemailer.createTransport({
    ...options,
    connectionTimeout: ctx.timeoutMs,
    greetingTimeout: ctx.timeoutMs,
    socketTimeout: ctx.timeoutMs,
    dnsTimeout: ctx.timeoutMs,
    logger: false,
    debug: false,
  });
  try {
    const info = await transport.sendMail({
      from: ctx.mailFrom,
      to: channel.to,
      subject: d.summary,
      text: textPart(d, channel.language),
      html: htmlPart(d, channel.language),
      messageId: `<${event.id.replace(/[^A-Za-z0-9._-]/g, "-")}@codearts-console>`,
      date: new Date(ctx.now),
      headers: { "X-CodeArts-Event": event.kind, "Auto-Submitted": "auto-generated" },
      // The whole attempt, not only each wait: a server that answers slowly, line by line, is cut off too.
      signal: AbortSignal.timeout(ctx.timeoutMs),
    });
    const status = Number(/^\d{3}/.exec(info.response)?.[0] ?? 250);
    const rejected = info.rejected.length ? ` (refused: ${info.rejected.join(", ")})` : "";
    return { ok: true, status, body: clip(scrub(`${info.response}${rejected}`, secrets)), retryable: false };
  } catch (err) {
    return failed(err, ctx.timeoutMs, secrets);
  } finally {
    transport.close();
  }
};
