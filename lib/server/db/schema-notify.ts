import "server-only";
/**
 * Table types of notifications (migration 0011): the record watcher's rows, the outbox, channels, subscriptions,
 * deliveries, users' watches and the in-console inbox. Merged into `Database` (schema.ts). Times are ISO-8601 UTC.
 */
import type { Selectable } from "kysely";
import type { ChannelKind, EventKind, NotifyLanguage } from "../../schemas/notify";

/** One row per record started through the console until it is final: the watcher's work list. */
export interface RecordWatchTable {
  record_id: string;
  task_id: string;
  /** The `started` ledger row; the `finished` row's correlation. */
  ledger_id: string;
  started_at: string;
  /** When the record is next asked about (backs off as the deployment runs long, or the gateway throttles). */
  next_at: string;
  checks: number;
  lease_until: string | null;
  lease_owner: string | null;
}

/** Events, written in the transaction of the ledger row that causes them; `routed_at` once fanned out. */
export interface OutboxTable {
  id: string;
  kind: EventKind;
  at: string;
  ledger_id: string;
  task_id: string | null;
  record_id: string | null;
  /** JSON NotifyEvent (lib/server/notify/types.ts). */
  payload: string;
  routed_at: string | null;
  lease_until: string | null;
  lease_owner: string | null;
}

export interface NotifyChannelsTable {
  id: string;
  name: string;
  kind: ChannelKind;
  language: NotifyLanguage;
  /** secret-box sealed JSON { url, secret, to }. */
  config: string;
  /** What the admin pages show of it: the URL masked, or the recipients. */
  target: string;
  has_secret: number;
  enabled: number;
  created_by: string;
  created_at: string;
  updated_at: string | null;
}

export interface NotifySubscriptionsTable {
  id: string;
  channel_id: string;
  /** JSON SubscriptionScope. */
  scope: string;
  /** JSON EventKind[]. */
  events: string;
  created_by: string;
  created_at: string;
}

/** One per event and channel: at least once, with back-off, then dead letter. */
export interface NotifyDeliveriesTable {
  id: string;
  event_id: string;
  /** A channel's delivery, or (user_id) a watcher's e-mail: exactly one of the two. */
  channel_id: string | null;
  user_id: string | null;
  state: "pending" | "delivered" | "dead";
  attempts: number;
  next_at: string | null;
  lease_until: string | null;
  lease_owner: string | null;
  last_at: string | null;
  last_status: number | null;
  last_answer: string | null;
  created_at: string;
}

/** A user watching an app (by task id, record_id '') or a single record of it. */
export interface UserWatchesTable {
  user_id: string;
  task_id: string;
  record_id: string;
  /** 1: watched events are also e-mailed (when SMTP_URL is set). */
  email: number;
  language: NotifyLanguage;
  created_at: string;
}

export interface InboxTable {
  id: string;
  user_id: string;
  event_id: string;
  kind: EventKind;
  at: string;
  /** JSON NotifyEvent, as the inbox page shows it. */
  payload: string;
  read_at: string | null;
}

export interface NotifyDatabase {
  record_watch: RecordWatchTable;
  outbox: OutboxTable;
  notify_channels: NotifyChannelsTable;
  notify_subscriptions: NotifySubscriptionsTable;
  notify_deliveries: NotifyDeliveriesTable;
  user_watches: UserWatchesTable;
  inbox: InboxTable;
}

export type OutboxRow = Selectable<OutboxTable>;
export type ChannelRow = Selectable<NotifyChannelsTable>;
export type DeliveryRow = Selectable<NotifyDeliveriesTable>;
export type RecordWatchRow = Selectable<RecordWatchTable>;
