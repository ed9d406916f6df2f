import "server-only";
/**
 * Table types of the console database (Kysely). Timestamps are ISO-8601 UTC strings and ids are UUID strings in
 * both dialects, so every query reads the same on SQLite and PostgreSQL.
 */
import type { Generated, Kysely, Selectable } from "kysely";
import type { Role } from "../../schemas/access";
import type { LedgerDatabase } from "./schema-ledger";
import type { NotifyDatabase } from "./schema-notify";

export interface UsersTable {
  id: string;
  /** Lower-case; unique. */
  email: string;
  name: string;
  /** argon2id PHC string; null for OIDC users. */
  password_hash: string | null;
  /** Global role on all apps, besides team grants. */
  role: Role | null;
  source: "local" | "oidc";
  oidc_subject: string | null;
  created_at: string;
  /** human, or service: a service account (no password, no sign-in; its tokens act for it). */
  kind: Generated<"human" | "service">;
}

export interface TeamsTable {
  id: string;
  name: string;
  /** OIDC group (claim value) whose members join the team at sign-in. */
  oidc_group: string | null;
  created_at: string;
}

export interface TeamMembersTable {
  team_id: string;
  user_id: string;
  /** manual = set by an admin; oidc = replaced at every OIDC sign-in from the groups claim. */
  source: "manual" | "oidc";
}

export interface GrantsTable {
  id: string;
  team_id: string;
  /** "*" for all apps. */
  app_id: string;
  /** The app's deployment task (task routes check by task id); null for "*". */
  task_id: string | null;
  app_name: string | null;
  role: Role;
  created_at: string;
}

export interface ProtectedAppsTable {
  task_id: string;
  app_id: string;
  app_name: string;
  created_by: string;
  created_at: string;
}

export interface LoginAttemptsTable {
  /** `account:<email>` or `ip:<address>`. */
  key: string;
  failures: number;
  last_failure_at: string | null;
  locked_until: string | null;
}

/** API tokens (personal, or a service account's): the secret's SHA-256, never the secret. */
export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  hash: string;
  prefix: string;
  role: Role;
  /** JSON array of { taskId, appId, appName }; null = every app the owner may reach. */
  apps: string | null;
  reads_per_minute: number;
  starts_per_minute: number;
  created_by: string;
  created_at: string;
  expires_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
}
/** "My last run": the non-secret values of a user's last console start of a task (JSON rows). */
export interface UserTaskParamsTable {
  user_id: string;
  task_id: string;
  params: string;
  record_id: string | null;
  updated_at: string;
}

export interface Database extends LedgerDatabase, NotifyDatabase {
  users: UsersTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  grants: GrantsTable;
  protected_apps: ProtectedAppsTable;
  login_attempts: LoginAttemptsTable;
  user_task_params: UserTaskParamsTable;
  api_tokens: ApiTokensTable;
}

export type UserRow = Selectable<UsersTable>;
export type TeamRow = Selectable<TeamsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type ProtectedAppRow = Selectable<ProtectedAppsTable>;

/** The console database, as every repository takes it. */
export type Db = Kysely<Database>;
