/** IAM tokens issued by the simulator (kept across a seed reset so a running console stays signed in). */
import { randomBytes } from "node:crypto";

export interface IssuedToken {
  token: string;
  issuedAtMs: number;
  expiresAtMs: number;
  /** IAM project the token is scoped to, or null for a domain-scoped token. */
  projectId: string | null;
}

export class TokenStore {
  private readonly tokens = new Map<string, IssuedToken>();

  issue(nowMs: number, ttlMs: number, projectId: string | null): IssuedToken {
    // Real tokens are long PKI blobs starting "MII"; header-safe base64url keeps ours transport-neutral.
    const issued: IssuedToken = {
      token: `MII${randomBytes(1500).toString("base64url")}`,
      issuedAtMs: nowMs,
      expiresAtMs: nowMs + ttlMs,
      projectId,
    };
    this.tokens.set(issued.token, issued);
    return issued;
  }

  find(token: string): IssuedToken | undefined {
    return this.tokens.get(token);
  }
}
