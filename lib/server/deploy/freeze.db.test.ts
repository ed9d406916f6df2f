/**
 * Freeze windows on both dialects: what they refuse and let through, an administrator's override and what the
 * ledger keeps of it, the scopes, and the ledger rows of the admins' changes.
 */
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { freezeWindowBodySchema, type FreezeWindowBody } from "../../schemas/freeze-windows";
import { ApiError } from "../errors";
import { DIALECTS } from "../db/testing";
import { ACTOR, type Fixture, input, newTaskId, OTHER, openFixture, rowsOf } from "./db-fixture";
import { createFreezeWindow, deleteFreezeWindow, freezeOfTask, listFreezeWindows, updateFreezeWindow } from "./freeze";
import { startDeployment } from "./start";

const client = { address: "10.1.2.3", userAgent: "vitest", requestId: "req" };
const admin = { actor: ACTOR, client };
const HOUR = 3_600_000;

async function refusal(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof ApiError)) throw new Error(`expected a console refusal, got ${String(err)}`);
  return err;
}

/** A one-off window around the fixture's clock, through the API's schema (as the route parses it). */
const around = (now: number, over: Partial<FreezeWindowBody> & Record<string, unknown> = {}): FreezeWindowBody =>
  freezeWindowBodySchema.parse({
    name: "Release weekend",
    timeZone: "Asia/Shanghai",
    schedule: { kind: "once", from: new Date(now - HOUR).toISOString(), to: new Date(now + 2 * HOUR).toISOString() },
    scope: { kind: "all" },
    ...over,
  });

const rollbackBody = { params: [{ key: "image_tag", value: "v0", type: "text" as const }], record_id: "r".repeat(32), reason: "bad release" };

describe.each(DIALECTS)("freeze windows on %s", (dialect) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await openFixture(dialect);
  });
  afterAll(async () => {
    await f.t.close();
  });
  // Windows apply across tasks: each test starts with none.
  afterEach(async () => {
    await f.t.db.deleteFrom("freeze_windows").execute();
  });

  it("refuses a start inside a window (423 naming it, a denied row, no upstream call); a rollback passes when allowed", async () => {
    const task = newTaskId();
    const w = await createFreezeWindow(f.t.db, admin, around(f.clock.now), new Date(f.clock.now));
    expect(w.active).toBe(true);

    const calls = f.fake.startCalls;
    f.clock.now += 1_000;
    const err = await refusal(startDeployment(f.deps, input(task, { actor: OTHER })));
    expect([err.status, err.code]).toEqual([423, "change_freeze"]);
    expect(err.message).toContain("“Release weekend”");
    expect(err.extra?.freeze).toMatchObject({ active: [{ id: w.id, name: "Release weekend", timeZone: "Asia/Shanghai" }], canOverride: false });
    expect(f.fake.startCalls).toBe(calls);

    f.clock.now += 1_000;
    expect((await startDeployment(f.deps, input(task, { actor: OTHER, body: rollbackBody }))).kind).toBe("started");
    expect(f.fake.startCalls).toBe(calls + 1);

    const rows = await rowsOf(f, task);
    expect(rows.map((r) => [r.action, r.phase, r.attempted, r.error_code])).toEqual([
      ["denied", "denied", "start", "change_freeze"],
      ["rollback", "requested", null, null],
      ["rollback", "started", null, null],
    ]);
    expect(rows.every((r) => r.override_window === null)).toBe(true);
  });

  it("a window that refuses rollbacks refuses them too; once it has ended, starts pass", async () => {
    const task = newTaskId();
    await createFreezeWindow(f.t.db, admin, around(f.clock.now, { rollbacksAllowed: false }), new Date(f.clock.now));
    f.clock.now += 1_000;
    expect((await refusal(startDeployment(f.deps, input(task, { body: rollbackBody })))).code).toBe("change_freeze");
    f.clock.now += 2 * HOUR;
    expect((await startDeployment(f.deps, input(task))).kind).toBe("started");
  });

  it("an administrator overrides with a reason: every row of the start names the windows; without the right, 403", async () => {
    const task = newTaskId();
    const w = await createFreezeWindow(f.t.db, admin, around(f.clock.now), new Date(f.clock.now));
    const body = { params: [{ key: "image_tag", value: "v2", type: "text" as const }], override_freeze: true as const, reason: "hotfix for INC-42" };

    f.clock.now += 1_000;
    const calls = f.fake.startCalls;
    const forbidden = await refusal(startDeployment(f.deps, input(task, { actor: OTHER, body })));
    expect([forbidden.status, forbidden.code, forbidden.extra?.reason]).toEqual([403, "forbidden", "freeze_override_forbidden"]);
    // Without override_freeze, an administrator is refused like anyone (told that they may override).
    f.clock.now += 1_000;
    const told = await refusal(startDeployment(f.deps, input(task, { mayOverrideFreeze: true })));
    expect(told.code).toBe("change_freeze");
    expect(told.message).toContain("override_freeze");
    expect(f.fake.startCalls).toBe(calls);

    f.clock.now += 1_000;
    expect((await startDeployment(f.deps, input(task, { body, mayOverrideFreeze: true }))).kind).toBe("started");
    expect(f.fake.startCalls).toBe(calls + 1);

    const rows = await rowsOf(f, task);
    expect(rows.map((r) => [r.action, r.phase, r.error_code])).toEqual([
      ["denied", "denied", "forbidden"],
      ["denied", "denied", "change_freeze"],
      ["start", "requested", null],
      ["start", "started", null],
    ]);
    const [requested, started] = rows.slice(2);
    for (const r of [requested!, started!]) {
      expect(JSON.parse(r.override_window!)).toEqual([{ id: w.id, name: "Release weekend", until: w.next[0]!.to }]);
      expect(r.reason).toBe("hotfix for INC-42");
    }
  });

  it("scopes: listed apps, a team's granted apps (and all-apps grants), all apps", async () => {
    const [listed, granted, other, everywhere] = [newTaskId(), newTaskId(), newTaskId(), newTaskId()];
    const [team, wide] = [randomUUID(), randomUUID()];
    const at = new Date(f.clock.now).toISOString();
    await f.t.db
      .insertInto("teams")
      .values([
        { id: team, name: `payments-${team.slice(0, 6)}`, oidc_group: null, created_at: at },
        { id: wide, name: `sre-${wide.slice(0, 6)}`, oidc_group: null, created_at: at },
      ])
      .execute();
    await f.t.db
      .insertInto("grants")
      .values({ id: randomUUID(), team_id: team, app_id: "app-granted", task_id: granted, app_name: "granted", role: "deployer", created_at: at })
      .execute();
    const now = new Date(f.clock.now);
    await createFreezeWindow(f.t.db, admin, around(f.clock.now, { name: "apps", scope: { kind: "apps", taskIds: [listed] } }), now);
    await createFreezeWindow(f.t.db, admin, around(f.clock.now, { name: "team", scope: { kind: "teams", teams: [team] } }), now);
    const names = async (task: string) => (await freezeOfTask(f.t.db, task, f.clock.now, false)).active.map((w) => w.name);
    expect(await names(listed)).toEqual(["apps"]);
    expect(await names(granted)).toEqual(["team"]);
    expect(await names(other)).toEqual([]);

    // A team with a grant on all apps: every app is in its scope.
    await f.t.db
      .insertInto("grants")
      .values({ id: randomUUID(), team_id: wide, app_id: "*", task_id: null, app_name: null, role: "viewer", created_at: at })
      .execute();
    await createFreezeWindow(f.t.db, admin, around(f.clock.now, { name: "sre", scope: { kind: "teams", teams: [wide] } }), now);
    expect(await names(everywhere)).toEqual(["sre"]);
    await createFreezeWindow(f.t.db, admin, around(f.clock.now, { name: "all" }), now);
    expect((await names(everywhere)).sort()).toEqual(["all", "sre"]);
  });

  it("shows a window opening within 7 days as upcoming (not in force), and none further out", async () => {
    const task = newTaskId();
    const now = f.clock.now;
    const soon = { kind: "once" as const, from: new Date(now + 2 * 24 * HOUR).toISOString(), to: new Date(now + 3 * 24 * HOUR).toISOString() };
    const later = { kind: "once" as const, from: new Date(now + 9 * 24 * HOUR).toISOString(), to: new Date(now + 10 * 24 * HOUR).toISOString() };
    await createFreezeWindow(f.t.db, admin, around(now, { name: "soon", schedule: soon }), new Date(now));
    await createFreezeWindow(f.t.db, admin, around(now, { name: "later", schedule: later }), new Date(now));
    const freeze = await freezeOfTask(f.t.db, task, now, false);
    expect(freeze.active).toEqual([]);
    expect(freeze.upcoming.map((w) => [w.name, w.from])).toEqual([["soon", soon.from]]);
    expect((await startDeployment(f.deps, input(task))).kind).toBe("started");
  });

  it("every create, change and delete is a ledger row; changing or deleting a missing window is 404 and writes nothing", async () => {
    const now = new Date(f.clock.now);
    const w = await createFreezeWindow(f.t.db, admin, around(f.clock.now), now);
    const changed = await updateFreezeWindow(f.t.db, admin, w.id, around(f.clock.now, { name: "Renamed", rollbacksAllowed: false }), now);
    expect(changed).toMatchObject({ id: w.id, name: "Renamed", rollbacksAllowed: false, updatedBy: ACTOR.email, createdBy: ACTOR.email });
    expect((await listFreezeWindows(f.t.db, f.clock.now)).map((x) => x.name)).toEqual(["Renamed"]);
    await deleteFreezeWindow(f.t.db, admin, w.id, now);
    expect(await listFreezeWindows(f.t.db, f.clock.now)).toEqual([]);

    const missing = randomUUID();
    expect((await refusal(updateFreezeWindow(f.t.db, admin, missing, around(f.clock.now), now))).code).toBe("not_found");
    expect((await refusal(deleteFreezeWindow(f.t.db, admin, missing, now))).code).toBe("not_found");

    const rows = await f.t.db.selectFrom("ledger").selectAll().where("action", "=", "freeze").where("message", "like", `%${w.id}%`).execute();
    // One instant (the test clock stands still): compared by what each says.
    const said = rows.map((r) => [r.phase, r.actor_name, r.message?.split(" ")[0]]).sort((a, b) => String(a[2]).localeCompare(String(b[2])));
    expect(said).toEqual([
      ["recorded", "Ada", "changed"],
      ["recorded", "Ada", "created"],
      ["recorded", "Ada", "deleted"],
    ]);
    expect(rows.find((r) => r.message?.startsWith("changed"))!.message).toContain("rollbacks refused");
    const all = await f.t.db.selectFrom("ledger").select("message").where("action", "=", "freeze").execute();
    expect(all.some((r) => r.message?.includes(missing))).toBe(false);
  });
});
