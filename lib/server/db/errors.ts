import "server-only";
/** Constraint violations, recognised the same way on both drivers (better-sqlite3 codes, PostgreSQL SQLSTATE). */

function codeOf(err: unknown): string {
  return typeof err === "object" && err !== null && "code" in err ? String(err.code) : "";
}

export const isUniqueViolation = (err: unknown) => /^SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)$/.test(codeOf(err)) || codeOf(err) === "23505";

export const isForeignKeyViolation = (err: unknown) => codeOf(err) === "SQLITE_CONSTRAINT_FOREIGNKEY" || codeOf(err) === "23503";
