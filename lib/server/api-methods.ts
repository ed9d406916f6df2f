/**
 * Which methods each console API route answers — so a wrong method gets a 405 JSON error (with `Allow`) from the
 * proxy instead of Next.js's empty 405. Kept in step with app/api/**\/route.ts by api-methods.test.ts. Paths that
 * match no pattern go on to the catch-all (a JSON 404). Edge-safe: no Node.js imports.
 */
const SEG = "[^/]+";

const ROUTES: [pattern: string, methods: readonly string[]][] = [
  ["/api/health", ["GET"]],
  ["/api/me", ["GET"]],
  ["/api/apps", ["GET"]],
  ["/api/audit", ["GET"]],
  ["/api/audit/export.csv", ["GET"]],
  ["/api/tasks/:taskId", ["GET"]],
  ["/api/tasks/:taskId/start", ["POST"]],
  ["/api/tasks/:taskId/preview", ["POST"]],
  ["/api/tasks/:taskId/records", ["GET"]],
  ["/api/tasks/:taskId/records/:recordId", ["GET"]],
  ["/api/tasks/:taskId/records/:recordId/params", ["GET"]],
  ["/api/tasks/:taskId/records/:recordId/logs", ["GET"]],
  ["/api/tasks/:taskId/records/:recordId/logs/download", ["GET"]],
  ["/api/tasks/:taskId/records/:recordId/ledger", ["GET"]],
  ["/api/tasks/:taskId/records/:recordId/stop", ["POST"]],
  ["/api/admin/users", ["GET", "POST"]],
  ["/api/admin/users/:id", ["PATCH", "DELETE"]],
  ["/api/admin/teams", ["GET", "POST"]],
  ["/api/admin/teams/:id", ["PATCH", "DELETE"]],
  ["/api/admin/grants", ["GET", "POST"]],
  ["/api/admin/grants/:id", ["DELETE"]],
  ["/api/admin/protected-apps", ["GET", "POST"]],
  ["/api/admin/protected-apps/:taskId", ["DELETE"]],
];

export const API_ROUTES: readonly { pattern: string; methods: readonly string[] }[] = ROUTES.map(([pattern, methods]) => ({ pattern, methods }));

const COMPILED = ROUTES.map(([pattern, methods]) => ({
  re: new RegExp(`^${pattern.replace(/\./g, "\\.").replace(/:[A-Za-z]+/g, SEG)}/?$`),
  methods,
}));

/** The methods the route at `path` answers, or null when no console route matches (next-auth's routes included). */
export function allowedMethods(path: string): readonly string[] | null {
  if (path.startsWith("/api/auth/")) return null;
  return COMPILED.find((r) => r.re.test(path))?.methods ?? null;
}

/** A method the route does not answer (HEAD follows GET, OPTIONS is Next.js's own). */
export function methodNotAllowed(method: string, path: string): readonly string[] | null {
  const allowed = allowedMethods(path);
  if (!allowed || method === "OPTIONS" || allowed.includes(method) || (method === "HEAD" && allowed.includes("GET"))) return null;
  return allowed;
}
