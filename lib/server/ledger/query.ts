import "server-only";
/**
 * Reading the ledger: the audit list (filters, paging), the CSV export (the whole filtered set in keyset batches)
 * and a record's rows. Visibility: a user sees the rows of the tasks they may view — everything with a role on
 * all apps, else the tasks of their grants (refused attempts by anyone included: an app's viewers see who tried).
 */
import { type ExpressionBuilder, type SelectQueryBuilder, sql } from "kysely";
import type { AuditAttempt, AuditFilters, LedgerEntry } from "../../schemas/ledger";
import type { Database } from "../db/schema";
import type { LedgerRow } from "../db/schema-ledger";
import type { Db } from "../db/schema";
import { toEntry } from "./store";

export type Visibility = "all" | ReadonlySet<string>;

const ID = /^[0-9a-z]{32}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A case-insensitive "contains" pattern with LIKE's wildcards escaped. */
const containsPattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const contains = (eb: ExpressionBuilder<Database, "ledger">, column: "app_name" | "actor_email" | "actor_name", text: string) =>
  eb(sql<string>`lower(${sql.ref(column)})`, "like", sql<string>`${containsPattern(text)} escape '\\'`);

/** `from` inclusive; `to` exclusive, a bare date meaning the whole day (UTC). */
export function timeRange(f: Pick<AuditFilters, "from" | "to">): { from?: string; to?: string } {
  const day = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);
  return {
    from: f.from ? new Date(day(f.from) ? `${f.from}T00:00:00Z` : f.from).toISOString() : undefined,
    to: f.to ? new Date(day(f.to) ? Date.parse(`${f.to}T00:00:00Z`) + 86_400_000 : Date.parse(f.to)).toISOString() : undefined,
  };
}

type Q = SelectQueryBuilder<Database, "ledger", object>;

/**
 * The filters on ledger rows; with `attempts`, on the rows that begin an attempt (requested or denied), an outcome
 * filter matching the attempt when any of its rows has that phase.
 */
function filtered<T extends Q>(q: T, f: AuditFilters, visible: Visibility, attempts = false): T {
  let out = q as Q;
  if (visible !== "all") {
    const tasks = [...visible];
    if (tasks.length === 0) return out.where(sql<boolean>`1 = 0`) as T;
    out = out.where("ledger.task_id", "in", tasks);
  }
  const app = f.app;
  if (app) out = out.where((eb) => (ID.test(app) ? eb.or([eb("ledger.app_id", "=", app), contains(eb, "app_name", app)]) : contains(eb, "app_name", app)));
  if (f.task) out = out.where("ledger.task_id", "=", f.task);
  const user = f.user;
  if (user) {
    out = out.where((eb) =>
      UUID.test(user) ? eb("ledger.actor_id", "=", user) : eb.or([contains(eb, "actor_email", user), contains(eb, "actor_name", user)]),
    );
  }
  if (f.action) out = out.where("ledger.action", "=", f.action);
  const outcome = f.outcome;
  if (attempts) out = out.where("ledger.correlation", "is", null);
  if (outcome && attempts) {
    out = out.where((eb) =>
      eb.or([
        eb("ledger.phase", "=", outcome),
        eb.exists(eb.selectFrom("ledger as o").select("o.id").whereRef("o.correlation", "=", "ledger.id").where("o.phase", "=", outcome)),
      ]),
    );
  } else if (outcome) out = out.where("ledger.phase", "=", outcome);
  const { from, to } = timeRange(f);
  if (from) out = out.where("ledger.at", ">=", from);
  if (to) out = out.where("ledger.at", "<", to);
  return out as T;
}

/** Resolution of the requested rows among `rows` (open, in doubt, closed), from the rows that answer them. */
function resolved(rows: LedgerRow[], outcomes: readonly Pick<LedgerRow, "correlation" | "phase">[]): LedgerEntry[] {
  return rows.map((r) => {
    if (r.phase !== "requested") return toEntry(r);
    const mine = outcomes.filter((o) => o.correlation === r.id);
    const resolution = mine.some((o) => o.phase !== "in_doubt") ? "closed" : mine.length > 0 ? "in_doubt" : "open";
    return toEntry(r, resolution);
  });
}

async function withResolution(db: Db, rows: LedgerRow[]): Promise<LedgerEntry[]> {
  const requested = rows.filter((r) => r.phase === "requested").map((r) => r.id);
  const outcomes = requested.length === 0 ? [] : await db.selectFrom("ledger").select(["correlation", "phase"]).where("correlation", "in", requested).execute();
  return resolved(rows, outcomes);
}

type Paged = AuditFilters & { page: number; size: number };

async function pageOfRows(db: Db, f: Paged, visible: Visibility, attempts: boolean) {
  const base = db.selectFrom("ledger");
  const [rows, count] = await Promise.all([
    filtered(base.selectAll("ledger"), f, visible, attempts)
      .orderBy("ledger.at", "desc")
      .orderBy("ledger.id", "desc")
      .limit(f.size)
      .offset((f.page - 1) * f.size)
      .execute(),
    filtered(
      base.select((eb) => eb.fn.countAll<string | number>().as("n")),
      f,
      visible,
      attempts,
    ).executeTakeFirst(),
  ]);
  return { rows, total: Number(count?.n ?? 0), page: f.page, size: f.size };
}

export async function listLedger(db: Db, f: Paged, visible: Visibility) {
  const { rows, ...page } = await pageOfRows(db, f, visible, false);
  return { items: await withResolution(db, rows), ...page };
}

/** Oldest first; within one millisecond a requested row before what answers it. */
const rank = (r: LedgerRow) => (r.phase === "requested" ? 0 : r.phase === "in_doubt" ? 1 : 2);
const chronological = (a: LedgerRow, b: LedgerRow) => (a.at === b.at ? rank(a) - rank(b) || (a.id < b.id ? -1 : 1) : a.at < b.at ? -1 : 1);

/** The audit list by attempt: each requested or denied row with the rows that answer it (see auditAttemptSchema). */
export async function listAttempts(db: Db, f: Paged, visible: Visibility): Promise<{ items: AuditAttempt[]; total: number; page: number; size: number }> {
  const { rows: heads, ...page } = await pageOfRows(db, f, visible, true);
  const ids = heads.map((h) => h.id);
  const answers = ids.length === 0 ? [] : await db.selectFrom("ledger").selectAll().where("correlation", "in", ids).execute();
  // One read of the answering rows serves both each attempt's rows and its requested row's resolution.
  const items = resolved(heads, answers).map((head) => {
    const own = answers.filter((a) => a.correlation === head.id).sort(chronological);
    // How it ended: the last decided outcome (an in-doubt row is interim), else the last one, else the request.
    const final = [...own].reverse().find((a) => a.phase !== "in_doubt") ?? own.at(-1);
    const end = final ? toEntry(final) : null;
    const rows = [head, ...own.map((a) => toEntry(a))];
    if (!end) return { ...head, rows };
    return {
      ...head,
      phase: end.phase,
      recordId: end.recordId ?? head.recordId,
      recordLink: end.recordLink ?? head.recordLink,
      status: end.status,
      errorCode: end.errorCode,
      message: end.message ?? head.message,
      upstreamErrorCode: end.upstreamErrorCode,
      upstreamRequestId: end.upstreamRequestId ?? head.upstreamRequestId,
      rows,
    };
  });
  return { items, ...page };
}

/** The whole filtered set, newest first, in batches (keyset paging: stable while rows are appended). */
export async function* ledgerBatches(db: Db, f: AuditFilters, visible: Visibility, batch = 500): AsyncGenerator<LedgerEntry[]> {
  let after: { at: string; id: string } | null = null;
  // Bounded by the table: every round moves strictly past the last row read.
  for (;;) {
    let q = filtered(db.selectFrom("ledger").selectAll("ledger"), f, visible);
    const last = after;
    if (last) q = q.where((eb) => eb.or([eb("ledger.at", "<", last.at), eb.and([eb("ledger.at", "=", last.at), eb("ledger.id", "<", last.id)])]));
    const rows = await q.orderBy("ledger.at", "desc").orderBy("ledger.id", "desc").limit(batch).execute();
    if (rows.length > 0) yield await withResolution(db, rows);
    const tail = rows.at(-1);
    if (!tail || rows.length < batch) return;
    after = { at: tail.at, id: tail.id };
  }
}

/** A record's rows: those that created or addressed it, with the requested and in-doubt rows they answer. */
export async function recordLedger(db: Db, taskId: string, recordId: string): Promise<LedgerEntry[]> {
  const direct = await db.selectFrom("ledger").selectAll().where("task_id", "=", taskId).where("record_id", "=", recordId).execute();
  const ids = [...new Set(direct.map((r) => r.correlation ?? r.id))];
  const related =
    ids.length === 0
      ? []
      : await db
          .selectFrom("ledger")
          .selectAll()
          .where((eb) => eb.or([eb("id", "in", ids), eb("correlation", "in", ids)]))
          .execute();
  const all = new Map([...direct, ...related].map((r) => [r.id, r]));
  const rows = [...all.values()].sort(chronological);
  return withResolution(db, rows);
}

/** How the console started a record, as its ledger remembers it. */
export interface RecordOrigin {
  recordId: string;
  action: "start" | "rollback";
  reason: string | null;
  /** Rollbacks: the record returned to. */
  targetRecordId: string | null;
  /** The console user who started it. */
  startedBy: { name: string | null; email: string | null };
  /** The job the cloud named in its start answer; null when the start's outcome came from the reconciler. */
  jobName: string | null;
}

/**
 * The starts that created these records (the `started` outcome rows, which carry record_id), in one query for a
 * whole history page. Reason and rollback target are copied onto every row of a start; the `requested` row they
 * answer (correlation) is read too, in case an outcome row lacks them.
 */
export async function recordOrigins(db: Db, taskId: string, recordIds: readonly string[]): Promise<Map<string, RecordOrigin>> {
  const ids = [...new Set(recordIds)];
  const out = new Map<string, RecordOrigin>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom("ledger as s")
    .leftJoin("ledger as r", "r.id", "s.correlation")
    .select([
      "s.record_id",
      "s.action",
      "s.at",
      "s.reason",
      "s.target_record_id",
      "s.actor_name",
      "s.actor_email",
      "s.job_name",
      "r.reason as requested_reason",
      "r.target_record_id as requested_target",
    ])
    .where("s.task_id", "=", taskId)
    .where("s.phase", "=", "started")
    .where("s.record_id", "in", ids)
    .orderBy("s.at", "asc")
    .execute();
  for (const row of rows) {
    // One start creates one record; should two rows name it, the first one wins.
    if (!row.record_id || out.has(row.record_id) || (row.action !== "start" && row.action !== "rollback")) continue;
    out.set(row.record_id, {
      recordId: row.record_id,
      action: row.action,
      reason: row.reason ?? row.requested_reason ?? null,
      targetRecordId: row.target_record_id ?? row.requested_target ?? null,
      startedBy: { name: row.actor_name, email: row.actor_email },
      jobName: row.job_name ?? null,
    });
  }
  return out;
}

/** A task's newest start through the console, for naming the person beside the picker row's last run. */
export interface LastStart {
  taskId: string;
  recordId: string | null;
  /** When the console asked the cloud (the requested row) and when it had the answer (the started row). */
  requestedAt: string | null;
  startedAt: string;
  startedBy: { name: string | null; email: string | null };
}

/** The newest `started` row of each task, one query for a picker page. */
export async function lastStarts(db: Db, taskIds: readonly string[]): Promise<Map<string, LastStart>> {
  const ids = [...new Set(taskIds)];
  const out = new Map<string, LastStart>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom("ledger as s")
    .leftJoin("ledger as r", "r.id", "s.correlation")
    .select(["s.task_id", "s.record_id", "s.at", "s.actor_name", "s.actor_email", "r.at as requested_at"])
    .where("s.phase", "=", "started")
    .where("s.task_id", "in", ids)
    .where((eb) =>
      eb(
        "s.at",
        "=",
        eb
          .selectFrom("ledger as x")
          .select((x) => x.fn.max("x.at").as("m"))
          .whereRef("x.task_id", "=", "s.task_id")
          .where("x.phase", "=", "started"),
      ),
    )
    .execute();
  for (const row of rows) {
    if (!row.task_id || out.has(row.task_id)) continue;
    out.set(row.task_id, {
      taskId: row.task_id,
      recordId: row.record_id,
      requestedAt: row.requested_at ?? null,
      startedAt: row.at,
      startedBy: { name: row.actor_name, email: row.actor_email },
    });
  }
  return out;
}

/** Upstream start times are whole seconds on the cloud's clock: this much slack on either side of the call. */
const START_MATCH_SLACK_MS = 2_000;

/**
 * Whether the task's last run (its upstream start time, as the picker row has it) is the console's last start:
 * the cloud started it between the console's request and its answer. A later run from elsewhere (a pipeline)
 * starts after that window, and is then not attributed to the console's user.
 */
export function isSameRun(lastRunAt: string | null, start: LastStart): boolean {
  const at = Date.parse(lastRunAt ?? "");
  if (!Number.isFinite(at)) return false;
  const from = Date.parse(start.requestedAt ?? start.startedAt) - START_MATCH_SLACK_MS;
  const to = Date.parse(start.startedAt) + START_MATCH_SLACK_MS;
  return at >= from && at <= to;
}
