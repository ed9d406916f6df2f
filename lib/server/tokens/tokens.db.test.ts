/**
 * API tokens on both dialects: what a token may be created with, that only its hash is kept, how a bearer secret
 * becomes a capped principal (role, apps), the 401s of malformed, unknown, revoked and expired tokens, the per-minute
 * limits, and service accounts (tokens only, never a session).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPrincipal } from "../auth/principal";
import { principalOfBearer } from "../auth/bearer";
import { RateLimitedError } from "../auth/token-rates";
import { migrateToLatest } from "../db/migrate";
import { createGrant } from "../db/grants";
import { addMember, createTeam } from "../db/teams";
import { type Dialect, DIALECTS, type TestDb, openTestDb } from "../db/testing";
import { createUser } from "../db/users";
import { ApiError } from "../errors";
import { type Principal, isAdmin, mayOnTask, visibleTasks } from "../permissions";
import { createApiToken, createServiceAccount, listApiTokens, revokeApiToken } from "./service";

const TASK_A = "a".repeat(32);
const TASK_B = "b".repeat(32);
const client = { address: "10.0.0.9", userAgent: "vitest", requestId: "req" };
const GET = { method: "GET", path: "/api/apps" };
const START = { method: "POST", path: `/api/tasks/${TASK_A}/start` };

async function refusal(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof ApiError)) throw new Error(`expected a console refusal, got ${String(err)}`);
  return err;
}

describe.each(DIALECTS)("API tokens on %s", (dialect: Dialect) => {
  let t: TestDb;
  let dev: Principal;
  let admin: Principal;
  const who = (p: Principal) => ({ actor: { id: p.id, name: p.name, email: p.email, teams: [], token: null }, client });
  const bearer = (secret: string, req = GET, now?: number) => principalOfBearer(t.db, secret, req, { acceptDemoAccounts: false, now });

  beforeAll(async () => {
    t = await openTestDb(dialect);
    await migrateToLatest(t.db);
    // dev: deployer on task A through a team, viewer on task B.
    const u = await createUser(t.db, { email: "dev@example.com", name: "Dev", passwordHash: "x", role: null, source: "local" });
    const team = await createTeam(t.db, { name: "orders" });
    await addMember(t.db, team.id, u.id);
    await createGrant(t.db, { teamId: team.id, appId: "c".repeat(32), taskId: TASK_A, appName: "orders", role: "deployer" });
    await createGrant(t.db, { teamId: team.id, appId: "d".repeat(32), taskId: TASK_B, appName: "billing", role: "viewer" });
    dev = (await loadPrincipal(t.db, u.id, { provider: "credentials", acceptDemoAccounts: false }))!;
    const a = await createUser(t.db, { email: "root@example.com", name: "Root", passwordHash: "x", role: "admin", source: "local" });
    admin = (await loadPrincipal(t.db, a.id, { provider: "credentials", acceptDemoAccounts: false }))!;
  });
  afterAll(async () => {
    await t.close();
  });

  it("shows the secret once and keeps only its hash; the ledger names the token, never the secret", async () => {
    const { token, secret } = await createApiToken(t.db, dev, who(dev), { name: "ci", expiresInDays: 30, role: "deployer" });
    expect(secret).toMatch(/^cdc_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({ name: "ci", role: "deployer", apps: null, state: "active", owner: { email: "dev@example.com", kind: "human" } });
    expect(secret.startsWith(token.prefix)).toBe(true);
    const stored = JSON.stringify(await t.db.selectFrom("api_tokens").selectAll().execute());
    expect(stored).not.toContain(secret);
    const ledger = await t.db.selectFrom("ledger").selectAll().where("action", "=", "token").execute();
    expect(ledger.at(-1)?.message).toContain('"ci"');
    expect(JSON.stringify(ledger)).not.toContain(secret);
    expect((await listApiTokens(t.db, dev, "mine")).map((x) => x.id)).toContain(token.id);
  });

  it("refuses a role above the owner's, apps the owner cannot see, and tokens made with a token", async () => {
    expect((await refusal(createApiToken(t.db, dev, who(dev), { name: "x", expiresInDays: 1, role: "admin" }))).code).toBe("forbidden");
    const hidden = "e".repeat(32);
    expect((await refusal(createApiToken(t.db, dev, who(dev), { name: "x", expiresInDays: 1, role: "viewer", taskIds: [hidden] }))).message).toContain(hidden);
    const { secret } = await createApiToken(t.db, dev, who(dev), { name: "y", expiresInDays: 1, role: "viewer" });
    const viaToken = await bearer(secret);
    expect((await refusal(createApiToken(t.db, viaToken, who(viaToken), { name: "z", expiresInDays: 1, role: "viewer" }))).code).toBe("forbidden");
    expect((await refusal(listApiTokens(t.db, dev, "all"))).code).toBe("forbidden");
  });

  it("caps the owner's rights at the token's role and apps", async () => {
    const viewer = await bearer((await createApiToken(t.db, dev, who(dev), { name: "read", expiresInDays: 1, role: "viewer" })).secret);
    expect(viewer.provider).toBe("token");
    expect(mayOnTask(viewer, TASK_A, "view")).toBe(true);
    expect(mayOnTask(viewer, TASK_A, "deploy")).toBe(false);
    const onlyB = await bearer((await createApiToken(t.db, dev, who(dev), { name: "b", expiresInDays: 1, role: "deployer", taskIds: [TASK_B] })).secret);
    expect(mayOnTask(onlyB, TASK_A, "view")).toBe(false);
    // The token's role is a ceiling, not a grant: dev is a viewer on B, so the deployer token may only view it.
    expect(mayOnTask(onlyB, TASK_B, "view")).toBe(true);
    expect(mayOnTask(onlyB, TASK_B, "deploy")).toBe(false);
    expect([...(visibleTasks(onlyB) as Set<string>)]).toEqual([TASK_B]);
    const rootApps = await bearer((await createApiToken(t.db, admin, who(admin), { name: "r", expiresInDays: 1, role: "admin", taskIds: [TASK_A] })).secret);
    expect(isAdmin(rootApps)).toBe(false);
  });

  it("answers 401 with its own code for a malformed, unknown, revoked or expired token", async () => {
    expect((await refusal(bearer("not-a-token"))).code).toBe("token_invalid");
    expect((await refusal(bearer(`cdc_${"A".repeat(43)}`))).code).toBe("token_invalid");
    const { token, secret } = await createApiToken(t.db, dev, who(dev), { name: "short", expiresInDays: 1, role: "viewer" });
    expect((await refusal(bearer(secret, GET, Date.now() + 2 * 24 * 60 * 60_000))).code).toBe("token_expired");
    await revokeApiToken(t.db, dev, who(dev), token.id);
    const revoked = await refusal(bearer(secret));
    expect([revoked.code, revoked.status]).toEqual(["token_revoked", 401]);
    expect((await listApiTokens(t.db, dev, "mine")).find((x) => x.id === token.id)).toMatchObject({ state: "revoked", revokedBy: "dev@example.com" });
    // Someone else's token is not found for a non-admin; an admin may revoke any.
    const other = await createApiToken(t.db, admin, who(admin), { name: "root's", expiresInDays: 1, role: "viewer" });
    expect((await refusal(revokeApiToken(t.db, dev, who(dev), other.token.id))).code).toBe("not_found");
    await revokeApiToken(t.db, admin, who(admin), other.token.id);
  });

  it("limits starts and reads per token and minute, with the seconds until the next minute", async () => {
    const { secret } = await createApiToken(t.db, dev, who(dev), { name: "rate", expiresInDays: 1, role: "deployer", startsPerMinute: 2, readsPerMinute: 3 });
    const minute = Math.ceil(Date.now() / 60_000) * 60_000 + 60_000;
    await bearer(secret, START, minute + 1_000);
    await bearer(secret, START, minute + 2_000);
    const limited = await refusal(bearer(secret, START, minute + 15_000));
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect([limited.code, limited.status, (limited as RateLimitedError).retryAfterSeconds]).toEqual(["rate_limited", 429, 45]);
    // Reads count apart from starts; the next minute starts afresh.
    for (let i = 0; i < 3; i++) await bearer(secret, GET, minute + 20_000);
    expect((await refusal(bearer(secret, GET, minute + 21_000))).code).toBe("rate_limited");
    await bearer(secret, START, minute + 60_000);
  });

  it("service accounts act through tokens only; only admins create their tokens", async () => {
    const svc = await createServiceAccount(t.db, who(admin), { name: "Release pipeline", role: "deployer" });
    expect(svc).toMatchObject({ kind: "service", password_hash: null });
    expect(svc.email).toMatch(/^release-pipeline-[0-9a-f]{6}@service-account\.invalid$/);
    expect(await loadPrincipal(t.db, svc.id, { provider: "credentials", acceptDemoAccounts: false })).toBeNull();
    expect((await refusal(createApiToken(t.db, dev, who(dev), { name: "x", expiresInDays: 1, role: "viewer", ownerId: svc.id }))).code).toBe("forbidden");
    expect((await refusal(createApiToken(t.db, admin, who(admin), { name: "x", expiresInDays: 1, role: "viewer", ownerId: dev.id }))).code).toBe("forbidden");
    const { token, secret } = await createApiToken(t.db, admin, who(admin), { name: "pipeline", expiresInDays: 90, role: "deployer", ownerId: svc.id });
    expect(token.owner).toMatchObject({ id: svc.id, kind: "service" });
    const p = await bearer(secret);
    expect([p.id, p.token?.service, mayOnTask(p, TASK_A, "deploy")]).toEqual([svc.id, true, true]);
  });
});
