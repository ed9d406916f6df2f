/**
 * API tokens end to end: created on the Tokens page (shown once, never stored in clear), used with
 * `Authorization: Bearer` with exactly a session's guards — role cap, apps, no Origin needed, the ledger naming the
 * token — refused with their own 401 codes when malformed, revoked (in the browser) or expired, never from a cookie
 * or a query string, and limited per minute (429 with Retry-After). Nothing refused reaches the cloud.
 */
import { randomBytes } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { SEED } from "../lib/codearts/simulator/seed";
import { CONSOLE_URL } from "../playwright.config";
import { apiAs, expect, test } from "./fixtures";
import { databaseContains, runSql } from "./ledger-helpers";
import { USERS } from "./users";

const { inventory, search } = SEED.apps;

test.use({ storageState: USERS.dev.state });

/** Creates a token on the Tokens page and answers its secret, read from the one-time dialog. */
async function createInBrowser(page: Page, name: string, role: "viewer" | "deployer", app?: string): Promise<string> {
  await page.goto("/tokens");
  await page.getByTestId("token-name").fill(name);
  await page.getByTestId("token-role").selectOption(role);
  if (app) {
    await page.getByTestId("token-app-search").fill(app);
    await expect(page.getByTestId("token-app").locator("option", { hasText: app })).toHaveCount(1);
    await page.getByTestId("token-app").selectOption({ label: app });
    await expect(page.getByTestId("token-app-chip")).toHaveText(app);
  }
  await page.getByTestId("token-submit").click();
  const dialog = page.getByTestId("token-secret-dialog");
  await expect(dialog).toBeVisible();
  const secret = (await dialog.getByTestId("token-secret").textContent())!.trim();
  expect(secret).toMatch(/^cdc_[A-Za-z0-9_-]{43}$/);
  await dialog.getByTestId("token-secret-done").click();
  await expect(dialog).toBeHidden();
  await expect(page.locator(`[data-testid="token-row"][data-token="${name}"]`)).toHaveAttribute("data-state", "active");
  return secret;
}

/** A client with no cookies: the token is all it has. */
async function bearerClient(playwright: { request: { newContext(o: object): Promise<APIRequestContext> } }, secret: string | null) {
  return playwright.request.newContext({
    baseURL: CONSOLE_URL,
    storageState: { cookies: [], origins: [] },
    extraHTTPHeaders: secret ? { Authorization: `Bearer ${secret}` } : {},
  });
}

const key = () => `e2e-token-${randomBytes(8).toString("hex")}`;

test("a token made on the Tokens page deploys from a script with a session's guards, and the ledger names it", async ({ page, playwright, sim }) => {
  const stamp = Date.now().toString(36);
  const name = `pipeline ${stamp}`;
  const secret = await createInBrowser(page, name, "deployer");
  // Shown once: the page does not show it again, and the database keeps only its hash.
  await page.reload();
  await expect(page.getByText(secret)).toHaveCount(0);
  expect(await databaseContains(secret)).toBe(false);

  const api = await bearerClient(playwright, secret);
  const me = (await (await api.get("/api/me")).json()) as { user: { email: string; provider: string }; token: { name: string; role: string } };
  expect(me).toMatchObject({ user: { email: USERS.dev.email, provider: "token" }, token: { name, role: "deployer" } });

  // A start with no Origin header at all (a pipeline, not a browser), then the same through a foreign Origin:
  // a bearer token is no ambient credential, so no cross-site check applies.
  const before = (await sim.calls()).starts.length;
  const started = await api.post(`/api/tasks/${inventory.taskId}/start`, { headers: { "Idempotency-Key": key() }, data: { params: [] } });
  expect(started.status(), await started.text()).toBe(200);
  const recordId = ((await started.json()) as { id: string }).id;
  expect((await sim.calls()).starts.length).toBe(before + 1);
  // A second start while it runs: the in-flight hold refuses it as it refuses a browser's.
  const second = await api.post(`/api/tasks/${inventory.taskId}/start`, {
    headers: { "Idempotency-Key": key(), Origin: "https://ci.example" },
    data: { params: [] },
  });
  expect([second.status(), ((await second.json()) as { error: { code: string } }).error.code]).toEqual([409, "deploy_in_progress"]);
  // The ledger and the audit page name the token and its owner.
  const ledger = (await (await api.get(`/api/tasks/${inventory.taskId}/records/${recordId}/ledger`)).json()) as {
    items: { phase: string; actor: { email: string; token: { name: string } | null } }[];
  };
  expect(ledger.items.find((r) => r.phase === "started")?.actor).toMatchObject({ email: USERS.dev.email, token: { name } });
  await page.goto(`/audit?task=${inventory.taskId}`);
  await expect(page.getByTestId("ledger-token").first()).toContainText(name);
  await expect
    .poll(async () => ((await (await api.get(`/api/tasks/${inventory.taskId}/records/${recordId}`)).json()) as { finished: boolean }).finished, {
      timeout: 45_000,
      intervals: [1_000],
    })
    .toBe(true);
  await api.dispose();
});

test("a token never exceeds its role or its apps, and refusals never reach the cloud", async ({ page, playwright, sim }) => {
  const stamp = Date.now().toString(36);
  const viewer = await bearerClient(playwright, await createInBrowser(page, `read-only ${stamp}`, "viewer"));
  const scoped = await bearerClient(playwright, await createInBrowser(page, `inventory only ${stamp}`, "deployer", inventory.name));
  const before = await sim.calls();
  const start = (c: APIRequestContext, taskId: string) => c.post(`/api/tasks/${taskId}/start`, { headers: { "Idempotency-Key": key() }, data: { params: [] } });
  const refused = async (r: Promise<Awaited<ReturnType<APIRequestContext["get"]>>>) => {
    const a = await r;
    return [a.status(), ((await a.json()) as { error: { code: string } }).error.code];
  };
  // The viewer token reads but may not deploy, though its owner may.
  expect((await viewer.get(`/api/tasks/${inventory.taskId}`)).status()).toBe(200);
  expect(await refused(start(viewer, inventory.taskId))).toEqual([403, "forbidden"]);
  // The scoped token sees only its app.
  const apps = (await (await scoped.get("/api/apps?size=100")).json()) as { items: { taskId: string | null }[] };
  expect(apps.items.map((a) => a.taskId)).toEqual([inventory.taskId]);
  expect(await refused(scoped.get(`/api/tasks/${SEED.apps.orders.taskId}`))).toEqual([403, "forbidden"]);
  // A token cannot make tokens; the owner's own limits hold (dev may not see search at all).
  expect(await refused(scoped.post("/api/tokens", { data: { name: "child", expiresInDays: 1, role: "viewer" } }))).toEqual([403, "forbidden"]);
  expect(await refused(viewer.get(`/api/tasks/${search.taskId}`))).toEqual([403, "forbidden"]);
  const after = await sim.calls();
  expect(after.starts.length).toBe(before.starts.length);
  await viewer.dispose();
  await scoped.dispose();
});

test("malformed, revoked and expired tokens are 401s with their own codes; a token in a cookie or the query string counts for nothing", async ({
  page,
  playwright,
}) => {
  const stamp = Date.now().toString(36);
  const secret = await createInBrowser(page, `short-lived ${stamp}`, "viewer");
  const code = async (c: APIRequestContext, path = "/api/me") => {
    const r = await c.get(path);
    return [r.status(), ((await r.json()) as { error?: { code: string } }).error?.code ?? null];
  };
  const malformed = await bearerClient(playwright, "not-a-console-token");
  expect(await code(malformed)).toEqual([401, "token_invalid"]);
  const unknown = await bearerClient(playwright, `cdc_${"x".repeat(43)}`);
  expect(await code(unknown)).toEqual([401, "token_invalid"]);
  const anonymous = await bearerClient(playwright, null);
  expect(await code(anonymous, `/api/me?access_token=${secret}&token=${secret}`)).toEqual([401, "unauthenticated"]);
  const cookie = await playwright.request.newContext({
    baseURL: CONSOLE_URL,
    storageState: { cookies: [], origins: [] },
    extraHTTPHeaders: { Cookie: `token=${secret}; authorization=Bearer%20${secret}` },
  });
  expect(await code(cookie)).toEqual([401, "unauthenticated"]);

  // Revoked on the page (with a confirmation).
  const api = await bearerClient(playwright, secret);
  expect((await api.get("/api/me")).status()).toBe(200);
  const row = page.locator(`[data-testid="token-row"][data-token="short-lived ${stamp}"]`);
  await row.getByTestId("token-revoke").click();
  await page.getByTestId("confirm-dialog").getByTestId("confirm-button").click();
  await expect(row).toHaveAttribute("data-state", "revoked");
  expect(await code(api)).toEqual([401, "token_revoked"]);

  // Expired: the expiry moved into the past (what waiting a day would do).
  const later = await createInBrowser(page, `expiring ${stamp}`, "viewer");
  const expiring = await bearerClient(playwright, later);
  expect((await expiring.get("/api/me")).status()).toBe(200);
  await runSql("UPDATE api_tokens SET expires_at = ? WHERE name = ?", [new Date(Date.now() - 1_000).toISOString(), `expiring ${stamp}`]);
  expect(await code(expiring)).toEqual([401, "token_expired"]);
  await page.reload();
  await expect(page.locator(`[data-testid="token-row"][data-token="expiring ${stamp}"]`)).toHaveAttribute("data-state", "expired");
  for (const c of [malformed, unknown, anonymous, cookie, api, expiring]) await c.dispose();
});

test("a token's per-minute limit answers 429 rate_limited with Retry-After", async ({ playwright }) => {
  const dev = await apiAs(playwright, "dev");
  const made = await dev.post("/api/tokens", {
    headers: { Origin: CONSOLE_URL },
    data: { name: `tight ${Date.now()}`, expiresInDays: 1, role: "viewer", readsPerMinute: 3 },
  });
  expect(made.status()).toBe(201);
  const api = await bearerClient(playwright, ((await made.json()) as { secret: string }).secret);
  // Three a minute: the fourth is refused — or, when a minute starts between them, one of the next three.
  const statuses: number[] = [];
  let limited: Awaited<ReturnType<APIRequestContext["get"]>> | undefined;
  for (let i = 0; i < 7 && !limited; i++) {
    const r = await api.get("/api/me");
    statuses.push(r.status());
    if (r.status() === 429) limited = r;
  }
  expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
  expect(limited, statuses.join(",")).toBeDefined();
  expect(((await limited!.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
  const retryAfter = Number(limited!.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  await api.dispose();
  await dev.dispose();
});

test.describe("in Chinese, on a phone", () => {
  test.use({ locale: "zh-CN", extraHTTPHeaders: { "Accept-Language": "zh-CN,zh;q=0.9" }, viewport: { width: 390, height: 844 } });
  test("the Tokens page speaks Chinese and fits 390 px", async ({ page }) => {
    await page.goto("/tokens");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("API 令牌");
    await expect(page.getByTestId("token-submit")).toContainText("创建令牌");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
