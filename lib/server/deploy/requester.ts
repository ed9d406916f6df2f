import "server-only";
/** Who and where a deploy request comes from, in ledger terms. */
import type { LedgerActor } from "../../schemas/ledger";
import type { ClientInfo } from "../ledger/store";
import type { Principal } from "../permissions";

export function actorOf(p: Principal | null): LedgerActor {
  if (!p) return { id: null, name: null, email: null, teams: [] };
  const teams = [...new Set(p.grants.map((g) => g.teamName).filter((t): t is string => Boolean(t)))].sort();
  return { id: p.id, name: p.name, email: p.email, teams };
}

/**
 * The client: the first X-Forwarded-For hop (Next.js fills the header with the socket's address when a request
 * arrives without one, so behind no proxy this is the socket), else X-Real-IP. As trustworthy as the proxy in
 * front: a client talking to the console directly can write its own X-Forwarded-For.
 */
export function clientOf(headers: Headers, requestId: string | null): ClientInfo {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const address = forwarded || headers.get("x-real-ip")?.trim() || null;
  return { address: address ? address.replace(/^::ffff:/, "") : null, userAgent: headers.get("user-agent"), requestId };
}
