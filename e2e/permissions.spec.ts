/**
 * Roles in the browser and at the API: a viewer cannot deploy, a deployer deploys what they were granted and is
 * refused the rest, a protected app wants its typed name and a reason; cross-site writes are refused; every
 * response carries the security headers.
 */
import { SEED } from "../lib/codearts/simulator/seed";
import { CONSOLE_URL } from "../playwright.config";
import { type SimulatorAdmin, apiAs, expect, test } from "./fixtures";
import { PROTECTED_APP, USERS } from "./users";

const { orders, search } = SEED.apps;
type ErrorBody = { error: { code: string; message: string } };

/**
 * The cloud calls a refused request could have caused. (Not the total: the console may poll running records in
 * the background.)
 */
async function cloudTouches(sim: SimulatorAdmin) {
  const c = await sim.calls();
  return { starts: c.starts.length, stops: c.counts.StopDeployTask ?? 0, taskReads: c.counts.ShowDeployTaskDetail ?? 0 };
}

test.beforeEach(async ({ sim }) => {
  await sim.reset();
});

test.describe("as a viewer", () => {
  test.use({ storageState: USERS.viewer.state });

  test("the deploy button is disabled with the reason, and the route answers 403 without calling the cloud", async ({ page, request, sim }) => {
    await page.goto(`/tasks/${orders.taskId}`);
    await expect(page.getByTestId("param-row").first()).toBeVisible();
    await expect(page.getByTestId("deploy-button")).toBeDisabled();
    await expect(page.getByTestId("deploy-denied-reason")).toContainText(/deployer/i);

    const before = await cloudTouches(sim);
    const r = await request.post(`/api/tasks/${orders.taskId}/start`, { data: { params: [] } });
    expect(r.status()).toBe(403);
    const body = (await r.json()) as ErrorBody;
    expect(body.error.code).toBe("forbidden");
    expect(body.error.message).toContain(`deployer role on ${orders.name}`);
    expect(body.error.message).toContain(USERS.admin.email);
    expect(body.error.message).not.toContain("demo.local"); // a demo account is no grantor against a real endpoint
    expect(await cloudTouches(sim)).toEqual(before);
  });
});

test.describe("as a deployer", () => {
  test("deploys a granted app", async ({ page, sim }) => {
    await page.goto(`/tasks/${orders.taskId}`);
    // Secrets start as "keep the stored value".
    await expect(page.getByTestId("param-row").first()).toBeVisible();
    await expect(page.getByTestId("deploy-button")).toBeEnabled();
    await page.getByTestId("deploy-button").click();
    await page.getByTestId("confirm-dialog").getByTestId("confirm-button").click();
    await expect(page).toHaveURL(new RegExp(`/tasks/${orders.taskId}/records/[0-9a-z]{32}$`));
    expect((await sim.calls()).starts).toHaveLength(1);
  });

  test("is refused an app without a grant: it is not listed, and its routes answer 403 naming it", async ({ request, sim }) => {
    const apps = (await (await request.get("/api/apps?size=100")).json()) as { items: { taskId: string }[] };
    expect(apps.items.map((a) => a.taskId)).not.toContain(search.taskId);
    expect(apps.items.map((a) => a.taskId)).toContain(orders.taskId);
    const before = await cloudTouches(sim);
    const start = await request.post(`/api/tasks/${search.taskId}/start`, { data: { params: [] } });
    expect(start.status()).toBe(403);
    expect(((await start.json()) as ErrorBody).error.message).toMatch(/^You need the deployer role on .+ \(or all apps\)/);
    const view = await request.get(`/api/tasks/${search.taskId}`);
    expect(view.status()).toBe(403);
    expect(((await view.json()) as ErrorBody).error.message).toContain("viewer role");
    expect(await cloudTouches(sim)).toEqual(before);
  });

  test("a protected app demands the typed app name and a reason", async ({ page, request, sim }) => {
    const r = await request.post(`/api/tasks/${PROTECTED_APP.taskId}/start`, { data: { params: [] } });
    expect(r.status()).toBe(422);
    expect(((await r.json()) as ErrorBody).error.code).toBe("protected_confirmation_required");
    const wrongName = await request.post(`/api/tasks/${PROTECTED_APP.taskId}/start`, { data: { params: [], confirm_name: "WMS", reason: "hotfix" } });
    expect(wrongName.status()).toBe(422);
    expect((await sim.calls()).starts).toHaveLength(0);

    await page.goto(`/tasks/${PROTECTED_APP.taskId}`);
    await expect(page.getByTestId("param-row").first()).toBeVisible();
    await page.getByTestId("deploy-button").click();
    const dialog = page.getByTestId("confirm-dialog");
    await expect(dialog.getByTestId("confirm-button")).toBeDisabled();
    await dialog.getByTestId("protected-confirm-name").fill(PROTECTED_APP.name);
    await expect(dialog.getByTestId("confirm-button")).toBeDisabled();
    await dialog.getByTestId("protected-reason").fill("e2e: ship the warehouse fix");
    await dialog.getByTestId("confirm-button").click();
    await expect(page).toHaveURL(new RegExp(`/tasks/${PROTECTED_APP.taskId}/records/[0-9a-z]{32}$`));
    const calls = await sim.calls();
    expect(calls.starts).toHaveLength(1);
    // The console-only fields never reach the cloud.
    expect(calls.starts[0]?.body).not.toHaveProperty("reason");
    expect(calls.starts[0]?.body).not.toHaveProperty("confirm_name");
  });
});

test("a cross-site POST is refused before anything runs", async ({ request, sim }) => {
  const before = await cloudTouches(sim);
  const foreign: Record<string, string>[] = [{ origin: "https://evil.example" }, { "sec-fetch-site": "cross-site" }];
  for (const headers of foreign) {
    const r = await request.post(`/api/tasks/${orders.taskId}/start`, { data: { params: [] }, headers });
    expect(r.status()).toBe(403);
    expect(((await r.json()) as ErrorBody).error.code).toBe("cross_site");
  }
  // Also for next-auth's own endpoints.
  const signOut = await request.post("/api/auth/signout", { form: { csrfToken: "x" }, headers: { origin: "https://evil.example" } });
  expect(signOut.status()).toBe(403);
  expect(await cloudTouches(sim)).toEqual(before);
  // The console's own origin passes.
  const same = await request.post(`/api/tasks/${orders.taskId}/start`, { data: { params: [], record_id: "nope" }, headers: { origin: CONSOLE_URL } });
  expect(same.status()).toBe(400);
});

test("every response carries the security headers", async ({ playwright, page }) => {
  const anonymous = await apiAs(playwright, "anonymous");
  const answers = [
    await anonymous.get("/api/health"),
    await anonymous.get("/api/apps"),
    await anonymous.get("/sign-in"),
    await anonymous.get("/apps", { maxRedirects: 0 }),
    await anonymous.get("/favicon.svg"),
  ];
  // The pages work under that policy: no violation while they load and run.
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  await page.goto(`/tasks/${orders.taskId}`);
  await expect(page.getByTestId("param-row").first()).toBeVisible();
  await page.goto("/apps");
  await expect(page.getByTestId("app-row").first()).toBeVisible();
  expect(violations).toEqual([]);
  const script = await page.locator("script[src]").first().getAttribute("src");
  answers.push(await anonymous.get(script ?? "/_next/missing.js"));
  for (const a of answers) {
    const h = a.headers();
    expect(h["content-security-policy"], a.url()).toContain("frame-ancestors 'none'");
    expect(h["content-security-policy"], a.url()).not.toContain("unsafe-eval");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(h["permissions-policy"]).toContain("camera=()");
    expect(h["x-frame-options"]).toBe("DENY");
  }
  await anonymous.dispose();
});

test("grant changes apply on the next request, without signing in again", async ({ playwright }) => {
  const admin = await apiAs(playwright, "admin");
  const dev = await apiAs(playwright, "dev");
  expect((await dev.get(`/api/tasks/${search.taskId}`)).status()).toBe(403);
  const users = (await (await admin.get("/api/admin/users")).json()) as { id: string; email: string; teams: { id: string }[] }[];
  const devUser = users.find((u) => u.email === USERS.dev.email)!;
  const team = (await (await admin.post("/api/admin/teams", { data: { name: `search-team-${Date.now()}` } })).json()) as { id: string };
  const grant = (await (
    await admin.post("/api/admin/grants", { data: { teamId: team.id, appId: search.appId, taskId: search.taskId, appName: search.name, role: "deployer" } })
  ).json()) as { id: string };
  const teamIds = devUser.teams.map((t) => t.id);
  expect((await admin.patch(`/api/admin/users/${devUser.id}`, { data: { teamIds: [...teamIds, team.id] } })).status()).toBe(200);
  const detail = await dev.get(`/api/tasks/${search.taskId}`);
  expect(detail.status()).toBe(200);
  expect(((await detail.json()) as { access: { canDeploy: boolean } }).access.canDeploy).toBe(true);
  expect((await admin.delete(`/api/admin/grants/${grant.id}`)).status()).toBe(204);
  expect((await dev.get(`/api/tasks/${search.taskId}`)).status()).toBe(403);
  expect((await admin.delete(`/api/admin/teams/${team.id}`)).status()).toBe(204);
  expect(((await (await admin.get("/api/admin/users")).json()) as typeof users).find((u) => u.id === devUser.id)?.teams.map((t) => t.id)).toEqual(teamIds);
  await admin.dispose();
  await dev.dispose();
});
