/**
 * Two-person approval in the browser, against the real server and the simulator: an admin requires approval on an
 * app, the deployer's Deploy becomes a request, a second deployer approves it, the deployer executes exactly what
 * was approved (a secret typed differently is refused, naming the row), and 50 executions at once of one approval
 * start one deployment (counted at the simulator). In English, in Chinese, and at 390 px.
 */
import type { Page } from "@playwright/test";
import { SEED } from "../lib/codearts/simulator/seed";
import { CONSOLE_URL } from "../playwright.config";
import { apiAs, expect, test } from "./fixtures";
import { isPostgres, postAll, startConsole } from "./ledger-helpers";
import { PROTECTED_APP, USERS } from "./users";

const { orders, inventory } = SEED.apps;
const origin = { origin: CONSOLE_URL };
const SECRET = "e2e-approval-secret-5b1c";

test.beforeEach(async ({ sim }) => {
  await sim.reset();
});

test.afterEach(async ({ playwright }) => {
  const admin = await apiAs(playwright, "admin");
  for (const app of [orders, inventory, PROTECTED_APP]) await admin.delete(`/api/admin/approval-apps/${app.taskId}`, { headers: origin });
  await admin.dispose();
});

async function requireApprovalViaApi(playwright: Parameters<typeof apiAs>[0], app: { appId: string; taskId: string; name: string }) {
  const admin = await apiAs(playwright, "admin");
  const r = await admin.post("/api/admin/approval-apps", { data: { appId: app.appId, taskId: app.taskId, appName: app.name }, headers: origin });
  expect(r.status()).toBe(201);
  await admin.dispose();
}

const startsOf = async (sim: { calls(): Promise<{ starts: { taskId: string; body: unknown }[] }> }, taskId: string) =>
  (await sim.calls()).starts.filter((s) => s.taskId === taskId);

test("require approval, request as dev, approve as a second deployer, execute; a secret typed differently is refused naming the row", async ({
  page,
  browser,
  sim,
}) => {
  // The admin requires approval on the app from /admin.
  const adminCtx = await browser.newContext({ storageState: USERS.admin.state });
  const admin = await adminCtx.newPage();
  await admin.goto("/admin");
  const section = admin.getByTestId("admin-approvals");
  await section.getByTestId("admin-approvals-app").selectOption(orders.taskId);
  await section.getByTestId("admin-approvals-submit").click();
  await expect(section.getByTestId("admin-approvals-row").filter({ hasText: orders.name })).toBeVisible();
  await adminCtx.close();

  // The deployer's Deploy is now "Request approval"; a direct start is refused 428 without reaching the cloud.
  await page.goto(`/tasks/${orders.taskId}`);
  const button = page.getByTestId("deploy-button");
  await expect(button).toHaveText(/Request approval/);
  const before = (await startsOf(sim, orders.taskId)).length;
  const direct = await page.request.post(`/api/tasks/${orders.taskId}/start`, { data: { params: [] }, headers: origin });
  expect(direct.status()).toBe(428);
  expect(((await direct.json()) as { error: { code: string } }).error.code).toBe("approval_required");

  // The secret typed, then the request with a reason.
  const secretRow = page
    .getByTestId("param-row")
    .filter({ has: page.locator('input[type="password"]') })
    .first();
  const secretKey = (await secretRow.getAttribute("data-key"))!;
  await secretRow.getByTestId("param-keep").uncheck();
  await secretRow.getByTestId("param-value").fill(SECRET);
  await button.click();
  const dialog = page.getByTestId("confirm-dialog");
  await expect(dialog.getByTestId("approval-notice")).toBeVisible();
  await expect(dialog.getByTestId("confirm-button")).toBeDisabled();
  await dialog.getByTestId("confirm-reason").fill("e2e: release needs a second pair of eyes");
  await dialog.getByTestId("confirm-button").click();
  await expect(page).toHaveURL(/\/requests\/[0-9a-f-]{36}$/);
  const requestId = page.url().split("/").at(-1)!;
  await expect(page.getByTestId("request-page")).toHaveAttribute("data-state", "pending");
  await expect(page.getByTestId("request-decide")).toHaveCount(0);
  await expect(page.getByTestId("request-page")).not.toContainText(SECRET);
  // One's own request cannot be approved, through the API either.
  const own = await page.request.post(`/api/requests/${requestId}/approve`, { data: {}, headers: origin });
  expect(own.status()).toBe(403);
  expect(((await own.json()) as { error: { reason: string } }).error.reason).toBe("own_request");

  // A second deployer finds it under "To approve" and approves it with a comment.
  const dev2Ctx = await browser.newContext({ storageState: USERS.dev2.state });
  const second = await dev2Ctx.newPage();
  try {
    await second.goto("/requests");
    const row = second.locator(`[data-testid="request-row"][data-request-id="${requestId}"]`);
    await expect(row).toBeVisible();
    await row.getByRole("link").click();
    await expect(second.getByTestId("param-diff")).toBeVisible();
    await second.getByTestId("request-comment").fill("e2e: looks right");
    await second.getByTestId("request-approve").click();
    await expect(second.getByTestId("request-page")).toHaveAttribute("data-state", "approved");
    const twice = await second.request.post(`/api/requests/${requestId}/approve`, { data: {}, headers: origin });
    expect(twice.status()).toBe(409);

    // Any deployer of the app may execute it (here the approver: the requester's own "my last run" of the task is
    // what the deploy journey starts from). A secret typed differently is refused with the row named; nothing starts.
    const secretInput = second.locator(`[data-testid="execute-secret"][data-key="${secretKey}"]`);
    await secretInput.fill("not-the-approved-secret");
    await second.getByTestId("request-execute-button").click();
    const difference = second.locator(`[data-testid="approval-difference"][data-key="${secretKey}"]`);
    await expect(difference).toBeVisible();
    await expect(difference).toHaveAttribute("data-change", "value");
    await expect(second.getByTestId("error-alert")).toContainText("differs from what was approved");
    expect((await startsOf(sim, orders.taskId)).length).toBe(before);

    // The approved secret: it starts, once, and opens the record.
    await secretInput.fill(SECRET);
    await second.getByTestId("request-execute-button").click();
    await expect(second).toHaveURL(new RegExp(`/tasks/${orders.taskId}/records/[0-9a-z]{32}$`));
  } finally {
    await dev2Ctx.close();
  }
  await page.reload();
  await expect(page.getByTestId("request-page")).toHaveAttribute("data-state", "executed");
  const starts = await startsOf(sim, orders.taskId);
  expect(starts.length).toBe(before + 1);
  const again = await page.request.post(`/api/requests/${requestId}/execute`, { data: { params: [] }, headers: origin });
  expect(again.status()).toBe(409);

  // Every step is in the audit.
  await page.goto(`/audit?task=${orders.taskId}&view=rows`);
  await expect(page.getByTestId("audit-row").first()).toBeVisible();
  const audit = (await page.getByTestId("audit-table").textContent()) ?? "";
  for (const label of ["Approval request", "Approve", "Denied", "Start"]) expect(audit).toContain(label);
  const csv = await (await page.request.get(`/api/audit/export.csv?task=${orders.taskId}&action=approve`)).text();
  expect(csv).toContain(requestId);
});

test("a protected app that needs approval: whoever executes the approved request types the app's name first", async ({ browser, playwright, sim }) => {
  await requireApprovalViaApi(playwright, PROTECTED_APP);
  const dev = await apiAs(playwright, "dev");
  const created = await dev.post(`/api/tasks/${PROTECTED_APP.taskId}/requests`, {
    data: { params: [], reason: "e2e: protected and approved" },
    headers: origin,
  });
  expect(created.status()).toBe(202);
  const { id } = (await created.json()) as { id: string };
  await dev.dispose();
  const ctx = await browser.newContext({ storageState: USERS.dev2.state });
  const page = await ctx.newPage();
  try {
    expect((await page.request.post(`/api/requests/${id}/approve`, { data: { comment: "e2e: ok" }, headers: origin })).status()).toBe(200);
    const before = (await startsOf(sim, PROTECTED_APP.taskId)).length;
    await page.goto(`/requests/${id}`);
    const box = page.getByTestId("execute-protected");
    await expect(box).toContainText(PROTECTED_APP.name);
    // Without the name nothing is sent; a wrong name is refused by the server too.
    await page.getByTestId("request-execute-button").click();
    await expect(page.getByTestId("execute-confirm-name")).toHaveAttribute("aria-invalid", "true");
    const wrong = await page.request.post(`/api/requests/${id}/execute`, { data: { params: [], confirm_name: "WMS" }, headers: origin });
    expect(wrong.status()).toBe(422);
    expect((await startsOf(sim, PROTECTED_APP.taskId)).length).toBe(before);
    await page.getByTestId("execute-confirm-name").fill(PROTECTED_APP.name);
    await page.getByTestId("request-execute-button").click();
    await expect(page).toHaveURL(new RegExp(`/tasks/${PROTECTED_APP.taskId}/records/[0-9a-z]{32}$`));
    expect((await startsOf(sim, PROTECTED_APP.taskId)).length).toBe(before + 1);
  } finally {
    await ctx.close();
  }
});

test("in Chinese: the task page says the app needs an approval, and the requests page is in Chinese", async ({ page, playwright }) => {
  await requireApprovalViaApi(playwright, orders);
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: CONSOLE_URL }]);
  await page.goto(`/tasks/${orders.taskId}`);
  await expect(page.getByTestId("deploy-button")).toHaveText(/申请审批/);
  await expect(page.getByText("此应用需要另一人审批")).toBeVisible();
  await page.goto("/requests");
  await expect(page.getByRole("heading", { name: "审批申请" })).toBeVisible();
  await expect(page.getByTestId("requests-tab-toApprove")).toHaveText("待我审批");
});

/** How far the page reaches past the viewport's right edge (0 when nothing sticks out). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test.describe("at 390 px", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the requests list and a request's page do not scroll sideways", async ({ page, playwright }) => {
    await requireApprovalViaApi(playwright, orders);
    const r = await page.request.post(`/api/tasks/${orders.taskId}/requests`, {
      data: { params: [{ key: "image_tag", value: "e2e-phone-".padEnd(60, "x"), type: "text" }], reason: "e2e: phone width" },
      headers: origin,
    });
    expect(r.status()).toBe(202);
    const { id } = (await r.json()) as { id: string };
    for (const path of ["/requests", `/requests/${id}`]) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      expect(await overflow(page), path).toBe(0);
    }
  });
});

test(`50 executions at once of one approval, split between two console processes on one ${isPostgres() ? "PostgreSQL" : "SQLite"} database, start one deployment (counted at the simulator)`, async ({
  playwright,
  sim,
}) => {
  await requireApprovalViaApi(playwright, inventory);
  const second = await startConsole(Number(new URL(CONSOLE_URL).port) + 1);
  const body = { params: [{ key: "image_tag", value: `e2e-burst-${Date.now()}`, type: "text" }] };
  const dev = await apiAs(playwright, "dev");
  const dev2 = await apiAs(playwright, "dev2");
  try {
    const created = await dev.post(`/api/tasks/${inventory.taskId}/requests`, { data: { ...body, reason: "e2e: burst" }, headers: origin });
    expect(created.status()).toBe(202);
    const { id, fingerprint } = (await created.json()) as { id: string; fingerprint: string };
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect((await dev2.post(`/api/requests/${id}/approve`, { data: { comment: "e2e: go" }, headers: origin })).status()).toBe(200);

    const before = (await startsOf(sim, inventory.taskId)).length;
    const answers = await postAll(
      Array.from({ length: 50 }, (_, i) => `${i % 2 ? second.url : CONSOLE_URL}/api/requests/${id}/execute`),
      "dev",
      body,
      () => null,
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(49);
    expect((await startsOf(sim, inventory.taskId)).length - before).toBe(1);
    const after = (await (await dev.get(`/api/requests/${id}`)).json()) as { state: string; executedRecordId: string | null };
    expect(after.state).toBe("executed");
    expect(after.executedRecordId).toMatch(/^[0-9a-z]{32}$/);
  } finally {
    await dev.dispose();
    await dev2.dispose();
    await second.stop();
  }
});
