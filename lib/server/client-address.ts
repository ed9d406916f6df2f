import "server-only";
/**
 * Who a request comes from. The console's server (scripts/server.mjs) stamps each request with the address of
 * the socket it arrived on; forwarding headers are believed only from the proxies in TRUSTED_PROXIES. With none
 * configured (the default) the client is the socket's address, whatever X-Forwarded-For a client sends. Behind
 * trusted proxies, X-Forwarded-For is read from the right: each hop that is a trusted proxy hands over to the
 * address it saw; the first that is not one is the client. Used by the sign-in back-off and the ledger.
 */
import { BlockList, isIP } from "node:net";
import { env } from "./env";

/** Set by scripts/server.mjs (PEER_HEADER there) on every request, over whatever the client sent. */
export const PEER_HEADER = "x-console-peer";

export type HeaderGetter = (name: string) => string | null | undefined;

/** `::ffff:10.0.0.1` (an IPv4 client on a dual-stack socket) is 10.0.0.1. */
const normal = (address: string) => address.trim().replace(/^::ffff:(?=\d{1,3}(?:\.\d{1,3}){3}$)/i, "");

export function trustList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = "", prefix] = entry.split("/");
    const family = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return list;
}

function trusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? "ipv6" : "ipv4");
}

/** The client's address, or null when the request did not come through the console's server. */
export function clientAddress(header: HeaderGetter, proxies: BlockList): string | null {
  const peer = normal(header(PEER_HEADER) ?? "");
  if (isIP(peer) === 0) return null;
  let client = peer;
  const hops = (header("x-forwarded-for") ?? "").split(",").map(normal).filter(Boolean);
  while (trusted(proxies, client)) {
    const next = hops.pop();
    // A trusted proxy that names no client, or names it unreadably: the proxy is the last address known.
    if (next === undefined || isIP(next) === 0) break;
    client = next;
  }
  return client;
}

let configured: BlockList | undefined;

/** clientAddress with the configured TRUSTED_PROXIES. */
export const requestClientAddress = (header: HeaderGetter) => clientAddress(header, (configured ??= trustList(env().trustedProxies)));
