import "server-only";
/**
 * `Authorization: Bearer cdc_…`: the API token of a request, checked (format, known, not revoked, not expired),
 * rate-limited per token and minute, and turned into its owner's principal capped at the token's role and apps.
 * Only this header carries a token: never a cookie, never a query string.
 */
import type { NextRequest } from "next/server";
import { TOKEN_PATTERN } from "../../schemas/tokens";
import type { Db } from "../db/schema";
import { findTokenByHash, hashSecret, stateOf, touchToken } from "../db/tokens";
import { ApiError } from "../errors";
import type { Principal } from "../permissions";
import { loadPrincipal } from "./principal";
import { type RateClass, takeRate } from "./token-rates";

/** The header's token: null when the request has no Authorization header. */
export function bearerOf(req: Pick<NextRequest, "headers">): string | null {
  const h = req.headers.get("authorization");
  if (h === null) return null;
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(h);
  if (!m) throw new ApiError("token_invalid", "Send an API token as `Authorization: Bearer cdc_…` (no other scheme is accepted).");
  return m[1]!;
}

/** Deployments started: the start and execute routes; every other request is a read. */
export function rateClassOf(method: string, path: string): RateClass {
  return method === "POST" && /^\/api\/(tasks\/[^/]+\/start|requests\/[^/]+\/execute)$/.test(path) ? "starts" : "reads";
}

export async function principalOfBearer(
  db: Db,
  secret: string,
  req: { method: string; path: string },
  { acceptDemoAccounts, now = Date.now() }: { acceptDemoAccounts: boolean; now?: number },
): Promise<Principal> {
  if (!TOKEN_PATTERN.test(secret)) throw new ApiError("token_invalid", "This is not a console API token (they start with cdc_ and have 47 characters).");
  const row = await findTokenByHash(db, hashSecret(secret));
  if (!row) throw new ApiError("token_invalid", "This API token is not known to the console: it may have been mistyped, or belong to another console.");
  const state = stateOf(row, now);
  if (state === "revoked")
    throw new ApiError("token_revoked", `The API token "${row.name}" was revoked on ${row.revoked_at} by ${row.revoked_by ?? "an administrator"}.`);
  if (state === "expired")
    throw new ApiError("token_expired", `The API token "${row.name}" expired on ${row.expires_at}. Create a new one on the Tokens page.`);
  // Demo accounts' tokens count in demo mode only, as their sessions do.
  const owner = await loadPrincipal(db, row.user_id, { provider: "token", acceptDemoAccounts });
  if (!owner) throw new ApiError("token_invalid", `The owner of the API token "${row.name}" no longer exists.`);
  const cls = rateClassOf(req.method, req.path);
  takeRate(row.id, cls, cls === "starts" ? row.starts_per_minute : row.reads_per_minute, now);
  await touchToken(db, row, new Date(now));
  return {
    ...owner,
    token: {
      id: row.id,
      name: row.name,
      role: row.role,
      taskIds: row.apps ? (JSON.parse(row.apps) as { taskId: string }[]).map((a) => a.taskId) : null,
      service: owner.kind === "service",
    },
  };
}
