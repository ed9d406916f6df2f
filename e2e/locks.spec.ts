/**
 * Deploy locks in the browser and through the API: a deployer locks a task, everyone else is refused (423, with
 * the owner named) before and after pressing anything, an admin breaks it with a reason, and the audit keeps it all.
 */
import { SEED } from "../lib/codearts/simulator/seed";
import { CONSOLE_URL } from "../playwright.config";
import { apiAs, expect, test } from "./fixtures";
import { USERS } from "./users";

const app = SEED.apps.favourite;

test.beforeEach(async ({ sim }) => {
  await sim.reset();
});

// Whatever a test leaves behind, the next one starts with the task unlocked.
test.afterEach(async ({ playwright }) => {
  const admin = await apiAs(playwright, "admin");
  await admin.delete(`/api/tasks/${app.taskId}/lock?reason=e2e%20cleanup`);
  await admin.dispose();
});

test("lock as a deployer, be refused as another user (owner named, in both languages), break it as admin", async ({ page, browser, sim }) => {
  // dev@ locks the task from its page.
  await page.goto(`/tasks/${app.taskId}`);
  await page.getByTestId("lock-open").click();
  await page.getByTestId("lock-reason-input").fill("e2e: database migration");
  await page.getByTestId("lock-minutes").selectOption("60");
  await page.getByTestId("lock-note").fill("back by 17:00");
  await page.getByTestId("lock-save").click();
  const notice = page.getByTestId("lock-notice");
  await expect(notice).toHaveAttribute("data-mine", "true");
  await expect(notice).toContainText("You have locked this task until");
  await expect(notice.getByTestId("lock-reason")).toContainText("e2e: database migration");
  // The owner may still deploy.
  await expect(page.getByTestId("deploy-button")).toBeEnabled();
  await expect(page.getByTestId("unlock-button")).toBeVisible();

  const adminCtx = await browser.newContext({ storageState: USERS.admin.state });
  try {
    const other = await adminCtx.newPage();
    // The picker row says it, then the task page — before anything is pressed.
    await other.goto("/apps");
    await other.getByTestId("app-search").fill(app.name);
    const row = other.getByTestId("app-row").filter({ hasText: app.name });
    await expect(row.getByTestId("app-locked")).toBeVisible();
    await expect(row).toHaveAttribute("data-start-block", "locked");
    await expect(row.getByTestId("app-locked-reason")).toContainText(`Locked by ${USERS.dev.name}: e2e: database migration`);

    await other.goto(`/tasks/${app.taskId}`);
    const theirs = other.getByTestId("lock-notice");
    await expect(theirs).toHaveAttribute("data-mine", "false");
    await expect(theirs).toContainText(`Locked by ${USERS.dev.name} until`);
    await expect(other.getByTestId("deploy-button")).toBeDisabled();
    await expect(other.getByTestId("deploy-blocked-reason")).toContainText(`Locked by ${USERS.dev.name}`);

    // The API refuses the same, with the lock, and the cloud is not called.
    const before = (await sim.calls()).starts.length;
    const refused = await other.request.post(`/api/tasks/${app.taskId}/start`, { data: { params: [] }, headers: { origin: CONSOLE_URL } });
    expect(refused.status()).toBe(423);
    const body = (await refused.json()) as { error: { code: string; lock: { by: { name: string }; reason: string; mine: boolean } } };
    expect(body.error).toMatchObject({ code: "task_locked", lock: { by: { name: USERS.dev.name }, reason: "e2e: database migration", mine: false } });
    expect((await sim.calls()).starts.length).toBe(before);

    // A record of the task: the notice, and Redeploy / Roll back stand disabled with the reason.
    const records = (await (await other.request.get(`/api/tasks/${app.taskId}/records`)).json()) as { items: { recordId: string }[] };
    await other.goto(`/tasks/${app.taskId}/records/${records.items[0]!.recordId}`);
    await expect(other.getByTestId("record-lock-notice")).toContainText(USERS.dev.name);
    await expect(other.getByTestId("record-actions-blocked")).toHaveAttribute("data-block", "locked");
    await expect(other.getByTestId("redeploy-same")).toBeDisabled();

    // In Chinese.
    await adminCtx.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: CONSOLE_URL }]);
    await other.goto(`/tasks/${app.taskId}`);
    await expect(other.getByTestId("lock-notice")).toContainText(`已被 ${USERS.dev.name} 锁定`);
    await adminCtx.addCookies([{ name: "NEXT_LOCALE", value: "en", url: CONSOLE_URL }]);

    // The admin breaks it, with a reason.
    await other.goto(`/tasks/${app.taskId}`);
    await other.getByTestId("break-open").click();
    await other.getByTestId("break-save").click();
    await expect(other.getByTestId("edit-dialog")).toContainText("Breaking someone else's lock needs a reason.");
    await other.getByTestId("break-reason").fill("e2e: hotfix cannot wait");
    await other.getByTestId("break-save").click();
    await expect(other.getByTestId("lock-notice")).toHaveCount(0);
    await expect(other.getByTestId("deploy-button")).toBeEnabled();

    // The audit keeps the lock, the refusal and the break.
    await other.goto(`/audit?task=${app.taskId}&view=rows`);
    await expect(other.getByTestId("audit-row").first()).toBeVisible();
    const text = (await other.getByTestId("audit-table").textContent()) ?? "";
    expect(text).toContain("Break lock");
    expect(text).toContain("Lock");
    expect(text).toContain("Denied");
  } finally {
    await adminCtx.close();
  }

  await page.reload();
  await expect(page.getByTestId("lock-notice")).toHaveCount(0);
});

test("bad lock input is refused naming the field, and changes nothing", async ({ playwright }) => {
  const dev = await apiAs(playwright, "dev");
  try {
    const short = await dev.post(`/api/tasks/${app.taskId}/lock`, { data: { reason: "x", minutes: 5 }, headers: { origin: CONSOLE_URL } });
    expect(short.status()).toBe(400);
    const body = (await short.json()) as { error: { code: string; issues: { path: string[]; message: string }[] } };
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.issues[0]).toMatchObject({ path: ["minutes"], message: "must be at least 15 minutes" });
    const noReason = await dev.post(`/api/tasks/${app.taskId}/lock`, { data: { reason: " ", minutes: 60 }, headers: { origin: CONSOLE_URL } });
    expect(noReason.status()).toBe(400);
    const task = (await (await dev.get(`/api/tasks/${app.taskId}`)).json()) as { lock: unknown };
    expect(task.lock).toBeNull();
    const notLocked = await dev.delete(`/api/tasks/${app.taskId}/lock`, { headers: { origin: CONSOLE_URL } });
    expect(notLocked.status()).toBe(404);
  } finally {
    await dev.dispose();
  }
});
