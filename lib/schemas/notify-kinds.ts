/**
 * The notification vocabulary as plain constants (no zod), so client components — the admin's channel and
 * subscription forms — can list them without a schema library; lib/schemas/notify.ts builds its schemas on them.
 */
export const EVENT_KINDS = [
  "deploy.started",
  "rollback.started",
  "deploy.succeeded",
  "deploy.failed",
  "deploy.stopped",
  "deploy.refused",
  "lock.created",
  "lock.released",
  "lock.broken",
  "freeze.overridden",
  "approval.requested",
  "approval.approved",
  "approval.rejected",
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const CHANNEL_KINDS = ["webhook", "feishu", "wecom", "dingtalk", "slack", "email"] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const NOTIFY_LANGUAGES = ["en", "zh-CN"] as const;
export type NotifyLanguage = (typeof NOTIFY_LANGUAGES)[number];

/** Standard Webhooks secret: `whsec_` and the base64 of 24–64 random bytes. */
export const WEBHOOK_SECRET_PATTERN = /^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/;
