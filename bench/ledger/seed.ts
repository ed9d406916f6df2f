/**
 * A large, realistic deploy ledger for the ledger-scale bench (bench/lib/ledger-scale.mjs, step 6): apps with one
 * or two tasks, users, and attempts spread evenly over `days` days up to `now`, each written as the console writes
 * it — a `requested` row and its outcome (the same columns copied, `correlation` = the requested row's id; now and
 * then an interim `in_doubt` first), a single `denied` row, or a `recorded` row for a lock, a freeze window or an
 * approval. Rows are shaped by the console's own toRow (lib/server/ledger/store.ts) and bulk-inserted with
 * multi-row INSERTs in transactions; the last few requests are left open (in `ledger_open`, with their task's
 * in-flight marker), as a live console has a handful at any time. Deterministic: the same plan gives the same data.
 */
import type { Insertable } from "kysely";
import type { LedgerAction, LedgerParam, LedgerPhase } from "../../lib/schemas/ledger";
import type { Db } from "../../lib/server/db/schema";
import type { LedgerTable } from "../../lib/server/db/schema-ledger";
import { type RowInput, toRow } from "../../lib/server/ledger/store";
import { type SeedApp, type SeedActor, random, pick, hex, uuid, zipf, AGENTS, makeApps, makeActors } from "./population";

export interface SeedPlan {
  rows: number;
  days: number;
  /** The newest row's time (ms); the open requests are the last seconds before it. */
  now: number;
}

export interface SeedFacts {
  rows: number;
  attempts: number;
  open: number;
  apps: SeedApp[];
  /** Most active first. */
  actors: SeedActor[];
  tasks: number;
  byAction: Partial<Record<LedgerAction, number>>;
  byPhase: Partial<Record<LedgerPhase, number>>;
  from: string;
  to: string;
  seconds: number;
}

const params = (): LedgerParam[] => [
  { key: "image_tag", type: "text", value: `v${1 + Math.floor(random() * 9)}.${Math.floor(random() * 40)}.${Math.floor(random() * 10)}` },
  { key: "replicas", type: "text", value: String(1 + Math.floor(random() * 6)) },
  { key: "db_password", type: "encrypt", value: `hmac:${hex(64)}` },
];

/** What one attempt writes: its rows with their times. */
type Written = { input: RowInput; at: number }[];

/** The outcome rows of a start or rollback (an in-doubt one first, now and then). */
function startOutcomes(head: RowInput, at: number): Written {
  const x = random();
  const recordId = hex(32);
  const done = at + 400 + Math.floor(random() * 2_500);
  const started = (when: number, message: string | null = null): Written[number] => ({
    input: { ...head, phase: "started", correlation: "", record_id: recordId, http_status: 200, job_name: `job_${recordId}`, message },
    at: when,
  });
  if (x < 0.86) return [started(done)];
  if (x < 0.91)
    return [
      {
        input: {
          ...head,
          phase: "refused",
          http_status: 409,
          error_code: "upstream_conflict",
          upstream_error_code: "Deploy.00011027",
          upstream_request_id: hex(32),
          message: "The task is being deployed.",
        },
        at: done,
      },
    ];
  if (x < 0.95)
    return [
      {
        input: { ...head, phase: "failed", http_status: 502, error_code: "upstream_error", upstream_request_id: hex(32), message: "CodeArts answered 500." },
        at: done,
      },
    ];
  const doubt = {
    input: { ...head, phase: "in_doubt" as const, http_status: 502, error_code: "upstream_in_doubt", message: "The answer was lost." },
    at: done,
  };
  const later = done + 30_000 + Math.floor(random() * 60_000);
  if (x < 0.98) return [doubt, started(later, "Reconciled: the deployment was found in the task's CodeArts history.")];
  return [
    doubt,
    {
      input: { ...head, phase: "not_started", message: "Reconciled: no matching deployment in the task's CodeArts history 25 s after the request." },
      at: later,
    },
  ];
}

const DENIALS = [
  { status: 403, code: "forbidden", message: "You may not deploy this app." },
  { status: 409, code: "deploy_in_progress", message: "A deployment of this task is in progress." },
  { status: 423, code: "task_locked", message: "The task is locked." },
  { status: 423, code: "change_freeze", message: "A freeze window is in force." },
  { status: 428, code: "approval_required", message: "This app needs an approved request." },
] as const;
const RECORDED = ["lock", "unlock", "break_lock", "freeze", "approval_request", "approve", "reject"] as const;

/** One attempt at `at`: its rows (the outcome's correlation is filled in once the head has its id). */
function attempt(app: SeedApp, actor: SeedActor, at: number): Written {
  const client = {
    address: `10.${Math.floor(random() * 4)}.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}`,
    userAgent: pick(AGENTS),
    requestId: uuid(),
  };
  const taskId = pick(app.tasks);
  const common = { actor, client, app_id: app.appId, app_name: app.appName, task_id: taskId, attempted: null };
  const x = random();
  if (x < 0.75) {
    const action = x < 0.68 ? "start" : "rollback";
    const head: RowInput = {
      ...common,
      action,
      phase: "requested",
      params: params(),
      reason: random() < 0.2 ? pick(["hotfix", "release 42", "config change", "roll back the bad build"]) : null,
      target_record_id: action === "rollback" ? hex(32) : null,
      idempotency_key: uuid(),
    };
    return [{ input: head, at }, ...startOutcomes(head, at)];
  }
  if (x < 0.83) {
    const head: RowInput = { ...common, action: "stop", phase: "requested", record_id: hex(32) };
    const ok = random() < 0.88;
    const out: RowInput = ok ? { ...head, phase: "stopped", http_status: 200 } : { ...head, phase: "failed", http_status: 502, error_code: "upstream_error" };
    return [
      { input: head, at },
      { input: out, at: at + 300 + Math.floor(random() * 1_500) },
    ];
  }
  if (x < 0.95) {
    const anonymous = random() < 0.05;
    const d = anonymous ? { status: 401, code: "unauthenticated", message: "Sign in first." } : pick(DENIALS);
    const who = anonymous ? { actor: { id: null, name: null, email: null, teams: [] }, client: { ...client, requestId: null } } : {};
    return [
      {
        input: {
          ...common,
          ...who,
          action: "denied",
          phase: "denied",
          attempted: pick(["start", "start", "rollback", "stop"]),
          http_status: d.status,
          error_code: d.code,
          message: d.message,
        },
        at,
      },
    ];
  }
  const action = pick(RECORDED);
  // Freeze windows are the console's, not an app's.
  const scope = action === "freeze" ? { app_id: null, app_name: null, task_id: null } : {};
  return [{ input: { ...common, ...scope, action, phase: "recorded", reason: "maintenance", message: "Recorded." }, at }];
}

const BATCH = 1_000; // rows per INSERT: 31 columns × 1000 stays under SQLite's 32,766 bound parameters
const BATCHES_PER_TRANSACTION = 20;

/** Writes the ledger of `plan` into a migrated, empty database. */
export async function seedLedger(db: Db, plan: SeedPlan, log: (msg: string) => void = () => {}): Promise<SeedFacts> {
  const t0 = performance.now();
  const apps = makeApps(240);
  const actors = makeActors(150);
  const appOf = zipf(apps.length);
  const actorOf = zipf(actors.length);
  const span = plan.days * 86_400_000;
  const start = plan.now - span;
  // 1.87 rows per attempt on average (3/4 starts of two rows, 5 % of them three; stops two; the rest one); attempt
  // times are spread evenly (with jitter) over the span, in order.
  const attempts = Math.ceil(plan.rows / 1.87);
  const facts = { byAction: {} as SeedFacts["byAction"], byPhase: {} as SeedFacts["byPhase"] };
  let pending: Insertable<LedgerTable>[] = [];
  let written = 0;
  let made = 0;
  const chunks: Insertable<LedgerTable>[][] = [];
  const flush = async (force: boolean) => {
    if (pending.length >= BATCH || (force && pending.length > 0)) {
      chunks.push(pending);
      pending = [];
    }
    if (chunks.length >= BATCHES_PER_TRANSACTION || (force && chunks.length > 0)) {
      const todo = chunks.splice(0);
      await db.transaction().execute(async (tx) => {
        for (const rows of todo) await tx.insertInto("ledger").values(rows).execute();
      });
      const before = written;
      written += todo.reduce((n, rows) => n + rows.length, 0);
      if (Math.floor(written / 100_000) > Math.floor(before / 100_000)) log(`${written} rows`);
    }
  };
  // The newest seconds hold the open requests, written last; the other attempts end minutes before them, so that
  // their answers (up to a minute and a half later, when reconciled) are older than the open requests too.
  const openSlots = 6;
  const attemptsSpan = span - 6 * 60_000;
  for (let i = 0; written + pending.length + chunks.reduce((n, c) => n + c.length, 0) < plan.rows - openSlots; i++) {
    const at = Math.floor(start + Math.min(1, (i + random()) / attempts) * attemptsSpan);
    const rows = attempt(apps[appOf()] as SeedApp, actors[actorOf()] as SeedActor, at);
    made++;
    let headId = "";
    for (const [k, r] of rows.entries()) {
      const row = toRow(k === 0 ? r.input : { ...r.input, correlation: headId }, new Date(r.at));
      if (k === 0) headId = row.id;
      pending.push(row);
      facts.byAction[row.action] = (facts.byAction[row.action] ?? 0) + 1;
      facts.byPhase[row.phase] = (facts.byPhase[row.phase] ?? 0) + 1;
    }
    await flush(false);
  }
  await flush(true);
  const open = await seedOpen(db, apps, actors, plan.now, openSlots);
  written += open;
  facts.byAction.start = (facts.byAction.start ?? 0) + open;
  facts.byPhase.requested = (facts.byPhase.requested ?? 0) + open;
  await seedSideTables(db, apps, plan.now);
  return {
    rows: written,
    attempts: made + open,
    open,
    apps,
    actors,
    tasks: apps.reduce((n, a) => n + a.tasks.length, 0),
    ...facts,
    from: new Date(start).toISOString(),
    to: new Date(plan.now).toISOString(),
    seconds: (performance.now() - t0) / 1000,
  };
}

/** The still-open requests of the last seconds, as the write-ahead leaves them: row, `ledger_open` entry and marker. */
async function seedOpen(db: Db, apps: SeedApp[], actors: SeedActor[], now: number, count: number): Promise<number> {
  await db.transaction().execute(async (tx) => {
    for (let k = 0; k < count; k++) {
      const app = apps[k] as SeedApp;
      const actor = actors[k] as SeedActor;
      const taskId = app.tasks[0] as string;
      const input: RowInput = {
        actor,
        client: { address: "10.0.0.1", userAgent: AGENTS[0] as string, requestId: uuid() },
        app_id: app.appId,
        app_name: app.appName,
        task_id: taskId,
        action: "start",
        phase: "requested",
        attempted: null,
        params: params(),
        idempotency_key: uuid(),
      };
      const row = toRow(input, new Date(now - (count - k) * 1_000));
      await tx.insertInto("ledger").values(row).execute();
      await tx.insertInto("ledger_open").values({ ledger_id: row.id, at: row.at }).execute();
      await tx
        .insertInto("deploy_inflight")
        .values({
          task_id: taskId,
          ledger_id: row.id,
          state: "requested",
          record_id: null,
          actor_id: actor.id,
          actor_name: actor.name,
          actor_email: actor.email,
          started_at: row.at,
          checked_at: null,
          lease_until: null,
          lease_owner: null,
        })
        .execute();
    }
  });
  return count;
}

/** Task names, as the task page remembers them (the start pipeline reads them for the app's name). */
async function seedSideTables(db: Db, apps: SeedApp[], now: number): Promise<void> {
  const at = new Date(now).toISOString();
  const rows = apps.flatMap((a) => a.tasks.map((task_id) => ({ task_id, app_id: a.appId, app_name: a.appName, updated_at: at })));
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto("task_names")
      .values(rows.slice(i, i + 500))
      .execute();
}
