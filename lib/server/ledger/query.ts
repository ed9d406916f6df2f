import "server-only";
/**
 * Reading the ledger: the audit list (filters, paging, a count that stops at COUNT_CAP), the CSV export (the whole
 * filtered set in keyset batches) and a record's rows. Visibility: a user sees the rows of the tasks they may view —
 * everything with a role on all apps, else the tasks of their grants (refused attempts by anyone included: an
 * app's viewers see who tried). The filters' conditions and the indexes they read are in filters.ts.
 */
import { sql } from "kysely";
import type { AuditAttempt, AuditFilters, LedgerEntry, LedgerPhase } from "../../schemas/ledger";
import type { LedgerRow } from "../db/schema-ledger";
import type { Db } from "../db/schema";
import { type Resolved, type Visibility, branchesOf, resolveFilters } from "./filters";
import { toEntry } from "./store";

export type { Visibility };

/**
 * Counting stops here: past it the audit page says "10,000+" instead of reading every matching row of a ledger of
 * millions (the count is what costs, a page stops after its rows). A page further on counts up to that page.
 */
const COUNT_CAP = 10_000;

/** Where a read starts: after `offset` rows, or after the row `after` (keyset: at, then id, descending). */
interface Slice {
  limit: number;
  offset: number;
  after?: { at: string; id: string };
}

/** The rows of one branch (one alternative of each disjunction), newest first. */
function branchQuery(db: Db, r: Resolved, branch: Resolved["all"], slice: Slice) {
  let q = db.selectFrom("ledger").selectAll("ledger");
  for (const c of [...r.all, ...branch]) q = q.where(c);
  const phase = r.answerPhase;
  if (phase) {
    q = q.where((eb) => eb.exists(eb.selectFrom("ledger as o").select("o.id").whereRef("o.correlation", "=", "ledger.id").where("o.phase", "=", phase)));
  }
  const after = slice.after;
  if (after) q = q.where((eb) => eb(eb.refTuple("ledger.at", "ledger.id"), "<", eb.tuple(after.at, after.id)));
  return q.orderBy("ledger.at", "desc").orderBy("ledger.id", "desc");
}

/**
 * A slice of the filtered rows. With a disjunction over two columns (an app id or name, a user's e-mail or name)
 * each alternative is read in its own index order up to the slice's end and the reads are merged: one read with
 * OR would gather every matching row and sort them.
 */
async function readRows(db: Db, r: Resolved, slice: Slice): Promise<LedgerRow[]> {
  const branches = branchesOf(r);
  if (branches.length === 1)
    return branchQuery(db, r, branches[0] ?? [], slice)
      .limit(slice.limit)
      .offset(slice.offset)
      .execute();
  const end = slice.offset + slice.limit;
  const parts = branches.map((b, i) => db.selectFrom(branchQuery(db, r, b, slice).limit(end).as(`b${i}`)).selectAll());
  const union = parts.slice(1).reduce((u, p) => u.union(p), parts[0]!);
  return db.selectFrom(union.as("u")).selectAll().orderBy("u.at", "desc").orderBy("u.id", "desc").limit(slice.limit).offset(slice.offset).execute();
}

/** The outcome most attempts end with; every other one ends a few percent of them (see countRows). */
const COMMON_OUTCOME = "started";

/**
 * How many rows match, counting up to `limit`. By attempt with an outcome: the answers with that phase joined to
 * their attempt; an answer is never older than its attempt, so the time range's start bounds the answers too. For
 * `started` each database picks the side to start from. Any other outcome starts from its answers, few, read from
 * ledger_answers_phase_at_idx (migration 0010: the answers but started ones, a condition the query repeats so that
 * the index may serve it), and looks each attempt up by id — rather than reading every attempt the other filters
 * allow to test it (a busy task's, a month of starts): SQLite keeps the order of a CROSS JOIN, PostgreSQL plans it
 * by its statistics. An attempt has one final outcome (ledger_outcome_once), so only `in_doubt`, which may come more
 * than once, needs DISTINCT.
 */
async function countRows(db: Db, r: Resolved, limit: number): Promise<number> {
  const phase = r.answerPhase;
  let q = phase ? answered(db, phase, r.from) : db.selectFrom("ledger").select("ledger.id");
  for (const c of r.all) q = q.where(c);
  for (const options of r.anyOf) q = q.where((eb) => eb.or(options.map((o) => o(eb))));
  if (phase === "in_doubt") q = q.distinct();
  const row = await db
    .selectFrom(q.limit(limit).as("c"))
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The ids of the attempts (rows named `ledger`) joined to their answers with `phase` (named `o`), see countRows. */
function answered(db: Db, phase: LedgerPhase, from: string | null) {
  const q =
    phase === COMMON_OUTCOME
      ? db.selectFrom("ledger").innerJoin("ledger as o", "o.correlation", "ledger.id").select("ledger.id").where("o.phase", "=", phase)
      : db
          .selectFrom("ledger as o")
          .crossJoin("ledger")
          .select("ledger.id")
          .whereRef("o.correlation", "=", "ledger.id")
          .where("o.phase", "=", phase)
          .where("o.phase", "<>", sql.lit(COMMON_OUTCOME));
  return from ? q.where("o.at", ">=", from) : q;
}

type Resolution = NonNullable<LedgerEntry["resolution"]>;

/** Resolution of the requested rows among `rows` (open, in doubt, closed), from the rows that answer them. */
function resolutions(rows: LedgerRow[], outcomes: readonly Pick<LedgerRow, "correlation" | "phase">[]): Map<string, Resolution> {
  const out = new Map<string, Resolution>();
  for (const r of rows) if (r.phase === "requested") out.set(r.id, "open");
  for (const o of outcomes) {
    const was = o.correlation === null ? undefined : out.get(o.correlation);
    if (was === undefined || was === "closed") continue;
    out.set(o.correlation as string, o.phase === "in_doubt" ? "in_doubt" : "closed");
  }
  return out;
}

const resolved = (rows: LedgerRow[], outcomes: readonly Pick<LedgerRow, "correlation" | "phase">[]): LedgerEntry[] => {
  const of = resolutions(rows, outcomes);
  return rows.map((r) => toEntry(r, of.get(r.id) ?? null));
};

/** The resolution of each requested row among `rows`, from the rows that answer them. */
async function resolutionsOf(db: Db, rows: LedgerRow[]): Promise<Map<string, Resolution>> {
  const requested = rows.filter((r) => r.phase === "requested").map((r) => r.id);
  const outcomes = requested.length === 0 ? [] : await db.selectFrom("ledger").select(["correlation", "phase"]).where("correlation", "in", requested).execute();
  return resolutions(rows, outcomes);
}

async function withResolution(db: Db, rows: LedgerRow[]): Promise<LedgerEntry[]> {
  const of = await resolutionsOf(db, rows);
  return rows.map((r) => toEntry(r, of.get(r.id) ?? null));
}

type Paged = AuditFilters & { page: number; size: number };
/** `countCap`: COUNT_CAP unless a test asks for less. */
interface ListOptions {
  countCap?: number;
}

/** A page and its total; `capped`: the total is a lower bound (the count stopped at COUNT_CAP or at this page). */
async function pageOfRows(db: Db, f: Paged, visible: Visibility, attempts: boolean, { countCap = COUNT_CAP }: ListOptions) {
  const offset = (f.page - 1) * f.size;
  const frame = { page: f.page, size: f.size };
  const r = await resolveFilters(db, f, visible, attempts);
  if (!r) return { rows: [] as LedgerRow[], total: 0, capped: false, ...frame };
  const rows = await readRows(db, r, { limit: f.size, offset });
  // A page that is not full is the last one: it gives the total without counting.
  if (rows.length > 0 && rows.length < f.size) return { rows, total: offset + rows.length, capped: false, ...frame };
  if (rows.length === 0 && offset === 0) return { rows, total: 0, capped: false, ...frame };
  const limit = Math.max(countCap, offset + f.size);
  const n = await countRows(db, r, limit + 1);
  return { rows, total: Math.min(n, limit), capped: n > limit, ...frame };
}

export async function listLedger(db: Db, f: Paged, visible: Visibility, options: ListOptions = {}) {
  const { rows, ...page } = await pageOfRows(db, f, visible, false, options);
  return { items: await withResolution(db, rows), ...page };
}

/** Oldest first; within one millisecond a requested row before what answers it. */
const rank = (r: LedgerRow) => (r.phase === "requested" ? 0 : r.phase === "in_doubt" ? 1 : 2);
const chronological = (a: LedgerRow, b: LedgerRow) => (a.at === b.at ? rank(a) - rank(b) || (a.id < b.id ? -1 : 1) : a.at < b.at ? -1 : 1);

/** The audit list by attempt: each requested or denied row with the rows that answer it (see auditAttemptSchema). */
export async function listAttempts(
  db: Db,
  f: Paged,
  visible: Visibility,
  options: ListOptions = {},
): Promise<{ items: AuditAttempt[]; total: number; capped: boolean; page: number; size: number }> {
  const { rows: heads, ...page } = await pageOfRows(db, f, visible, true, options);
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

/** A batch of the export: ledger rows as stored, and the resolution of its requested rows. */
export interface ExportBatch {
  rows: LedgerRow[];
  resolution: Map<string, Resolution>;
}

/** The whole filtered set, newest first, in batches (keyset paging: stable while rows are appended). */
export async function* ledgerBatches(db: Db, f: AuditFilters, visible: Visibility, batch = 500): AsyncGenerator<ExportBatch> {
  const r = await resolveFilters(db, f, visible, false);
  if (!r) return;
  let after: { at: string; id: string } | undefined;
  // Bounded by the table: every round moves strictly past the last row read.
  for (;;) {
    const rows = await readRows(db, r, { limit: batch, offset: 0, after });
    if (rows.length > 0) yield { rows, resolution: await resolutionsOf(db, rows) };
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
