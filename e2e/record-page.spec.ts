/**
 * The record page as a user meets it (issue: "What a user meets", points 1–6): step states live, the job name
 * and the person for anyone who opens the record, the AOM state the record produced, one rule for times (zone
 * visible, log lines included), and release numbers instead of raw ids.
 */
import type { Page } from "@playwright/test";
import { SEED } from "../lib/codearts/simulator/seed";
import { expect, test } from "./fixtures";
import { USERS } from "./users";

const { orders, failing, inventory } = SEED.apps;

test.beforeEach(async ({ sim }) => {
  await sim.reset();
});

/** Starts the task from its page (no secrets typed: the stored ones are kept) and lands on the record. */
async function deploy(page: Page, taskId: string): Promise<string> {
  await page.goto(`/tasks/${taskId}`);
  await expect(page.getByTestId("param-row").first()).toBeVisible();
  await page.getByTestId("deploy-button").click();
  await page.getByTestId("confirm-dialog").getByTestId("confirm-button").click();
  await expect(page).toHaveURL(new RegExp(`/tasks/${taskId}/records/[0-9a-z]{32}$`));
  return page.url().split("/").at(-1)!;
}

/** Waits for a record to end: a later spec's task page must not find this one still running (its in-flight hold). */
async function settled(page: Page, taskId: string, recordId: string): Promise<void> {
  await expect
    .poll(async () => ((await (await page.request.get(`/api/tasks/${taskId}/records/${recordId}`)).json()) as { finished: boolean }).finished, {
      timeout: 30_000,
    })
    .toBe(true);
}

const stepsIn = (page: Page, state: string) => page.locator(`[data-testid="step-row"][data-state="${state}"]`);

test("steps carry their state, live while the record runs; the failing step is highlighted with its FAQ link", async ({ page }) => {
  await deploy(page, failing.taskId);
  // While it runs: exactly one step running, the ones before it done, the ones after it pending.
  await expect(stepsIn(page, "running")).toHaveCount(1);
  const total = await page.getByTestId("step-row").count();
  expect(total).toBeGreaterThan(1);
  await expect(stepsIn(page, "running").getByTestId("step-state")).toHaveText("Running");
  // It moves on without a reload (polled), then fails at its last step.
  await expect(stepsIn(page, "succeeded")).not.toHaveCount(0, { timeout: 15_000 });
  await expect(page.getByTestId("record-state")).toHaveAttribute("data-state", "failed", { timeout: 30_000 });
  await expect(stepsIn(page, "running")).toHaveCount(0);
  const failed = stepsIn(page, "failed");
  await expect(failed).toHaveCount(1);
  await expect(failed.getByTestId("faq-link")).toHaveAttribute("href", /^https?:\/\//);
  await expect(failed.getByTestId("step-state")).toHaveText("Failed");
  await expect(stepsIn(page, "succeeded")).toHaveCount(total - 1);
  // Only the failing step links to its FAQ.
  await expect(page.getByTestId("faq-link")).toHaveCount(1);
});

test("a stopped record: the step under way reads stopped, the ones after it did not run", async ({ page }) => {
  await deploy(page, orders.taskId);
  await expect(stepsIn(page, "running")).toHaveCount(1);
  await page.getByTestId("stop-button").click();
  await page.getByTestId("confirm-dialog").getByTestId("confirm-button").click();
  await expect(page.getByTestId("record-state")).toHaveAttribute("data-state", "abort", { timeout: 30_000 });
  await expect(stepsIn(page, "stopped")).toHaveCount(1);
  await expect(stepsIn(page, "not_run")).not.toHaveCount(0);
  await expect(stepsIn(page, "running")).toHaveCount(0);
});

test("job name and the person who deployed survive a reload and show for another user; the IAM user beside them", async ({ page, browser }) => {
  const recordId = await deploy(page, orders.taskId);
  const job = page.getByTestId("job-name");
  await expect(job).toContainText(/^job_/);
  await expect(page.getByTestId("started-by-person")).toHaveText(USERS.dev.name);
  await expect(page.getByTestId("started-by-iam")).toContainText("as CodeArts user");

  // Another user, another browser (no session storage of the start answer): the same facts, from the ledger.
  const viewer = await browser.newContext({ storageState: USERS.viewer.state });
  try {
    const other = await viewer.newPage();
    await other.goto(`/tasks/${orders.taskId}/records/${recordId}`);
    await expect(other.getByTestId("job-name")).toHaveText((await job.textContent())!);
    await expect(other.getByTestId("record-started-by").getByTestId("started-by-person")).toHaveText(USERS.dev.name);
    // The history row of that record and the picker row of its app name the person too.
    await other.goto(`/tasks/${orders.taskId}`);
    const row = other.locator(`[data-testid="rollback-record"][data-record-id="${recordId}"]`);
    await expect(row.getByTestId("started-by-person")).toHaveText(USERS.dev.name);
    await other.goto("/apps");
    await other.getByTestId("app-search").fill("订单");
    const app = other.getByTestId("app-row").filter({ hasText: orders.name });
    await expect(app.getByTestId("started-by-person")).toHaveText(USERS.dev.name);
  } finally {
    await viewer.close();
  }

  // A record the console did not start: the job name is said to be unknown (not a blank), the IAM user only.
  await page.goto(`/tasks/${inventory.taskId}`);
  const seeded = await page.getByTestId("rollback-record").first().getAttribute("data-record-id");
  await page.goto(`/tasks/${inventory.taskId}/records/${seeded}`);
  await expect(page.getByTestId("job-name")).toHaveText("Not known (started outside this console)");
  await expect(page.getByTestId("record-started-by").getByTestId("started-by")).toHaveAttribute("data-source", "cloud");
  await settled(page, orders.taskId, recordId);
});

test("the AOM state is what the record produced, kept after a later aborted run; a record seen only later says so", async ({ page }) => {
  const first = await deploy(page, orders.taskId);
  await expect(page.getByTestId("record-state")).toHaveAttribute("data-state", "succeeded", { timeout: 30_000 });
  const asOf = page.getByTestId("components-as-of");
  await expect(asOf).toHaveAttribute("data-as-of", "finished");
  await expect(asOf).toContainText(/^State when this deployment finished \(recorded \d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}:\d{2} UTC/);
  await expect(page.getByTestId("component-state").first()).toHaveAttribute("data-effective", "true");

  // A later run, stopped: the task's components read Initialised now.
  await deploy(page, orders.taskId);
  await page.getByTestId("stop-button").click();
  await page.getByTestId("confirm-dialog").getByTestId("confirm-button").click();
  await expect(page.getByTestId("record-state")).toHaveAttribute("data-state", "abort", { timeout: 30_000 });
  await expect(page.getByTestId("component-state").first()).toHaveAttribute("data-effective", "false");

  await page.goto(`/tasks/${orders.taskId}/records/${first}`);
  await expect(asOf).toHaveAttribute("data-as-of", "finished");
  await expect(page.getByTestId("component-state").first()).toHaveAttribute("data-effective", "true");

  // A seeded record the console never saw finish, with later runs after it: "current, after a later deployment".
  await page.goto(`/tasks/${orders.taskId}`);
  const old = await page.getByTestId("rollback-record").nth(3).getAttribute("data-record-id");
  await page.goto(`/tasks/${orders.taskId}/records/${old}`);
  await expect(asOf).toHaveAttribute("data-as-of", "later");
  await expect(asOf).toContainText("after a later deployment");
});

test.describe("times in the viewer's zone, marked", () => {
  test.use({ timezoneId: "Europe/Berlin" });

  test("the record's start and its log's first line read the same moment, with the zones named", async ({ page }) => {
    const recordId = await deploy(page, orders.taskId);
    const started = page.getByTestId("record-started");
    // Berlin is UTC+1 in winter (the e2e run's clock is the machine's; the rule holds either way: the zone is shown).
    await expect(started).toContainText(/UTC\+[12]$/);
    const zone = page.getByTestId("log-zone");
    await expect(zone).toContainText(/your zone \(UTC\+[12]\)/);
    await expect(zone).toContainText("UTC+8");
    await expect(page.getByTestId("log-view")).toContainText("Deployment #");
    const startedText = (await started.textContent())!;
    const hms = /(\d{2}:\d{2}:\d{2})/.exec(startedText)?.[1];
    const firstLine = (await page.getByTestId("log-view").textContent())!.split("\n")[0]!;
    expect(firstLine).toContain(`${hms}]`);
    await settled(page, orders.taskId, recordId);
  });
});

test("release numbers instead of raw ids: the start announcement, the audit's Record column, a rollback's log", async ({ page }) => {
  const recordId = await deploy(page, orders.taskId);
  await expect(page.getByTestId("announcer")).toContainText(`Deployment of ${orders.name} started`);
  await expect(page.getByTestId("announcer")).not.toContainText(recordId.slice(0, 8));
  const detail = (await (await page.request.get(`/api/tasks/${orders.taskId}/records/${recordId}`)).json()) as { releaseId: number };
  expect(detail.releaseId).toBeGreaterThan(0);

  await page.goto(`/audit?task=${orders.taskId}`);
  const link = page.getByTestId("audit-record-link").first();
  await expect(link).toHaveText(`#${detail.releaseId}`);
  await expect(link).toHaveAttribute("title", recordId);

  // A rollback names its target by release # in the log.
  await page.goto(`/tasks/${inventory.taskId}`);
  const target = page.getByTestId("rollback-record").nth(1);
  const targetRelease = (await target.locator("td").nth(1).textContent())!.match(/#\d+/)![0];
  await target.click();
  await page.getByTestId("deploy-button").click();
  const dialog = page.getByTestId("confirm-dialog");
  await dialog.getByTestId("confirm-reason").fill("e2e: release numbers");
  await dialog.getByTestId("confirm-button").click();
  await expect(page).toHaveURL(new RegExp(`/tasks/${inventory.taskId}/records/[0-9a-z]{32}$`));
  await expect(page.getByTestId("log-view")).toContainText(`Rollback to ${targetRelease} `);
  await expect(page.getByTestId("record-rollback-of")).toHaveText(targetRelease);
  await settled(page, inventory.taskId, page.url().split("/").at(-1)!);
  await settled(page, orders.taskId, recordId);
});
