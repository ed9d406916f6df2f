/**
 * Whose address the console records and limits: the socket's, unless the request came through a configured proxy.
 * The main e2e console trusts loopback (the specs play the proxy); this spec runs a second console, on the same
 * database, that trusts no proxy, and reaches it over IPv6 loopback (::1) so that the sign-in failures it
 * provokes charge an address no other spec signs in from.
 */
import { expect, test, apiAs, signInViaApi } from "./fixtures";
import { CONSOLE_URL } from "../playwright.config";
import { type ConsoleProcess, ledgerOf, startConsole } from "./ledger-helpers";
import { DEV_APPS } from "./users";

const PORT = Number(new URL(CONSOLE_URL).port) + 7;
const UNTRUSTING = `http://[::1]:${PORT}`;
const [app] = DEV_APPS as [(typeof DEV_APPS)[number]];
let untrusting: ConsoleProcess;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  untrusting = await startConsole(PORT, { TRUSTED_PROXIES: "", HOSTNAME_BIND: "::", NEXTAUTH_URL: UNTRUSTING });
});
test.afterAll(async () => {
  await untrusting.stop();
});

test("without a trusted proxy, a client's own X-Forwarded-For is ignored: the ledger has the socket's address", async ({ playwright }) => {
  const since = new Date(Date.now() - 1_000).toISOString();
  const anonymous = await apiAs(playwright, "anonymous");
  const admin = await apiAs(playwright, "admin");
  try {
    const spoofed = { "x-forwarded-for": "203.0.113.201" };
    const untrusted = await anonymous.post(`${UNTRUSTING}/api/tasks/${app.taskId}/start`, { data: { params: [] }, headers: spoofed });
    expect(untrusted.status()).toBe(401);
    // The same through the console that trusts loopback as its proxy: there the proxy's word counts.
    const viaProxy = await anonymous.post(`/api/tasks/${app.taskId}/start`, { data: { params: [] }, headers: { "x-forwarded-for": "203.0.113.202" } });
    expect(viaProxy.status()).toBe(401);
    const denied = (await ledgerOf(admin, "", app.taskId, since)).filter((r) => r.phase === "denied" && r.status === 401);
    expect(denied.map((r) => r.clientAddress).sort()).toEqual(["203.0.113.202", "::1"]);
  } finally {
    await Promise.all([anonymous.dispose(), admin.dispose()]);
  }
});

test("without a trusted proxy, a fresh X-Forwarded-For on every request buys no fresh sign-in budget", async ({ playwright }) => {
  test.setTimeout(60_000);
  const request = await apiAs(playwright, "anonymous");
  try {
    // Ten failures on ten accounts, each "from" another address: all charged to ::1.
    for (let i = 0; i < 10; i++) {
      const error = await signInViaApi(request, `spray-${i}@e2e.test`, "wrong-password", {
        baseURL: UNTRUSTING,
        headers: { "x-forwarded-for": `198.51.100.${i + 1}` },
      });
      expect(error).toBe("CredentialsSignin");
    }
    const next = await signInViaApi(request, "spray-10@e2e.test", "wrong-password", { baseURL: UNTRUSTING, headers: { "x-forwarded-for": "198.51.100.99" } });
    expect(next).toBe("throttled");
  } finally {
    await request.dispose();
  }
});
