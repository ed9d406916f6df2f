import { test as base, expect, type APIRequestContext } from "@playwright/test";
import { CONSOLE_URL, SIMULATOR_ADMIN_TOKEN, SIMULATOR_URL } from "../playwright.config";
import { type E2ERole, USERS } from "./users";

/**
 * Signs in with a local account through next-auth's own endpoints, as the sign-in page does (CSRF token, then
 * the credentials callback); the session cookie lands in `request`. Returns null, or next-auth's error code
 * (CredentialsSignin, throttled, locked_out).
 */
export async function signInViaApi(
  request: APIRequestContext,
  email: string,
  password: string,
  opts: { baseURL?: string; headers?: Record<string, string> } = {},
): Promise<string | null> {
  const base = opts.baseURL ?? "";
  const { csrfToken } = (await (await request.get(`${base}/api/auth/csrf`)).json()) as { csrfToken: string };
  const r = await request.post(`${base}/api/auth/callback/credentials`, {
    form: { csrfToken, email, password, json: "true", callbackUrl: "/" },
    headers: opts.headers,
    maxRedirects: 0,
  });
  const { url } = (await r.json()) as { url: string };
  return new URL(url, CONSOLE_URL).searchParams.get("error");
}

/** An API client signed in as one of the e2e roles (or anonymous). Dispose it after use. */
export async function apiAs(playwright: { request: { newContext(o: object): Promise<APIRequestContext> } }, role: E2ERole | "anonymous") {
  return playwright.request.newContext({
    baseURL: CONSOLE_URL,
    storageState: role === "anonymous" ? { cookies: [], origins: [] } : USERS[role].state,
  });
}

/** The simulator's admin API: call counts (to prove the cloud was or was not called), faults, reset. */
export class SimulatorAdmin {
  constructor(private readonly request: APIRequestContext) {}

  private headers = { "x-sim-admin": SIMULATOR_ADMIN_TOKEN };

  async calls(): Promise<{ counts: Record<string, number>; starts: { taskId: string; recordId?: string; body: unknown }[] }> {
    const r = await this.request.get(`${SIMULATOR_URL}/__sim/calls`, { headers: this.headers });
    expect(r.ok()).toBeTruthy();
    return r.json();
  }

  async totalCalls(): Promise<number> {
    const c = await this.calls();
    return Object.values(c.counts).reduce((a, b) => a + b, 0);
  }

  async reset() {
    const r = await this.request.post(`${SIMULATOR_URL}/__sim/reset`, { headers: this.headers });
    expect(r.ok()).toBeTruthy();
  }

  async fault(rule: Record<string, unknown>) {
    const r = await this.request.post(`${SIMULATOR_URL}/__sim/faults`, { headers: this.headers, data: { rules: [rule] } });
    expect(r.ok()).toBeTruthy();
  }

  async clearFaults() {
    await this.request.delete(`${SIMULATOR_URL}/__sim/faults`, { headers: this.headers });
  }
}

export const test = base.extend<{ sim: SimulatorAdmin }>({
  sim: async ({ playwright }, use) => {
    const ctx = await playwright.request.newContext();
    const sim = new SimulatorAdmin(ctx);
    await sim.clearFaults();
    await use(sim);
    await sim.clearFaults();
    await ctx.dispose();
  },
});

export { expect };
