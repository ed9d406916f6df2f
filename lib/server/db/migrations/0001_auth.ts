import "server-only";
/**
 * 0001 — users, teams, grants, protected apps and sign-in attempts. Landed: never edit; add a new file instead.
 * Portable DDL only (text ids and ISO timestamps, no dialect types) so one migration serves SQLite and PostgreSQL.
 */
import { type Kysely, sql } from "kysely";

// Migrations must not depend on the app's current table types: they describe the schema as it was.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const sqlIn = (column: string, values: string[]) => sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("users")
    .addColumn("id", "varchar(36)", (c) => c.primaryKey())
    .addColumn("email", "varchar(320)", (c) => c.notNull().unique())
    .addColumn("name", "varchar(200)", (c) => c.notNull())
    .addColumn("password_hash", "text")
    .addColumn("role", "varchar(16)", (c) => c.check(sqlIn("role", ["viewer", "deployer", "admin"])))
    .addColumn("source", "varchar(16)", (c) => c.notNull().check(sqlIn("source", ["local", "oidc"])))
    .addColumn("oidc_subject", "varchar(255)", (c) => c.unique())
    .addColumn("created_at", "varchar(32)", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("teams")
    .addColumn("id", "varchar(36)", (c) => c.primaryKey())
    .addColumn("name", "varchar(100)", (c) => c.notNull().unique())
    .addColumn("oidc_group", "varchar(255)", (c) => c.unique())
    .addColumn("created_at", "varchar(32)", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("team_members")
    .addColumn("team_id", "varchar(36)", (c) => c.notNull().references("teams.id").onDelete("cascade"))
    .addColumn("user_id", "varchar(36)", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("source", "varchar(16)", (c) => c.notNull().check(sqlIn("source", ["manual", "oidc"])))
    .addPrimaryKeyConstraint("team_members_pk", ["team_id", "user_id"])
    .execute();
  await db.schema.createIndex("team_members_user_idx").on("team_members").column("user_id").execute();

  await db.schema
    .createTable("grants")
    .addColumn("id", "varchar(36)", (c) => c.primaryKey())
    .addColumn("team_id", "varchar(36)", (c) => c.notNull().references("teams.id").onDelete("cascade"))
    .addColumn("app_id", "varchar(64)", (c) => c.notNull())
    .addColumn("task_id", "varchar(64)")
    .addColumn("app_name", "varchar(255)")
    .addColumn("role", "varchar(16)", (c) => c.notNull().check(sqlIn("role", ["viewer", "deployer", "admin"])))
    .addColumn("created_at", "varchar(32)", (c) => c.notNull())
    .addUniqueConstraint("grants_team_app_unique", ["team_id", "app_id"])
    .execute();
  await db.schema.createIndex("grants_task_idx").on("grants").column("task_id").execute();

  await db.schema
    .createTable("protected_apps")
    .addColumn("task_id", "varchar(64)", (c) => c.primaryKey())
    .addColumn("app_id", "varchar(64)", (c) => c.notNull())
    .addColumn("app_name", "varchar(255)", (c) => c.notNull())
    .addColumn("created_by", "varchar(320)", (c) => c.notNull())
    .addColumn("created_at", "varchar(32)", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("login_attempts")
    .addColumn("key", "varchar(400)", (c) => c.primaryKey())
    .addColumn("failures", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_failure_at", "varchar(32)")
    .addColumn("locked_until", "varchar(32)")
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of ["login_attempts", "protected_apps", "grants", "team_members", "teams", "users"]) {
    await db.schema.dropTable(t).execute();
  }
}
