/**
 * Notifications (isomorphic contract): the event kinds, the channels admins configure (GET/POST
 * /api/admin/channels, PATCH/DELETE /api/admin/channels/{id}, POST …/{id}/test, GET …/{id}/deliveries, POST
 * /api/admin/deliveries/{id}/retry) and the subscriptions that route events to them (…/api/admin/subscriptions).
 * A channel's URL and secret are write-only: answers carry a masked hint, never the value.
 */
import { z } from "zod";
import { idSchema, textSchema, uuidSchema } from "./common";
import { type FreezeScope, appScopeSchema } from "./freeze-windows";
import { CHANNEL_KINDS, EVENT_KINDS, NOTIFY_LANGUAGES, WEBHOOK_SECRET_PATTERN } from "./notify-kinds";

export { WEBHOOK_SECRET_PATTERN };
export type { ChannelKind, EventKind, NotifyLanguage } from "./notify-kinds";

const eventKindSchema = z.enum(EVENT_KINDS, { error: `must be one of ${EVENT_KINDS.join(", ")}` });
const channelKindSchema = z.enum(CHANNEL_KINDS, { error: `must be one of ${CHANNEL_KINDS.join(", ")}` });

/** Feishu's and DingTalk's bot secrets: printable ASCII without spaces (DingTalk's start with SEC). */
const BOT_SECRET_PATTERN = /^[\x21-\x7e]{8,200}$/;

const urlSchema = (httpsOnly: boolean) =>
  textSchema()
    .trim()
    .max(2000)
    .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), "must be an http(s) URL")
    .refine(
      (v) => !httpsOnly || v.startsWith("https://"),
      "must be an https:// URL (the console talks to Huawei Cloud: plain http would expose the bot's credential)",
    );

const emailListSchema = z
  .array(textSchema().trim().toLowerCase().max(320).pipe(z.email("must be an e-mail address")))
  .min(1, "must name at least one recipient")
  .max(50);

/** POST /api/admin/channels. `httpsOnly` in cloud mode (demo mode talks to local receivers over http). */
export const channelBodySchema = (httpsOnly: boolean) =>
  z
    .object({
      name: textSchema().trim().min(1, "must not be empty").max(100),
      kind: channelKindSchema,
      language: z.enum(NOTIFY_LANGUAGES, { error: "must be en or zh-CN" }).default("en"),
      url: urlSchema(httpsOnly).optional(),
      secret: textSchema().trim().max(200).optional(),
      to: emailListSchema.optional(),
      enabled: z.boolean().default(true),
    })
    .strict()
    .superRefine((b, ctx) => {
      const need = (path: "url" | "to" | "secret", message: string) => ctx.addIssue({ code: "custom", path: [path], message });
      if (b.kind === "email") {
        if (!b.to) need("to", "is required for an e-mail channel");
        if (b.url) need("url", "is not used by an e-mail channel");
        if (b.secret) need("secret", "is not used by an e-mail channel");
        return;
      }
      if (!b.url) need("url", `is required for a ${b.kind} channel`);
      if (b.to) need("to", `is not used by a ${b.kind} channel`);
      if (b.kind === "webhook" && !(b.secret && WEBHOOK_SECRET_PATTERN.test(b.secret)))
        need("secret", "must be a Standard Webhooks secret: whsec_ followed by the base64 of 24–64 random bytes");
      if ((b.kind === "feishu" || b.kind === "dingtalk") && b.secret !== undefined && b.secret !== "" && !BOT_SECRET_PATTERN.test(b.secret))
        need("secret", "must be the bot's signing secret as the platform shows it (8–200 printable characters, no spaces)");
      if ((b.kind === "wecom" || b.kind === "slack") && b.secret) need("secret", `is not used by a ${b.kind} channel (its URL is the credential)`);
      if (b.kind === "wecom" && b.url && URL.canParse(b.url) && !new URL(b.url).searchParams.get("key"))
        need("url", "must carry the bot's key (…/webhook/send?key=…)");
      if (b.kind === "dingtalk" && b.url && URL.canParse(b.url) && !new URL(b.url).searchParams.get("access_token"))
        need("url", "must carry the robot's access_token (…/robot/send?access_token=…)");
    });
export type ChannelBody = z.infer<ReturnType<typeof channelBodySchema>>;

/** PATCH: name, language and enabled; a new url/secret/to replaces the old one (omitted: kept). */
export const channelPatchSchema = z
  .object({
    name: textSchema().trim().min(1, "must not be empty").max(100).optional(),
    language: z.enum(NOTIFY_LANGUAGES, { error: "must be en or zh-CN" }).optional(),
    enabled: z.boolean().optional(),
  })
  .strict();

export const channelSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: channelKindSchema,
  language: z.enum(NOTIFY_LANGUAGES),
  enabled: z.boolean(),
  /** The URL with its credential masked (`https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…d2f1`), or the recipients. */
  target: z.string(),
  hasSecret: z.boolean(),
  createdBy: z.string(),
  createdAt: z.string(),
  /** Deliveries waiting for a retry and dead letters, as of the answer. */
  pending: z.number().int(),
  dead: z.number().int(),
});
export type ChannelView = z.infer<typeof channelSchema>;

/** Which apps a subscription covers: all, the listed teams' apps, or listed apps — as a freeze window's scope. */
export const subscriptionScopeSchema = appScopeSchema;
export type SubscriptionScope = FreezeScope;

export const subscriptionBodySchema = z
  .object({
    channelId: uuidSchema,
    scope: subscriptionScopeSchema,
    events: z.array(eventKindSchema).min(1, "must name at least one event kind").max(EVENT_KINDS.length),
  })
  .strict();
export type SubscriptionBody = z.infer<typeof subscriptionBodySchema>;

export const subscriptionSchema = subscriptionBodySchema.extend({ id: z.string(), channelName: z.string(), createdBy: z.string(), createdAt: z.string() });
export type SubscriptionView = z.infer<typeof subscriptionSchema>;

const DELIVERY_STATES = ["pending", "delivered", "dead"] as const;
export const deliverySchema = z.object({
  id: z.string(),
  eventId: z.string(),
  kind: eventKindSchema,
  eventAt: z.string(),
  appName: z.string().nullable(),
  state: z.enum(DELIVERY_STATES),
  attempts: z.number().int(),
  lastAt: z.string().nullable(),
  lastStatus: z.number().int().nullable(),
  /** The receiver's answer (clipped), or why no answer arrived. */
  lastAnswer: z.string().nullable(),
  nextAt: z.string().nullable(),
});
export type DeliveryView = z.infer<typeof deliverySchema>;

/** POST /api/admin/channels/{id}/test: what the receiver answered to a test message. */
export const testAnswerSchema = z.object({ ok: z.boolean(), status: z.number().int().nullable(), body: z.string() });
export type TestAnswer = z.infer<typeof testAnswerSchema>;

export const channelParamsSchema = z.object({ id: uuidSchema }).strict();
export const deliveryParamsSchema = z.object({ id: uuidSchema }).strict();
export const subscriptionParamsSchema = z.object({ id: uuidSchema }).strict();

// ---- The user's side: watches and the inbox (GET/PUT/DELETE /api/me/watches, GET /api/me/inbox, POST /api/me/inbox/read)

/** What a user watches: an app (by its task id), or one record of it. */
export const watchBodySchema = z
  .object({
    taskId: idSchema,
    recordId: idSchema.optional(),
    /** Also by e-mail (when the console has SMTP_URL). */
    email: z.boolean().default(false),
    /** The e-mails' language: the page's when the user started watching. */
    language: z.enum(NOTIFY_LANGUAGES, { error: "must be en or zh-CN" }).default("en"),
  })
  .strict();
export type WatchBody = z.infer<typeof watchBodySchema>;
export const watchQuerySchema = z.object({ taskId: idSchema, recordId: idSchema.optional() }).strict();
export const watchSchema = z.object({ taskId: z.string(), recordId: z.string().nullable(), email: z.boolean(), createdAt: z.string() });
export type Watch = z.infer<typeof watchSchema>;

export const inboxItemSchema = z.object({
  id: z.string(),
  kind: eventKindSchema,
  at: z.string(),
  read: z.boolean(),
  appName: z.string().nullable(),
  taskId: z.string().nullable(),
  recordId: z.string().nullable(),
  actor: z.object({ name: z.string().nullable(), email: z.string().nullable() }),
  reason: z.string().nullable(),
  /** The console page the event is about (a path: the inbox links within the console). */
  path: z.string().nullable(),
  finishState: z.string().nullable(),
});
export type InboxItem = z.infer<typeof inboxItemSchema>;
export const inboxSchema = z.object({ items: z.array(inboxItemSchema), unread: z.number().int() });
export type Inbox = z.infer<typeof inboxSchema>;
export const inboxQuerySchema = z.object({ unread: z.enum(["1", "0"]).optional() }).strict();
/** Marks the listed items read, or all of them when `ids` is omitted. */
export const inboxReadBodySchema = z.object({ ids: z.array(uuidSchema).min(1).max(500).optional() }).strict();
