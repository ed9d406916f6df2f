import { SEED } from "../lib/codearts/simulator/seed";
import { expect, test } from "./fixtures";
import { runSql } from "./ledger-helpers";

const { orders, inventory, failing } = SEED.apps;

test.beforeEach(async ({ sim }) => {
  await sim.reset();
  // The journey starts from the task's last run, not from this user's own: earlier specs (the CLI's) deploy it too.
  await runSql("DELETE FROM user_task_params WHERE task_id = ?", [orders.taskId]);
});

test("deploy journey: pick a task, fill parameters, deploy, watch it succeed, see the AOM mapping", async ({ page, sim }) => {
  await page.goto("/");
  await page.getByTestId("app-search").fill("订单");
  const row = page.getByTestId("app-row").filter({ hasText: orders.name });
  await expect(row).toHaveCount(1);
  await expect(page.getByTestId("app-row")).toHaveCount(1);
  await row.getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`/tasks/${orders.taskId}$`));

  // Rows are prefilled from the last run, secrets are not (they keep the stored value unless typed again).
  const rows = page.getByTestId("param-row");
  await expect(rows.first()).toBeVisible();
  const secret = rows.filter({ has: page.locator('input[type="password"]') }).first();
  await expect(secret.getByTestId("param-value")).toHaveValue("");
  await expect(secret.getByTestId("param-value")).toBeDisabled();
  await expect(secret.getByTestId("param-origin")).toHaveAttribute("data-origin", "stored");
  const tag = page.locator('[data-testid="param-row"][data-key="image_tag"]');
  await expect(tag.getByTestId("param-origin")).toHaveAttribute("data-origin", "last_run");
  await tag.getByTestId("param-value").fill("v2.7.1-e2e");
  await expect(tag.getByTestId("param-origin")).toHaveAttribute("data-origin", "typed");
  await expect(tag.getByTestId("param-changed")).toBeVisible();
  await secret.getByTestId("param-keep").uncheck();
  await secret.getByTestId("param-value").fill("e2e-planted-secret");

  await page.getByTestId("deploy-button").click();
  const dialog = page.getByTestId("confirm-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId("confirm-sentence")).toContainText(orders.name);
  await dialog.getByTestId("confirm-button").click();

  await expect(page).toHaveURL(new RegExp(`/tasks/${orders.taskId}/records/[0-9a-z]{32}$`));
  const recordId = page.url().split("/").at(-1)!;
  await expect(page.getByTestId("record-id")).toContainText(recordId);
  await expect(page.getByTestId("job-name")).not.toHaveText("—");
  await expect(page.getByTestId("record-state")).toHaveAttribute("data-state", "succeeded", { timeout: 30_000 });
  await expect(page.getByTestId("component-row").first()).toBeVisible();
  const states = page.getByTestId("component-state");
  await expect(states.first()).toHaveAttribute("data-effective", "true");
  await expect(page.getByTestId("step-row")).not.toHaveCount(0);
  await expect(page.getByTestId("log-view")).toContainText(/\S/);

  const calls = await sim.calls();
  expect(calls.starts).toHaveLength(1);
  const body = calls.starts[0]!.body as { params: { key: string; value: string; type: string }[] };
  expect(body.params).toContainEqual({ key: "image_tag", value: "v2.7.1-e2e", type: "text" });
  expect(body.params.find((p) => p.type === "encrypt")?.value).toBe("e2e-planted-secret");
});

test("a row picked right after typing a search opens its task (the search's own URL update does not cancel it)", async ({ page }) => {
  for (let i = 0; i < 3; i++) {
    await page.goto("/apps");
    await expect(page.getByTestId("app-row").first()).toBeVisible();
    // No wait between typing and the click: the search's URL update is still pending when the row is followed.
    await page.getByTestId("app-search").fill("订单");
    await page.getByTestId("app-row").filter({ hasText: orders.name }).getByRole("link").first().click();
    await expect(page).toHaveURL(new RegExp(`/tasks/${orders.taskId}$`));
    await expect(page.getByTestId("param-row").first()).toBeVisible();
  }
});

test("rollback journey: pick an earlier record, see its parameters, confirm, start with record_id", async ({ page, sim }) => {
  await page.goto(`/tasks/${inventory.taskId}`);
  const picker = page.getByTestId("rollback-picker");
  await expect(picker.getByTestId("rollback-record").first()).toBeVisible();
  const target = picker.getByTestId("rollback-record").nth(2);
  const targetId = await target.getAttribute("data-record-id");
  expect(targetId).toMatch(/^[0-9a-z]{32}$/);
  await target.click();
  const params = page.getByTestId("rollback-params");
  await expect(params.getByTestId("record-param").first()).toBeVisible();
  await expect(params).not.toContainText("undefined");

  await page.getByTestId("deploy-button").click();
  const dialog = page.getByTestId("confirm-dialog");
  await expect(dialog.getByTestId("confirm-sentence")).toContainText("#");
  // A rollback needs a reason.
  await expect(dialog.getByTestId("confirm-button")).toBeDisabled();
  await dialog.getByTestId("confirm-reason").fill("e2e: back to a known good release");
  await dialog.getByTestId("confirm-button").click();
  await expect(page).toHaveURL(new RegExp(`/tasks/${inventory.taskId}/records/[0-9a-z]{32}$`));
  const calls = await sim.calls();
  expect((calls.starts[0]?.body as { record_id?: string }).record_id).toBe(targetId);
});

test("row validation: errors show on their rows and nothing reaches the cloud", async ({ page, sim }) => {
  await page.goto(`/tasks/${orders.taskId}`);
  await expect(page.getByTestId("param-row").first()).toBeVisible();
  const before = await sim.calls();
  const n = await page.getByTestId("param-row").count();
  await page.getByTestId("add-row").click();
  const added = page.getByTestId("param-row").nth(n);
  await added.getByTestId("param-key").fill("bad key!");
  await added.getByTestId("param-value").fill("x {{ 7*7 }}");
  const first = page.getByTestId("param-row").first();
  const firstKey = await first.getByTestId("param-key").inputValue();
  await page.getByTestId("add-row").click();
  await page.getByTestId("param-row").last().getByTestId("param-key").fill(firstKey);
  await page.getByTestId("deploy-button").click();
  await expect(added.getByTestId("row-error").first()).toBeVisible();
  // Both the key and the value problem are named on that row.
  await expect(added.getByTestId("row-error")).toContainText(["Key must be"]);
  await expect(added.getByTestId("row-error").last()).toContainText("{{");
  await expect(
    page
      .getByTestId("param-row")
      .nth(n + 1)
      .getByTestId("row-error"),
  ).toBeVisible();
  await expect(page.getByTestId("confirm-dialog")).toHaveCount(0);
  expect((await sim.calls()).starts).toEqual(before.starts);
});

// A draft is now refused before the button (e2e/form-refusals.spec.ts); an upstream refusal the page could not
// foresee (the task turned into a draft after the page was read) still shows with its CodeArts error code.
test("an upstream refusal is shown with its CodeArts error code", async ({ page, sim }) => {
  await page.goto(`/tasks/${orders.taskId}`);
  await expect(page.getByTestId("param-row").first()).toBeVisible();
  await sim.fault({
    method: "POST",
    path: `^/v2/tasks/${orders.taskId}/start$`,
    status: 400,
    body: { error_code: "Deploy.00011042", error_msg: "A draft application cannot be executed. Complete its configuration first." },
    times: 1,
  });
  await page.getByTestId("deploy-button").click();
  await page.getByTestId("confirm-dialog").getByTestId("confirm-button").click();
  const alert = page.getByTestId("error-alert");
  await expect(alert).toBeVisible();
  await expect(alert.getByTestId("error-upstream-code")).toContainText("Deploy.00011042");
  await expect(alert.getByTestId("error-request-id")).toContainText(/[0-9a-f]{32}/);
});

test("a failing record shows the failed step's FAQ link; a running one can be stopped", async ({ page }) => {
  await page.goto(`/tasks/${failing.taskId}`);
  await page.getByTestId("deploy-button").click();
  await page.getByTestId("confirm-dialog").getByTestId("confirm-button").click();
  await expect(page).toHaveURL(/\/records\/[0-9a-z]{32}$/);
  await expect(page.getByTestId("record-state")).toHaveAttribute("data-state", "failed", { timeout: 30_000 });
  await expect(page.getByTestId("faq-link")).toHaveAttribute("href", /^https?:\/\//);

  await page.goto(`/tasks/${orders.taskId}`);
  await page.getByTestId("deploy-button").click();
  await page.getByTestId("confirm-dialog").getByTestId("confirm-button").click();
  await expect(page).toHaveURL(/\/records\/[0-9a-z]{32}$/);
  await page.getByTestId("stop-button").click();
  await page.getByTestId("confirm-dialog").getByTestId("confirm-button").click();
  await expect(page.getByTestId("record-state")).toHaveAttribute("data-state", "abort", { timeout: 30_000 });
  await expect(page.getByTestId("stop-button")).toHaveCount(0);
});
