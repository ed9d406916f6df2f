import "server-only";
/**
 * What the token routes do: create a token (a role no higher than the owner's, apps the owner may see, at most a
 * year), list them, revoke one, create a service account. Every creation and revocation is a `token` ledger row
 * (name, owner, role, apps, expiry — never the secret), in the transaction of the change.
 */
import { randomBytes } from "node:crypto";
import { type Role, roleRank } from "../../schemas/access";
import { type ApiToken, type NewTokenBody, TOKEN_RATES } from "../../schemas/tokens";
import { loadPrincipal } from "../auth/principal";
import type { Db, UserRow } from "../db/schema";
import { appOfTask } from "../db/task-names";
import { createToken, findToken, listTokens, revokeToken, toApiToken } from "../db/tokens";
import { createUser, findUserById } from "../db/users";
import type { Admin } from "../deploy/freeze";
import { ApiError } from "../errors";
import { appendRow } from "../ledger/store";
import { type Principal, highestRole, isAdmin, mayOnTask } from "../permissions";

const DAY_MS = 24 * 60 * 60_000;

const notFound = (id: string) => new ApiError("not_found", `There is no API token ${id}.`);

async function ledgerTokenRow(db: Db, who: Admin, message: string, at: Date): Promise<void> {
  await appendRow(db, { action: "token", phase: "recorded", attempted: null, actor: who.actor, client: who.client, message }, at);
}

/** The owner of a new token: the caller, or (admins) a service account. */
async function ownerOf(db: Db, caller: Principal, ownerId: string | undefined): Promise<{ row: UserRow; principal: Principal }> {
  if (caller.token) throw new ApiError("forbidden", "An API token cannot create tokens: sign in to the console to create one.");
  const id = ownerId ?? caller.id;
  const row = await findUserById(db, id);
  if (!row) throw new ApiError("not_found", `There is no user ${id}.`);
  if (id !== caller.id) {
    if (!isAdmin(caller)) throw new ApiError("forbidden", "Only administrators create tokens for service accounts.");
    if (row.kind !== "service") throw new ApiError("forbidden", "Tokens are created for oneself, or by an administrator for a service account.");
  }
  const principal = await loadPrincipal(db, id, { provider: "token", acceptDemoAccounts: true });
  if (!principal) throw new ApiError("not_found", `There is no user ${id}.`);
  return { row, principal };
}

export async function createApiToken(
  db: Db,
  caller: Principal,
  who: Admin,
  body: NewTokenBody,
  now = new Date(),
): Promise<{ token: ApiToken; secret: string }> {
  const { row: owner, principal } = await ownerOf(db, caller, body.ownerId);
  const most: Role | null = highestRole(principal);
  if (roleRank(body.role) > roleRank(most)) {
    const whose = owner.id === caller.id ? "yours" : `the service account's`;
    throw new ApiError("forbidden", `A token's role cannot be higher than ${whose} (${most ?? "no role"}): choose ${most ?? "a role after a grant"}.`);
  }
  const taskIds = body.taskIds ? [...new Set(body.taskIds)] : null;
  const hidden = (taskIds ?? []).filter((t) => !mayOnTask(principal, t, "view"));
  if (hidden.length > 0) throw new ApiError("forbidden", `The token's owner may not see the app of task ${hidden.join(", ")}.`);
  const apps = taskIds ? await Promise.all(taskIds.map(async (taskId) => ({ taskId, ...(await appOfTask(db, taskId)) }))) : null;
  let created: { token: ApiToken; secret: string } | undefined;
  await db.transaction().execute(async (tx) => {
    const { row, secret } = await createToken(
      tx,
      {
        userId: owner.id,
        name: body.name,
        role: body.role,
        apps,
        readsPerMinute: body.readsPerMinute ?? TOKEN_RATES.reads.default,
        startsPerMinute: body.startsPerMinute ?? TOKEN_RATES.starts.default,
        expiresAt: new Date(now.getTime() + body.expiresInDays * DAY_MS),
        createdBy: caller.id,
      },
      now,
    );
    const scope = apps ? apps.map((a) => a.appName ?? a.taskId).join(", ") : "all apps";
    await ledgerTokenRow(
      tx,
      who,
      `API token "${row.name}" (${row.prefix}…) created for ${owner.email}: ${row.role} on ${scope}, expires ${row.expires_at}.`,
      now,
    );
    created = { token: toApiToken(row, owner, now.getTime()), secret };
  });
  return created!;
}

/** The caller's tokens, or every token (admins, scope "all"). */
export async function listApiTokens(db: Db, caller: Principal, scope: "mine" | "all"): Promise<ApiToken[]> {
  if (scope === "all" && !isAdmin(caller)) throw new ApiError("forbidden", "Only administrators see every token.");
  return listTokens(db, scope === "all" ? null : caller.id);
}

/** Revokes a token of the caller's own (or any, for admins); a revoked token stays listed as revoked. */
export async function revokeApiToken(db: Db, caller: Principal, who: Admin, id: string, now = new Date()): Promise<void> {
  const row = await findToken(db, id);
  if (!row) throw notFound(id);
  if (row.user_id !== caller.id && !isAdmin(caller)) throw notFound(id);
  if (row.revoked_at) return;
  const owner = await findUserById(db, row.user_id);
  await db.transaction().execute(async (tx) => {
    await revokeToken(tx, id, caller.email, now);
    await ledgerTokenRow(tx, who, `API token "${row.name}" (${row.prefix}…) of ${owner?.email ?? row.user_id} revoked.`, now);
  });
}

/** A service account: a user with no password and an address no one can sign in with. */
export async function createServiceAccount(db: Db, who: Admin, body: { name: string; role?: Role | null }, now = new Date()): Promise<UserRow> {
  const slug =
    body.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 40) || "service";
  const email = `${slug}-${randomBytes(3).toString("hex")}@service-account.invalid`;
  let created: UserRow | undefined;
  await db.transaction().execute(async (tx) => {
    created = await createUser(tx, { email, name: body.name, passwordHash: null, role: body.role ?? null, source: "local", kind: "service" });
    await ledgerTokenRow(tx, who, `Service account "${body.name}" (${email}) created${body.role ? ` with the ${body.role} role on all apps` : ""}.`, now);
  });
  return created!;
}
