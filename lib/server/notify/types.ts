import "server-only";
/**
 * The notification contract inside the server: an event as the outbox keeps it (written in the transaction of the
 * ledger row that causes it), a channel as the dispatcher hands it to a sender (secrets decrypted), and what a
 * sender answers. Senders are in ./channels; the dispatcher (./dispatch.ts) is the only caller.
 */
import type { Finish } from "../../schemas/ledger";
import type { EventKind, NotifyLanguage, ChannelKind } from "../../schemas/notify";

export type { Finish } from "../../schemas/ledger";

/** One event, as delivered. Built once from its ledger row; every channel renders it in its own language. */
export interface NotifyEvent {
  /** Stable event id (the outbox row's id): the receiver de-duplicates on it (webhook-id, e-mail Message-ID…). */
  id: string;
  kind: EventKind;
  /** ISO-8601 UTC, the ledger row's time. */
  at: string;
  /** The ledger row that caused the event. */
  ledgerId: string;
  app: { id: string | null; name: string | null };
  taskId: string | null;
  /** The record the event is about (the started, finished or stopped one), when known. */
  recordId: string | null;
  /** Rollbacks: the record returned to. */
  targetRecordId: string | null;
  /** The person who acted in the console (not the cloud's IAM user); null fields when unknown. */
  actor: { name: string | null; email: string | null };
  reason: string | null;
  /** Absolute link to the record page (or the task page when no record is known); null when no base URL is known. */
  link: string | null;
  /** deploy.succeeded / failed / stopped. */
  finish: Finish | null;
  /** deploy.refused: the console's answer (409 deploy_in_progress, 423 task_locked / frozen, …). */
  refusal: { status: number; code: string | null; message: string | null } | null;
  /** lock.* events: until when (ISO). approval.*: the request id. freeze.overridden: the windows' names. */
  detail: Record<string, string | null>;
}

/** A channel as a sender gets it: secrets in clear, in memory only (stored encrypted, see ./secret-box.ts). */
export interface Channel {
  id: string;
  name: string;
  kind: ChannelKind;
  language: NotifyLanguage;
  /** webhook/feishu/wecom/dingtalk/slack: the URL (a credential for WeCom, DingTalk, Slack); email: unused. */
  url: string | null;
  /** webhook: `whsec_<base64>`; feishu / dingtalk: the optional signing secret. */
  secret: string | null;
  /** email: recipients. */
  to: string[];
}

/** What one attempt got back. `body` is the receiver's answer, clipped (shown in the delivery log, never a secret). */
export interface DeliveryAnswer {
  ok: boolean;
  /** HTTP status (SMTP reply code for e-mail); null when no answer arrived (refused, timed out). */
  status: number | null;
  body: string;
  /** False when trying again cannot help (e.g. 400 with a payload error, 404 bot deleted): dead-lettered at once. */
  retryable: boolean;
}

export interface SendContext {
  /** Milliseconds since the epoch: signatures' timestamps (tests move it). */
  now: number;
  /** Per attempt. */
  timeoutMs: number;
  /** SMTP_URL (email only); null when unset. */
  smtpUrl: string | null;
  /** The From of e-mails. */
  mailFrom: string;
}

export type Sender = (channel: Channel, event: NotifyEvent, ctx: SendContext) => Promise<DeliveryAnswer>;
