import "server-only";
/**
 * Declarative seeding of users, teams, grants and protected apps — used for the demo accounts at start-up and by
 * the end-to-end set-up. Idempotent: what exists is kept (passwords are re-set to the plan's), what is missing is
 * added; safe when several replicas start at once.
 */
import type { Kysely } from "kysely";
import { ALL_APPS, type Role } from "../../schemas/access";
import { hashPassword, verifyPassword } from "../auth/password";
import { ApiError } from "../errors";
import type { Database } from "./schema";
import { createGrant } from "./grants";
import { protectApp } from "./protected-apps";
import { addMember, createTeam, findTeamByName } from "./teams";
import { createUser, findUserByEmail, updateUser } from "./users";

export interface PlanApp {
  appId: string;
  taskId: string;
  name: string;
}

export interface AccessPlan {
  users: { email: string; name: string; password: string; role: Role | null }[];
  teams: { name: string; oidcGroup?: string; members: string[]; grants: { app: PlanApp | typeof ALL_APPS; role: Role }[] }[];
  protectedApps: { app: PlanApp; by: string }[];
}

/** Ignores "already there" (another replica, or an earlier start, seeded it). */
async function unlessExists<T>(work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ApiError && err.code === "conflict") return undefined;
    throw err;
  }
}

export async function applyAccessPlan(db: Kysely<Database>, plan: AccessPlan): Promise<void> {
  const userIds = new Map<string, string>();
  for (const u of plan.users) {
    const existing = await findUserByEmail(db, u.email);
    if (existing) {
      if (!existing.password_hash || !(await verifyPassword(existing.password_hash, u.password))) {
        await updateUser(db, existing.id, { passwordHash: await hashPassword(u.password) });
      }
      userIds.set(u.email, existing.id);
      continue;
    }
    const hash = await hashPassword(u.password);
    await unlessExists(() => createUser(db, { email: u.email, name: u.name, passwordHash: hash, role: u.role, source: "local" }));
    const row = await findUserByEmail(db, u.email);
    if (row) userIds.set(u.email, row.id);
  }
  for (const t of plan.teams) {
    await unlessExists(() => createTeam(db, { name: t.name, oidcGroup: t.oidcGroup ?? null }));
    const team = await findTeamByName(db, t.name);
    if (!team) continue;
    for (const email of t.members) {
      const id = userIds.get(email);
      if (id) await addMember(db, team.id, id);
    }
    for (const g of t.grants) {
      const app = g.app === ALL_APPS ? { appId: ALL_APPS } : { appId: g.app.appId, taskId: g.app.taskId, appName: g.app.name };
      await unlessExists(() => createGrant(db, { teamId: team.id, role: g.role, ...app }));
    }
  }
  for (const p of plan.protectedApps) {
    await unlessExists(() => protectApp(db, { appId: p.app.appId, taskId: p.app.taskId, appName: p.app.name }, p.by));
  }
}
