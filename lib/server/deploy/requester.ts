import "server-only";
/** Who and where a deploy request comes from, in ledger terms. */
import type { LedgerActor } from "../../schemas/ledger";
import { requestClientAddress } from "../client-address";
import type { ClientInfo } from "../ledger/store";
import type { Principal } from "../permissions";

export function actorOf(p: Principal | null): LedgerActor {
  if (!p) return { id: null, name: null, email: null, teams: [], token: null };
  const teams = [...new Set(p.grants.map((g) => g.teamName).filter((t): t is string => Boolean(t)))].sort();
  return { id: p.id, name: p.name, email: p.email, teams, token: p.token ? { id: p.token.id, name: p.token.name } : null };
}

/** The client: the socket's address, or what trusted proxies say (lib/server/client-address.ts). */
export function clientOf(headers: Headers, requestId: string | null): ClientInfo {
  return { address: requestClientAddress((name) => headers.get(name)), userAgent: headers.get("user-agent"), requestId };
}
