/** Shared set-up of the ledger's database tests: a migrated test database, a fake CodeArts and a movable clock. */
import { type LogConfig, sql } from "kysely";
import { migrateToLatest } from "../db/migrate";
import { type Dialect, openTestDb, type TestDb } from "../db/testing";
import type { DeployDeps } from "./deploy-deps";
import type { StartInput } from "./start";
import { FakeCodeArts } from "./testing";

export const SECRET = "ledger-db-test-secret-0123456789abcdef";
const TIMEOUT_MS = 1_000;

export interface Fixture {
  t: TestDb;
  fake: FakeCodeArts;
  clock: { now: number };
  deps: DeployDeps;
}

export async function openFixture(dialect: Dialect, log?: LogConfig): Promise<Fixture> {
  const t = await openTestDb(dialect, log);
  await migrateToLatest(t.db);
  const clock = { now: Date.now() };
  const fake = new FakeCodeArts(() => clock.now);
  const deps: DeployDeps = {
    db: t.db,
    upstream: fake,
    secret: SECRET,
    timeoutMs: TIMEOUT_MS,
    now: () => clock.now,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  };
  // The deploying users exist (their "my last run" refers to them).
  const at = new Date(clock.now).toISOString();
  await t.db
    .insertInto("users")
    .values(
      [ACTOR, OTHER].map((u) => ({
        id: u.id,
        email: u.email,
        name: u.name,
        password_hash: null,
        role: null,
        source: "local",
        oidc_subject: null,
        created_at: at,
      })),
    )
    .execute();
  return { t, fake, clock, deps };
}

let n = 0;
/** A fresh task id per test (32 chars of 0-9a-z). */
export const newTaskId = () => `task${(++n).toString().padStart(4, "0")}${Math.random().toString(36).slice(2, 10)}`.padEnd(32, "0").slice(0, 32);

export const ACTOR = { id: "11111111-1111-4111-8111-111111111111", name: "Ada", email: "ada@example.com", teams: ["ops"] };
export const OTHER = { id: "22222222-2222-4222-8222-222222222222", name: "Bob", email: "bob@example.com", teams: [] };

export const input = (taskId: string, over: Partial<StartInput> = {}): StartInput => ({
  taskId,
  body: { params: [{ key: "image_tag", value: "v1", type: "text" }] },
  actor: ACTOR,
  client: { address: "10.1.2.3", userAgent: "vitest", requestId: "req" },
  idempotencyKey: null,
  protection: null,
  mayOverrideFreeze: false,
  ...over,
});

const RANK = ["requested", "in_doubt", "started", "refused", "failed", "not_started", "stopped", "denied", "finished"];
/**
 * All ledger rows of a task, oldest first (rows of one instant — the test clock stands still — in phase order, then
 * in the order they were written: SQLite's rowid, PostgreSQL's place in the heap of a table never updated).
 */
export const rowsOf = async (f: Fixture, taskId: string) =>
  (
    await f.t.db
      .selectFrom("ledger")
      .selectAll()
      .where("task_id", "=", taskId)
      .orderBy(sql.raw(f.t.dialect === "sqlite" ? "rowid" : "ctid"))
      .execute()
  ).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : RANK.indexOf(a.phase) - RANK.indexOf(b.phase)));
