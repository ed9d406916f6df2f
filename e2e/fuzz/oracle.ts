/**
 * The oracle: what the route wrapper must answer a case. It runs the same shared zod schemas as the wrapper
 * (lib/server/route.ts), in the same order, so a generated case is kept only when the wrapper must refuse it
 * before the handler runs — a valid case would legitimately call the cloud, and the spec proves that bad input
 * never does.
 */
import { IDEMPOTENCY_KEY_PATTERN, MAX_BODY_BYTES } from "../../lib/schemas/common";
import { API_ERRORS, type ApiErrorCode } from "../../lib/schemas/error-codes";
import type { Expected, FuzzCase, RouteDef } from "./routes";

const decode = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
};

const err = (code: ApiErrorCode): Expected => ({ status: API_ERRORS[code], code });

/** What the route wrapper must answer (null: the input is valid and the handler would run). */
export function expectedFor(route: RouteDef, c: FuzzCase): Expected | null {
  // proxy.ts answers a path that is not valid percent-encoding before any route (Next.js could not decode it).
  if (decode(c.segments.join("/")) === null) return err("invalid_id");
  if (c.as === "anonymous") return err("unauthenticated");
  if (route.params) {
    const raw = Object.fromEntries(route.path.flatMap((slot, i) => (typeof slot === "string" ? [] : [[slot.name, decode(c.segments[i] ?? "")]])));
    if (!route.params.safeParse(raw).success) return err("invalid_id");
  }
  if (route.query && !route.query.safeParse(serverQuery(c)).success) return err("validation_failed");
  if (route.body && c.body) {
    if (!/^application\/json\b/i.test(c.body.type ?? "")) return err("unsupported_media_type");
    if (Buffer.byteLength(c.body.text) > MAX_BODY_BYTES || (c.body.padTo ?? 0) > MAX_BODY_BYTES) return err("payload_too_large");
    let json: unknown;
    try {
      json = JSON.parse(c.body.text);
    } catch {
      return err("invalid_json");
    }
    if (!route.body.safeParse(json).success) return err("validation_failed");
  }
  if (c.idempotencyKey !== undefined && !IDEMPOTENCY_KEY_PATTERN.test(c.idempotencyKey)) return err("validation_failed");
  return null;
}

/**
 * The query as the route wrapper sees it (Object.fromEntries of the search params). A `__proto__` parameter never
 * arrives: Next.js rebuilds the query through a plain object (searchParamsToUrlQuery: `query[key] = value`), where
 * that assignment is a no-op, so `/api/apps?__proto__=x` is answered like `/api/apps` and it is left out here too.
 */
const serverQuery = (c: FuzzCase) => Object.fromEntries([...new URLSearchParams(queryString(c))].filter(([k]) => k !== "__proto__"));

const queryString = (c: FuzzCase) => new URLSearchParams(c.query).toString();
export const urlPath = (c: FuzzCase) => `/api/${c.segments.join("/")}${c.query.length > 0 ? `?${queryString(c)}` : ""}`;
