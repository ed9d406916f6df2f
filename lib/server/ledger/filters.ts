import "server-only";
/**
 * The audit filters as conditions on ledger rows, shaped for the indexes of migration 0009: each one an equality or
 * IN on a column indexed as (column, at, id), so that the newest rows of a filter are read in index order and a page
 * stops after its rows, however large the ledger.
 *
 * "Part of an app name / e-mail / user name" cannot be looked up in an index as such: the distinct values of that
 * column are read from its index first (a loose index scan, one seek per distinct value — the apps and users the
 * ledger has seen, a few hundred), matched against the text, and the rows are then read by those exact values. A
 * row's value matches the text exactly when it is one of them, so the filter means what it meant. An app id is
 * matched on app_id or as part of a name, a user's text on the e-mail or the name: those are disjunctions over two
 * columns, which the page reads as one ordered read per column (see query.ts).
 */
import { type ExpressionBuilder, type Expression, type SqlBool, sql } from "kysely";
import type { AuditFilters, LedgerPhase } from "../../schemas/ledger";
import type { Database, Db } from "../db/schema";

/** What the reader may see: every task (a role on all apps), or the tasks of their grants. */
export type Visibility = "all" | ReadonlySet<string>;

/** A condition on the row named `ledger` of a query (the attempt's own row when answers are joined). */
export type Condition = (eb: ExpressionBuilder<Database, "ledger">) => Expression<SqlBool>;

export interface Resolved {
  /** Every row read matches all of these … */
  all: Condition[];
  /** … and, for each of these, one of its alternatives. */
  anyOf: Condition[][];
  /** By attempt: an answer (a row whose correlation is the attempt's id) has this phase. */
  answerPhase: LedgerPhase | null;
  /** The time range's inclusive start: an attempt's answers are never older than it. */
  from: string | null;
}

const ID = /^[0-9a-z]{32}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The rows that open an attempt: a request (`requested`), a refusal (`denied`) or a record of a change (`recorded`);
 * every other phase is an answer to one (correlation set), written by lib/server/deploy only as such.
 */
const OPENING_PHASES: ReadonlySet<LedgerPhase> = new Set(["requested", "denied", "recorded"]);

/** A case-insensitive "contains" pattern with LIKE's wildcards escaped. */
const containsPattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Distinct values a text column may have before the loose scan gives up (the filter then reads every row). */
const MAX_DISTINCT = 5_000;
type TextColumn = "app_name" | "actor_email" | "actor_name";

/**
 * The distinct values of `column` that contain `text` (case-insensitive), from the column's index: each step of the
 * recursion seeks the next larger value. Null when the column has more than MAX_DISTINCT values.
 */
async function valuesContaining(db: Db, column: TextColumn, text: string): Promise<string[] | null> {
  const col = sql.ref(`ledger.${column}`);
  const r = await sql<{ v: string | null }>`
    with recursive d(v, n) as (
      select (select min(${col}) from ledger), 1
      union all
      select (select min(${col}) from ledger where ${col} > d.v), d.n + 1 from d where d.v is not null and d.n <= ${MAX_DISTINCT}
    )
    select v from d where v is null or lower(v) like ${containsPattern(text)} escape '\\'`.execute(db);
  // The scan ended (the row past the largest value) or it stopped at MAX_DISTINCT values.
  if (!r.rows.some((x) => x.v === null)) return null;
  return r.rows.flatMap((x) => (x.v === null ? [] : [x.v]));
}

/** `column` contains `text`: IN the values that do, or — past MAX_DISTINCT values — LIKE on every row. */
async function containing(db: Db, column: TextColumn, text: string): Promise<Condition | null> {
  const values = await valuesContaining(db, column, text);
  if (values === null) return (eb) => eb(sql<string>`lower(${sql.ref(`ledger.${column}`)})`, "like", sql<string>`${containsPattern(text)} escape '\\'`);
  if (values.length === 0) return null;
  return (eb) => eb(`ledger.${column}`, "in", values);
}

const alternatives = (xs: (Condition | null)[]) => xs.filter((x): x is Condition => x !== null);

/** `from` inclusive; `to` exclusive, a bare date meaning the whole day (UTC). */
export function timeRange(f: Pick<AuditFilters, "from" | "to">): { from?: string; to?: string } {
  const day = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);
  return {
    from: f.from ? new Date(day(f.from) ? `${f.from}T00:00:00Z` : f.from).toISOString() : undefined,
    to: f.to ? new Date(day(f.to) ? Date.parse(`${f.to}T00:00:00Z`) + 86_400_000 : Date.parse(f.to)).toISOString() : undefined,
  };
}

/**
 * The filters as conditions; `attempts`: on the rows that open an attempt, an outcome matching the attempt when its
 * own row or one of its answers has that phase. Null when nothing can match.
 */
export async function resolveFilters(db: Db, f: AuditFilters, visible: Visibility, attempts: boolean): Promise<Resolved | null> {
  const all: Condition[] = [];
  const anyOf: Condition[][] = [];
  if (visible !== "all") {
    const tasks = [...visible];
    if (tasks.length === 0) return null;
    all.push((eb) => eb("ledger.task_id", "in", tasks));
  }
  const app = f.app;
  if (app) {
    const byName = await containing(db, "app_name", app);
    const options = ID.test(app) ? alternatives([(eb) => eb("ledger.app_id", "=", app), byName]) : alternatives([byName]);
    if (options.length === 0) return null;
    anyOf.push(options);
  }
  const task = f.task;
  if (task) all.push((eb) => eb("ledger.task_id", "=", task));
  const user = f.user;
  if (user && UUID.test(user)) all.push((eb) => eb("ledger.actor_id", "=", user));
  else if (user) {
    const options = alternatives([await containing(db, "actor_email", user), await containing(db, "actor_name", user)]);
    if (options.length === 0) return null;
    anyOf.push(options);
  }
  const action = f.action;
  if (action) all.push((eb) => eb("ledger.action", "=", action));
  if (attempts) all.push((eb) => eb("ledger.correlation", "is", null));
  const outcome = f.outcome;
  let answerPhase: LedgerPhase | null = null;
  if (outcome && attempts && !OPENING_PHASES.has(outcome)) answerPhase = outcome;
  else if (outcome) all.push((eb) => eb("ledger.phase", "=", outcome));
  const { from, to } = timeRange(f);
  if (from) all.push((eb) => eb("ledger.at", ">=", from));
  if (to) all.push((eb) => eb("ledger.at", "<", to));
  return { all, anyOf, answerPhase, from: from ?? null };
}

/** One choice of alternative per disjunction, every combination (at most 2 × 2). */
export function branchesOf(r: Resolved): Condition[][] {
  return r.anyOf.reduce<Condition[][]>((acc, options) => acc.flatMap((b) => options.map((o) => [...b, o])), [[]]);
}
