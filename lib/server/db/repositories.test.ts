/** The repositories on both dialects: migrations, constraints, cascades and the compare-and-set counter. */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FRESH } from "../auth/backoff";
import { ApiError } from "../errors";
import { createGrant, deleteGrant, grantsOfUser, knownAppName, listGrants } from "./grants";
import { claimAttempts, clearAttempts, readAttempts, writeAttempts } from "./login-attempts";
import { migrateToLatest } from "./migrate";
import { findProtectedApp, listProtectedApps, protectApp, unprotectApp } from "./protected-apps";
import { addMember, createTeam, deleteTeam, listTeams, replaceOidcMemberships, updateTeam } from "./teams";
import { DIALECTS, TEST_DATABASE_URL, type TestDb, openTestDb } from "./testing";
import { adminEmails, createUser, deleteUser, findUserByEmail, listUsers, setUserTeams, updateUser } from "./users";

const T1 = "a".repeat(32);
const T2 = "b".repeat(32);
/** A 409 conflict, naming what clashed when `reason` is given (ERROR_REASONS), with the values it names. */
const conflictOf = (p: Promise<unknown>, reason?: string, args?: Record<string, string>) =>
  expect(p).rejects.toSatisfy(
    (e) =>
      e instanceof ApiError &&
      e.code === "conflict" &&
      (reason === undefined || (e.extra?.reason === reason && JSON.stringify(e.extra.args ?? {}) === JSON.stringify(args ?? {}))),
  );
const local = (email: string, role: "viewer" | "deployer" | "admin" | null = null) =>
  ({ email, name: email.split("@")[0] ?? email, passwordHash: "x", role, source: "local" }) as const;

describe.each(DIALECTS)("database on %s", (dialect) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  it("migrates once; running the migrations again changes nothing", async () => {
    expect(await migrateToLatest(t.db)).toEqual([
      "0001_auth",
      "0002_ledger",
      "0003_user_task_params",
      "0004_record_facts",
      "0005_deploy_locks",
      "0006_change_control",
      "0007_approvals",
      "0008_ledger_open",
      "0009_ledger_indexes",
      "0010_ledger_counts",
      "0011_notifications",
      "0012_tokens",
    ]);
    expect(await migrateToLatest(t.db)).toEqual([]);
    await expect(Promise.all([migrateToLatest(t.db), migrateToLatest(t.db)])).resolves.toEqual([[], []]);
  });

  it("commits durably: SQLite syncs every commit (synchronous FULL), PostgreSQL keeps synchronous_commit on", async () => {
    if (dialect === "sqlite") {
      const { rows } = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(t.db);
      expect(rows[0]?.synchronous).toBe(2);
    } else {
      const { rows } = await sql<{ synchronous_commit: string }>`SHOW synchronous_commit`.execute(t.db);
      expect(rows[0]?.synchronous_commit).toBe("on");
    }
  });

  it("keeps e-mail addresses unique regardless of case", async () => {
    const u = await createUser(t.db, local("Ada@Example.com"));
    expect(u.email).toBe("ada@example.com");
    await conflictOf(createUser(t.db, local("ADA@example.com")));
    expect((await findUserByEmail(t.db, " ada@EXAMPLE.com "))?.id).toBe(u.id);
    expect(await updateUser(t.db, u.id, { name: "Ada L.", role: "deployer" })).toBe(true);
    expect(await updateUser(t.db, "00000000-0000-4000-8000-000000000000", { name: "x" })).toBe(false);
  });

  it("keeps team names and OIDC groups unique, and counts members", async () => {
    const a = await createTeam(t.db, { name: "alpha", oidcGroup: "grp-alpha" });
    await createTeam(t.db, { name: "no-group-1" });
    await createTeam(t.db, { name: "no-group-2" }); // several teams without a group are fine
    await conflictOf(createTeam(t.db, { name: "alpha" }), "team_name_taken", { name: "alpha" });
    await conflictOf(createTeam(t.db, { name: "beta", oidcGroup: "grp-alpha" }), "oidc_group_taken", { group: "grp-alpha" });
    const u = await createUser(t.db, local("member@example.com"));
    await addMember(t.db, a.id, u.id);
    await addMember(t.db, a.id, u.id); // idempotent
    expect((await listTeams(t.db)).find((x) => x.id === a.id)).toEqual({ id: a.id, name: "alpha", oidcGroup: "grp-alpha", members: 1 });
    expect(await updateTeam(t.db, a.id, { oidcGroup: null })).toBe(true);
    await conflictOf(updateTeam(t.db, a.id, { name: "no-group-1" }), "team_name_taken", { name: "no-group-1" });
    // Renaming a team to its own name is no clash; another team's group is.
    expect(await updateTeam(t.db, a.id, { name: "alpha" })).toBe(true);
    const b = await createTeam(t.db, { name: "beta", oidcGroup: "grp-beta" });
    await conflictOf(updateTeam(t.db, a.id, { name: "alpha", oidcGroup: "grp-beta" }), "oidc_group_taken", { group: "grp-beta" });
    expect((await listTeams(t.db)).find((x) => x.id === b.id)?.oidcGroup).toBe("grp-beta");
  });

  it("holds one grant per team and app, refuses unknown teams, and cascades on team deletion", async () => {
    const team = await createTeam(t.db, { name: "grant-team" });
    const u = await createUser(t.db, local("granted@example.com"));
    await addMember(t.db, team.id, u.id);
    const g = await createGrant(t.db, { teamId: team.id, appId: "c".repeat(32), taskId: T1, appName: "订单服务", role: "deployer" });
    expect(g).toMatchObject({ teamName: "grant-team", taskId: T1, appName: "订单服务", role: "deployer" });
    await createGrant(t.db, { teamId: team.id, appId: "*", role: "viewer" });
    await conflictOf(createGrant(t.db, { teamId: team.id, appId: "c".repeat(32), taskId: T1, role: "viewer" }));
    await expect(createGrant(t.db, { teamId: "00000000-0000-4000-8000-000000000000", appId: "*", role: "viewer" })).rejects.toSatisfy(
      (e) => e instanceof ApiError && e.code === "not_found",
    );
    expect((await grantsOfUser(t.db, u.id)).map((x) => x.appId).sort()).toEqual(["*", "c".repeat(32)]);
    expect(await knownAppName(t.db, T1)).toBe("订单服务");
    expect(await deleteGrant(t.db, g.id)).toBe(true);
    expect(await deleteGrant(t.db, g.id)).toBe(false);
    expect(await deleteTeam(t.db, team.id)).toBe(true);
    expect((await listGrants(t.db)).filter((x) => x.teamId === team.id)).toEqual([]);
    expect(await grantsOfUser(t.db, u.id)).toEqual([]);
  });

  it("sets a user's complete team set, keeping surviving OIDC memberships and refusing unknown teams", async () => {
    const [x, y, z] = await Promise.all(["set-x", "set-y", "set-z"].map((name) => createTeam(t.db, { name, oidcGroup: `g-${name}` })));
    const u = await createUser(t.db, local("teams@example.com"));
    await replaceOidcMemberships(t.db, u.id, ["g-set-x", "g-unknown"]);
    await setUserTeams(t.db, u.id, [x!.id, y!.id]);
    const row = (await listUsers(t.db)).find((r) => r.id === u.id);
    expect(row?.teams.map((m) => m.name)).toEqual(["set-x", "set-y"]);
    // The next OIDC sign-in replaces OIDC memberships only: set-x (oidc) goes, set-y (manual) stays, set-z joins.
    expect(await replaceOidcMemberships(t.db, u.id, ["g-set-z"])).toEqual(["set-z"]);
    expect((await listUsers(t.db)).find((r) => r.id === u.id)?.teams.map((m) => m.name)).toEqual(["set-y", "set-z"]);
    await expect(setUserTeams(t.db, u.id, [z!.id, "00000000-0000-4000-8000-000000000000"])).rejects.toSatisfy(
      (e) => e instanceof ApiError && e.code === "not_found",
    );
    await setUserTeams(t.db, u.id, []);
    expect((await listUsers(t.db)).find((r) => r.id === u.id)?.teams).toEqual([]);
    expect(await deleteUser(t.db, u.id)).toBe(true);
  });

  it("lists administrators for 'who can grant it'", async () => {
    await createUser(t.db, local("root@example.com", "admin"));
    const team = await createTeam(t.db, { name: "admins-by-team" });
    const u = await createUser(t.db, local("team-admin@example.com"));
    await addMember(t.db, team.id, u.id);
    await createGrant(t.db, { teamId: team.id, appId: "*", role: "admin" });
    expect(await adminEmails(t.db)).toEqual(["root@example.com", "team-admin@example.com"]);
  });

  it("protects an app once per task", async () => {
    const p = await protectApp(t.db, { appId: "d".repeat(32), taskId: T2, appName: "仓储管理WMS" }, "root@example.com");
    expect(p).toMatchObject({ taskId: T2, appName: "仓储管理WMS", createdBy: "root@example.com" });
    await conflictOf(protectApp(t.db, { appId: "d".repeat(32), taskId: T2, appName: "again" }, "x"));
    expect(await findProtectedApp(t.db, T2)).toEqual(p);
    expect(await listProtectedApps(t.db)).toEqual([p]);
    expect(await unprotectApp(t.db, T2)).toBe(true);
    expect(await unprotectApp(t.db, T2)).toBe(false);
  });

  it("counts sign-in failures with compare-and-set", async () => {
    const key = "account:cas@example.com";
    const seen = await readAttempts(t.db, key);
    expect(seen).toEqual({ exists: false, state: FRESH });
    const next = { failures: 1, lastFailureAt: Date.parse("2026-01-01T00:00:00Z"), lockedUntil: null };
    expect(await claimAttempts(t.db, key, seen, next)).toBe(true);
    expect(await claimAttempts(t.db, key, seen, next)).toBe(false); // a parallel attempt read the same state: it loses
    const now = await readAttempts(t.db, key);
    expect(now).toEqual({ exists: true, state: next });
    expect(await claimAttempts(t.db, key, now, { ...next, failures: 2 })).toBe(true);
    expect(await claimAttempts(t.db, key, now, { ...next, failures: 2 })).toBe(false);
    await writeAttempts(t.db, key, { failures: 10, lastFailureAt: next.lastFailureAt, lockedUntil: next.lastFailureAt + 1000 });
    expect((await readAttempts(t.db, key)).state.lockedUntil).toBe(next.lastFailureAt + 1000);
    await clearAttempts(t.db, key);
    expect((await readAttempts(t.db, key)).exists).toBe(false);
  });
});

// Without TEST_DATABASE_URL (a bare `vitest run`) the PostgreSQL half shows up as skipped, never silently absent.
if (!TEST_DATABASE_URL) {
  describe.skip("database on postgres", () => {
    it("needs TEST_DATABASE_URL (npm test starts a throwaway PostgreSQL and sets it)", () => {});
  });
}
