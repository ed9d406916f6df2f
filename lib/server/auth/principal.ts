import "server-only";
/** Loads a user's current rights from the database (every request: grant changes apply at once). */
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { grantsOfUser } from "../db/grants";
import { findUserById } from "../db/users";
import type { Principal } from "../permissions";
import { isDemoEmail } from "./demo";

export async function loadPrincipal(
  db: Kysely<Database>,
  userId: string,
  opts: { provider: Principal["provider"]; acceptDemoAccounts: boolean },
): Promise<Principal | null> {
  const user = await findUserById(db, userId);
  if (!user) return null; // deleted since sign-in: the session no longer counts
  if (!opts.acceptDemoAccounts && isDemoEmail(user.email)) return null;
  // A service account acts only through its tokens: no session ever counts for it.
  if (user.kind === "service" && opts.provider !== "token") return null;
  const grants = await grantsOfUser(db, userId);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    provider: opts.provider,
    kind: user.kind,
    grants: grants.map((g) => ({ teamId: g.teamId, teamName: g.teamName, appId: g.appId, taskId: g.taskId, appName: g.appName, role: g.role })),
  };
}
