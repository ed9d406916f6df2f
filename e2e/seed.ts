/**
 * Seeds the e2e database (DATABASE_URL) with the e2e users, teams, grants and protected app, through the same
 * repository code the console uses. Run by global-setup.ts as its own process (server-only modules need the
 * react-server condition). Starts from empty tables, so every run sees the same state.
 */
import { ALL_APPS } from "../lib/schemas/access";
import { applyAccessPlan } from "../lib/server/db/access-plan";
import { openDatabase } from "../lib/server/db/connect";
import { migrateToLatest } from "../lib/server/db/migrate";
import { loadDatabaseConfig } from "../lib/server/env-schema";
import { OIDC } from "./oidc/config";
import { DEV_APPS, PASSWORD, PROTECTED_APP, SSO_APP, USERS } from "./users";

const db = openDatabase(loadDatabaseConfig(process.env));
try {
  await migrateToLatest(db);
  // The deploy guards start empty too (the ledger is append-only: it keeps earlier runs' rows).
  for (const table of [
    "idempotency_keys",
    "deploy_inflight",
    "task_names",
    "login_attempts",
    "protected_apps",
    "approval_apps",
    "approval_requests",
    "grants",
    "team_members",
    "teams",
    "users",
  ] as const) {
    await db.deleteFrom(table).execute();
  }
  await applyAccessPlan(db, {
    users: [
      { ...USERS.admin, password: PASSWORD, role: "admin" },
      { ...USERS.dev, password: PASSWORD, role: null },
      { ...USERS.dev2, password: PASSWORD, role: null },
      { ...USERS.viewer, password: PASSWORD, role: null },
      { ...USERS.signin, password: PASSWORD, role: null },
      { ...USERS.lockout, password: PASSWORD, role: null },
      { ...USERS.plantedDemo, password: PASSWORD, role: "admin" },
    ],
    teams: [
      { name: "e2e-viewers", members: [USERS.viewer.email, USERS.signin.email, USERS.lockout.email], grants: [{ app: ALL_APPS, role: "viewer" }] },
      { name: "e2e-developers", members: [USERS.dev.email, USERS.dev2.email], grants: DEV_APPS.map((app) => ({ app, role: "deployer" as const })) },
      { name: "e2e-sso", oidcGroup: OIDC.group, members: [], grants: [{ app: SSO_APP, role: "deployer" }] },
    ],
    protectedApps: [{ app: PROTECTED_APP, by: USERS.admin.email }],
  });
  console.log(`e2e users seeded (${loadDatabaseConfig(process.env).kind})`);
} finally {
  await db.destroy();
}
