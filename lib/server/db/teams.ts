import "server-only";
/** Teams, their OIDC group mapping, and memberships that follow the OIDC groups claim. */
import { randomUUID } from "node:crypto";
import type { AdminTeam } from "../../schemas/admin";
import { conflictError } from "../errors";
import { isUniqueViolation } from "./errors";
import type { Db, TeamRow } from "./schema";

/** A unique violation said as what clashed: the team name, else the OIDC group (each is unique). */
async function conflict(db: Db, err: unknown, id: string | null, name: string | undefined, group: string | null | undefined): Promise<never> {
  if (!isUniqueViolation(err)) throw err;
  const other = (q: "name" | "oidc_group", v: string) =>
    db
      .selectFrom("teams")
      .select("id")
      .where(q, "=", v)
      .where("id", "!=", id ?? "")
      .executeTakeFirst();
  if (name !== undefined && (await other("name", name))) throw conflictError("team_name_taken", { name }, `A team named "${name}" already exists.`);
  if (group) throw conflictError("oidc_group_taken", { group }, `The OIDC group "${group}" is already mapped to another team.`);
  throw conflictError("team_name_taken", { name: name ?? "" }, "A team with that name already exists.");
}

export async function listTeams(db: Db): Promise<AdminTeam[]> {
  const rows = await db
    .selectFrom("teams")
    .leftJoin("team_members", "team_members.team_id", "teams.id")
    .select(["teams.id", "teams.name", "teams.oidc_group", (eb) => eb.fn.count<string | number>("team_members.user_id").as("members")])
    .groupBy(["teams.id", "teams.name", "teams.oidc_group"])
    .orderBy("teams.name")
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, oidcGroup: r.oidc_group, members: Number(r.members) }));
}

export async function getTeam(db: Db, id: string): Promise<AdminTeam | undefined> {
  return (await listTeams(db)).find((t) => t.id === id);
}

export function findTeamByName(db: Db, name: string): Promise<TeamRow | undefined> {
  return db.selectFrom("teams").selectAll().where("name", "=", name).executeTakeFirst();
}

export async function createTeam(db: Db, t: { name: string; oidcGroup?: string | null }): Promise<TeamRow> {
  const row: TeamRow = { id: randomUUID(), name: t.name, oidc_group: t.oidcGroup ?? null, created_at: new Date().toISOString() };
  try {
    await db.insertInto("teams").values(row).execute();
  } catch (err) {
    await conflict(db, err, null, t.name, t.oidcGroup);
  }
  return row;
}

/** false when there is no such team. */
export async function updateTeam(db: Db, id: string, c: { name?: string; oidcGroup?: string | null }): Promise<boolean> {
  const values = {
    ...(c.name !== undefined ? { name: c.name } : {}),
    ...(c.oidcGroup !== undefined ? { oidc_group: c.oidcGroup } : {}),
  };
  if (Object.keys(values).length === 0) return (await db.selectFrom("teams").select("id").where("id", "=", id).executeTakeFirst()) !== undefined;
  try {
    const r = await db.updateTable("teams").set(values).where("id", "=", id).executeTakeFirst();
    return r.numUpdatedRows > 0n;
  } catch (err) {
    return await conflict(db, err, id, c.name, c.oidcGroup);
  }
}

/** Deletes the team with its memberships and grants; false when there is no such team. */
export async function deleteTeam(db: Db, id: string): Promise<boolean> {
  const r = await db.deleteFrom("teams").where("id", "=", id).executeTakeFirst();
  return r.numDeletedRows > 0n;
}

export async function addMember(db: Db, teamId: string, userId: string, source: "manual" | "oidc" = "manual"): Promise<void> {
  await db
    .insertInto("team_members")
    .values({ team_id: teamId, user_id: userId, source })
    .onConflict((oc) => oc.columns(["team_id", "user_id"]).doNothing())
    .execute();
}

/**
 * OIDC sign-in: the user's OIDC memberships become exactly the teams whose oidc_group is among `groups`.
 * Manual memberships are left alone. Returns the names of the teams joined through the claim.
 */
export async function replaceOidcMemberships(db: Db, userId: string, groups: string[]): Promise<string[]> {
  return db.transaction().execute(async (tx) => {
    await tx.deleteFrom("team_members").where("user_id", "=", userId).where("source", "=", "oidc").execute();
    if (groups.length === 0) return [];
    const teams = await tx.selectFrom("teams").select(["id", "name"]).where("oidc_group", "in", groups).execute();
    if (teams.length > 0) {
      await tx
        .insertInto("team_members")
        .values(teams.map((t) => ({ team_id: t.id, user_id: userId, source: "oidc" as const })))
        .onConflict((oc) => oc.columns(["team_id", "user_id"]).doNothing())
        .execute();
    }
    return teams.map((t) => t.name);
  });
}
