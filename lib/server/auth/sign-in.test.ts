/** Sign-in against a real database on both dialects: local accounts with back-off, OIDC users, demo seeding. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED } from "../../codearts/simulator/seed";
import { applyAccessPlan } from "../db/access-plan";
import { migrateToLatest } from "../db/migrate";
import { listGrants } from "../db/grants";
import { listProtectedApps } from "../db/protected-apps";
import { createTeam } from "../db/teams";
import { DIALECTS, type TestDb, openTestDb } from "../db/testing";
import { clearAccountAttempts, createUser, findUserByEmail, listUsers } from "../db/users";
import { mayOnTask, roleOnTask } from "../permissions";
import { ACCOUNT_POLICY, PAIR_POLICY } from "./backoff";
import { checkCredentials } from "./credentials";
import { DEMO_ACCOUNTS, demoPlan } from "./demo";
import { signInOidcUser } from "./oidc";
import { hashPassword } from "./password";
import { loadPrincipal } from "./principal";

const PASSWORD = "correct horse battery";
const T0 = Date.parse("2026-03-01T08:00:00Z");

describe.each(DIALECTS)("sign-in on %s", (dialect) => {
  let t: TestDb;
  const attempt = (email: string, password: string, now: number, address: string | null = null, acceptDemoAccounts = true) =>
    checkCredentials(t.db, { email, password, address, acceptDemoAccounts, now });

  beforeAll(async () => {
    t = await openTestDb(dialect);
    await migrateToLatest(t.db);
    const hash = await hashPassword(PASSWORD);
    for (const email of ["alice@example.com", "bob@example.com", "carol@example.com"]) {
      await createUser(t.db, { email, name: email, passwordHash: hash, role: null, source: "local" });
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it("accepts the right password (any e-mail case) and refuses a wrong one", async () => {
    expect(await attempt("Alice@Example.com", PASSWORD, T0)).toMatchObject({ ok: true, user: { email: "alice@example.com" } });
    expect(await attempt("alice@example.com", "nope", T0)).toEqual({ ok: false, code: "CredentialsSignin" });
    expect(await attempt("nobody@example.com", PASSWORD, T0)).toEqual({ ok: false, code: "CredentialsSignin" });
  });

  it("backs off after three failures per account and address, then locks that address out for 15 minutes at ten", async () => {
    const from = "203.0.113.40";
    let now = T0;
    for (let i = 0; i < 3; i++) expect(await attempt("bob@example.com", "wrong", now, from)).toEqual({ ok: false, code: "CredentialsSignin" });
    // Even the right password is not checked during the wait.
    expect(await attempt("bob@example.com", PASSWORD, now + 500, from)).toMatchObject({ ok: false, code: "throttled", retryAfterMs: 500 });
    for (let failures = 3; failures < 10; failures++) {
      now += Math.min(PAIR_POLICY.maxDelayMs, 1000 * 2 ** (failures - 3));
      expect(await attempt("bob@example.com", "wrong", now, from)).toEqual({ ok: false, code: "CredentialsSignin" });
    }
    expect(await attempt("bob@example.com", PASSWORD, now + 60_000, from)).toMatchObject({ ok: false, code: "locked_out" });
    // The admin sees that someone was shut out.
    const locked = (await listUsers(t.db, now)).find((u) => u.email === "bob@example.com");
    expect(locked?.lockedUntil).toBe(new Date(now + 15 * 60_000).toISOString());
    // After the lock, the right password works and clears the counter.
    expect(await attempt("bob@example.com", PASSWORD, now + 15 * 60_000, from)).toMatchObject({ ok: true });
    expect(await attempt("bob@example.com", "wrong", now + 15 * 60_000 + 1, from)).toEqual({ ok: false, code: "CredentialsSignin" });
  });

  it("a stranger's failures do not lock the owner out; an admin's unlock clears every counter of the account", async () => {
    await createUser(t.db, { email: "owner@example.com", name: "Owner", passwordHash: await hashPassword(PASSWORD), role: null, source: "local" });
    const stranger = "203.0.113.66";
    let now = T0;
    for (let i = 0; i < 10; i++) {
      now += PAIR_POLICY.maxDelayMs;
      expect(await attempt("owner@example.com", "guess", now, stranger)).toMatchObject({ code: "CredentialsSignin" });
    }
    expect(await attempt("owner@example.com", PASSWORD, now + 1000, stranger)).toMatchObject({ ok: false, code: "locked_out" });
    // The owner, from their own address, with the right password: in.
    expect(await attempt("owner@example.com", PASSWORD, now + 1000, "198.51.100.20")).toMatchObject({ ok: true });
    // The owner may even mistype (fewer than the free failures) and still get in.
    expect(await attempt("owner@example.com", "typo", now + 2000, "198.51.100.21")).toMatchObject({ code: "CredentialsSignin" });
    expect(await attempt("owner@example.com", PASSWORD, now + 3000, "198.51.100.21")).toMatchObject({ ok: true });
    // The stranger's address stays locked; an admin's unlock lifts it.
    expect(await attempt("owner@example.com", PASSWORD, now + 4000, stranger)).toMatchObject({ code: "locked_out" });
    await clearAccountAttempts(t.db, "owner@example.com");
    expect((await listUsers(t.db, now)).find((u) => u.email === "owner@example.com")?.lockedUntil).toBeNull();
    expect(await attempt("owner@example.com", PASSWORD, now + 5000, stranger)).toMatchObject({ ok: true });
  });

  it("keeps brute force from many addresses bounded: a few guesses per address, then the slower account-wide limit", async () => {
    const addresses = Array.from({ length: 30 }, (_, i) => `192.0.2.${i + 1}`);
    let now = T0;
    let checked = 0;
    // Fifteen minutes of a guess every 250 ms, rotating over the addresses.
    for (let i = 0; now < T0 + 15 * 60_000; i++, now += 250) {
      const r = await attempt("carol.target@example.com", `guess-${i}`, now, addresses[i % addresses.length]);
      if (!r.ok && r.code === "CredentialsSignin") checked++;
    }
    // Each address: at most the pair's free failures before the account-wide limit meets it as well; that limit
    // lets its free failures through and then waits 1, 2, 4 … 60 s between failures.
    let budget = ACCOUNT_POLICY.freeFailures;
    for (let waited = 0, n = 0; waited < 15 * 60_000; n++, budget++) waited += Math.min(ACCOUNT_POLICY.maxDelayMs, ACCOUNT_POLICY.baseDelayMs * 2 ** n);
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(addresses.length * PAIR_POLICY.freeFailures + budget);
    expect(checked).toBeLessThan(200); // of 3,600 tries
  }, 120_000);

  it("counts unknown accounts like real ones (no hint which exist)", async () => {
    for (let i = 0; i < 3; i++) await attempt("ghost@example.com", "x", T0, "203.0.113.41");
    expect(await attempt("ghost@example.com", "x", T0, "203.0.113.41")).toMatchObject({ ok: false, code: "throttled" });
  });

  it("backs off per client address across accounts", async () => {
    for (let i = 0; i < 10; i++) expect(await attempt(`spray${i}@example.com`, "x", T0, "198.51.100.7")).toMatchObject({ code: "CredentialsSignin" });
    expect(await attempt("carol@example.com", PASSWORD, T0, "198.51.100.7")).toMatchObject({ ok: false, code: "throttled" });
    expect(await attempt("carol@example.com", PASSWORD, T0, "198.51.100.8")).toMatchObject({ ok: true });
  });

  it("seeds the demo plan idempotently; demo accounts are refused when not accepted (cloud mode)", async () => {
    await applyAccessPlan(t.db, demoPlan("codearts-demo"));
    await applyAccessPlan(t.db, demoPlan("codearts-demo"));
    const demoUsers = (await listUsers(t.db)).filter((u) => u.email.endsWith("@demo.local"));
    expect(demoUsers.map((u) => u.email).sort()).toEqual([DEMO_ACCOUNTS.admin, DEMO_ACCOUNTS.dev, DEMO_ACCOUNTS.viewer]);
    expect((await listGrants(t.db)).filter((g) => g.teamName === "developers")).toHaveLength(7);
    expect(await listProtectedApps(t.db)).toMatchObject([{ taskId: SEED.apps.warehouse.taskId }]);
    expect(await attempt(DEMO_ACCOUNTS.dev, "codearts-demo", T0)).toMatchObject({ ok: true });
    expect(await attempt(DEMO_ACCOUNTS.admin, "codearts-demo", T0, null, false)).toEqual({ ok: false, code: "CredentialsSignin" });
    // A changed DEMO_PASSWORD takes effect at the next start.
    await applyAccessPlan(t.db, demoPlan("another-demo-password"));
    expect(await attempt(DEMO_ACCOUNTS.viewer, "another-demo-password", T0)).toMatchObject({ ok: true });

    const dev = await findUserByEmail(t.db, DEMO_ACCOUNTS.dev);
    const p = await loadPrincipal(t.db, dev!.id, { provider: "credentials", acceptDemoAccounts: true });
    expect(roleOnTask(p!, SEED.apps.orders.taskId)).toBe("deployer");
    expect(roleOnTask(p!, SEED.apps.search.taskId)).toBe("viewer");
    expect(mayOnTask(p!, SEED.apps.search.taskId, "deploy")).toBe(false);
    expect(await loadPrincipal(t.db, dev!.id, { provider: "credentials", acceptDemoAccounts: false })).toBeNull();
    // A session of a deleted user no longer counts.
    expect(await loadPrincipal(t.db, "00000000-0000-4000-8000-000000000000", { provider: "credentials", acceptDemoAccounts: true })).toBeNull();
  });

  it("creates OIDC users, maps the groups claim to teams and replaces the mapping at every sign-in", async () => {
    await createTeam(t.db, { name: "platform", oidcGroup: "platform-team" });
    await createTeam(t.db, { name: "ops", oidcGroup: "ops" });
    const id = { subject: "sub-1", email: "oidc.user@example.com", emailVerified: true, name: "OIDC User", groups: ["platform-team", "other"] };
    const first = await signInOidcUser(t.db, id, { acceptDemoAccounts: false });
    expect(first).toMatchObject({ ok: true, teams: ["platform"], user: { source: "oidc", oidc_subject: "sub-1", password_hash: null } });
    const again = await signInOidcUser(t.db, { ...id, name: "Renamed", groups: ["ops"] }, { acceptDemoAccounts: false });
    expect(again).toMatchObject({ ok: true, teams: ["ops"], user: { name: "Renamed" } });
    const row = (await listUsers(t.db)).find((u) => u.email === "oidc.user@example.com");
    expect(row?.teams.map((x) => x.name)).toEqual(["ops"]);
    // An OIDC user cannot sign in with a password.
    expect(await attempt("oidc.user@example.com", "", T0 + 1)).toEqual({ ok: false, code: "CredentialsSignin" });
  });

  it("links an existing account by verified e-mail once, and refuses what it must", async () => {
    const linked = await signInOidcUser(
      t.db,
      { subject: "sub-carol", email: "carol@example.com", emailVerified: true, name: "Carol", groups: [] },
      { acceptDemoAccounts: false },
    );
    expect(linked).toMatchObject({ ok: true, user: { email: "carol@example.com", oidc_subject: "sub-carol" } });
    const other = await signInOidcUser(
      t.db,
      { subject: "sub-other", email: "carol@example.com", emailVerified: true, name: "C", groups: [] },
      { acceptDemoAccounts: false },
    );
    expect(other.ok).toBe(false);
    const unverified = await signInOidcUser(
      t.db,
      { subject: "sub-a", email: "alice@example.com", emailVerified: false, name: "A", groups: [] },
      { acceptDemoAccounts: false },
    );
    expect(unverified.ok).toBe(false);
    const noEmail = await signInOidcUser(t.db, { subject: "sub-x", email: null, emailVerified: null, name: "X", groups: [] }, { acceptDemoAccounts: false });
    expect(noEmail.ok).toBe(false);
    const demo = await signInOidcUser(
      t.db,
      { subject: "sub-d", email: "dev@demo.local", emailVerified: true, name: "D", groups: [] },
      { acceptDemoAccounts: false },
    );
    expect(demo.ok).toBe(false);
  });
});
