import "server-only";
/** Grants: team × app (or "*") × role. Task routes match them by task id. */
import { randomUUID } from "node:crypto";
import type { AdminGrant, NewGrantBody } from "../../schemas/admin";
import type { Role } from "../../schemas/access";
import { ApiError, conflictError } from "../errors";
import { isForeignKeyViolation, isUniqueViolation } from "./errors";
import type { Db } from "./schema";

const grantColumns = ["grants.id", "grants.team_id", "teams.name as team_name", "grants.app_id", "grants.task_id", "grants.app_name", "grants.role"] as const;

type GrantJoin = { id: string; team_id: string; team_name: string; app_id: string; task_id: string | null; app_name: string | null; role: Role };

const toAdminGrant = (g: GrantJoin): AdminGrant => ({
  id: g.id,
  teamId: g.team_id,
  teamName: g.team_name,
  appId: g.app_id,
  taskId: g.task_id,
  appName: g.app_name,
  role: g.role,
});

export async function listGrants(db: Db): Promise<AdminGrant[]> {
  const rows = await db
    .selectFrom("grants")
    .innerJoin("teams", "teams.id", "grants.team_id")
    .select(grantColumns)
    .orderBy("teams.name")
    .orderBy("grants.app_name")
    .execute();
  return rows.map(toAdminGrant);
}

export async function createGrant(db: Db, g: NewGrantBody): Promise<AdminGrant> {
  const id = randomUUID();
  try {
    await db
      .insertInto("grants")
      .values({
        id,
        team_id: g.teamId,
        app_id: g.appId,
        task_id: g.taskId ?? null,
        app_name: g.appName ?? null,
        role: g.role,
        created_at: new Date().toISOString(),
      })
      .execute();
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw conflictError("grant_exists", {}, "This team already has a grant on this app; delete it first to change the role.");
    }
    if (isForeignKeyViolation(err)) throw new ApiError("not_found", `There is no team with the id ${g.teamId}.`);
    throw err;
  }
  const row = await db
    .selectFrom("grants")
    .innerJoin("teams", "teams.id", "grants.team_id")
    .select(grantColumns)
    .where("grants.id", "=", id)
    .executeTakeFirstOrThrow();
  return toAdminGrant(row);
}

export async function deleteGrant(db: Db, id: string): Promise<boolean> {
  const r = await db.deleteFrom("grants").where("id", "=", id).executeTakeFirst();
  return r.numDeletedRows > 0n;
}

/** The grants a user holds through their teams. */
export async function grantsOfUser(db: Db, userId: string): Promise<AdminGrant[]> {
  const rows = await db
    .selectFrom("grants")
    .innerJoin("teams", "teams.id", "grants.team_id")
    .innerJoin("team_members", "team_members.team_id", "grants.team_id")
    .select(grantColumns)
    .where("team_members.user_id", "=", userId)
    .orderBy("teams.name")
    .execute();
  return rows.map(toAdminGrant);
}

/** A name for a task the console has seen in a grant or a protection (for messages; no upstream call). */
export async function knownAppName(db: Db, taskId: string): Promise<string | null> {
  const p = await db.selectFrom("protected_apps").select("app_name").where("task_id", "=", taskId).executeTakeFirst();
  if (p) return p.app_name;
  const g = await db.selectFrom("grants").select("app_name").where("task_id", "=", taskId).where("app_name", "is not", null).executeTakeFirst();
  return g?.app_name ?? null;
}
