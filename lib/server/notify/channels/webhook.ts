import "server-only";
/**
 * Generic webhook, signed as Standard Webhooks 1.0 specifies (https://www.standardwebhooks.com, spec/standard-webhooks.md):
 * headers `webhook-id` (the event id: the same on every retry, the receiver's idempotency key), `webhook-timestamp`
 * (this attempt, integer Unix seconds) and `webhook-signature` = `v1,` + base64(HMAC-SHA256(key, `{id}.{timestamp}.{body}`)),
 * the key being the base64-decoded part of the `whsec_…` secret. Receivers are told to refuse timestamps more than
 * 5 minutes off their clock.
 *
 * Body (minified JSON; the signature covers its exact bytes):
 *
 *   {
 *     "type": "deploy.failed",               // the event kind
 *     "timestamp": "2026-12-07T10:00:00Z",   // when the event happened (not this attempt)
 *     "data": {
 *       "id", "kind", "at", "ledgerId",      // the event, and the ledger row that caused it
 *       "app": { "id", "name" }, "taskId", "recordId", "targetRecordId",
 *       "actor": { "name", "email" },        // the person who acted in the console; null fields when unknown
 *       "reason", "link",                    // link: the record (or task) page, absolute; null without a base URL
 *       "finish": { "state", "durationMs", "failedStep", "faqUrl" } | null,   // deploy.succeeded / failed / stopped
 *       "refusal": { "status", "code", "message" } | null,                    // deploy.refused
 *       "detail": { … },                     // lock.*: until; approval.*: requestId; freeze.overridden: windows
 *       "text": { "language", "title", "summary", "fields": [{ "label", "value", "href"? }] }
 *                                            // the event in words, in the channel's language (for forwarding)
 *     }
 *   }
 *
 * Every field is always present (null when unknown), so a consumer's schema need not guess.
 */
import { createHmac } from "node:crypto";
import { WEBHOOK_SECRET_PATTERN } from "../../../schemas/notify";
import { describe } from "../describe";
import type { Channel, NotifyEvent, Sender } from "../types";
import { misconfigured, postJson } from "./http";

function webhookPayload(event: NotifyEvent, language: Channel["language"]) {
  const words = describe(event, language);
  return {
    type: event.kind,
    timestamp: event.at,
    data: {
      id: event.id,
      kind: event.kind,
      at: event.at,
      ledgerId: event.ledgerId,
      app: { id: event.app.id, name: event.app.name },
      taskId: event.taskId,
      recordId: event.recordId,
      targetRecordId: event.targetRecordId,
      actor: { name: event.actor.name, email: event.actor.email },
      reason: event.reason,
      link: event.link,
      finish: event.finish,
      refusal: event.refusal,
      detail: event.detail,
      text: { language, title: words.title, summary: words.summary, fields: words.fields },
    },
  };
}

/** `v1,<base64>` over `{id}.{timestamp}.{body}`, keyed by the decoded secret. */
export function signStandardWebhook(secret: string, id: string, timestampS: number, body: string): string {
  const key = Buffer.from(secret.slice("whsec_".length), "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestampS}.${body}`).digest("base64")}`;
}

export const sendWebhook: Sender = async (channel, event, ctx) => {
  if (!channel.url) return misconfigured("no URL");
  if (!channel.secret || !WEBHOOK_SECRET_PATTERN.test(channel.secret)) return misconfigured("the secret is not a whsec_ secret");
  // The spec forbids `.` in the id (it delimits the signed content); outbox ids are UUIDs.
  if (event.id.includes(".")) return misconfigured("event id contains a full stop");
  const timestampS = Math.floor(ctx.now / 1000);
  const body = JSON.stringify(webhookPayload(event, channel.language));
  return postJson(
    {
      url: channel.url,
      body,
      headers: {
        "webhook-id": event.id,
        "webhook-timestamp": String(timestampS),
        "webhook-signature": signStandardWebhook(channel.secret, event.id, timestampS, body),
      },
      secrets: [channel.secret],
    },
    ctx,
  );
};
