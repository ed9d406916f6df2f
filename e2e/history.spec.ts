/**
 * The task's history and running records, against the real console, database and simulator: the history shows the
 * ledger's reason and "rollback of #N" (in English and Chinese) and links each record to its page; the log view
 * tails a running record and the download is the simulator's whole log; a running record is stopped from its page
 * and its ledger section shows the stop.
 */
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { APIRequestContext } from "@playwright/test";
import { SEED } from "../lib/codearts/simulator/seed";
import { DEMO_AK, DEMO_IAM_PROJECT_ID, DEMO_SK } from "../lib/codearts/demo";
import { canonicalRequestOf, signature, stringToSign } from "../lib/codearts/simulator/signature";
import { CONSOLE_URL, SIMULATOR_ADMIN_TOKEN, SIMULATOR_URL } from "../playwright.config";
import { expect, test } from "./fixtures";

const { inventory, orders } = SEED.apps;
const tag = randomBytes(4).toString("hex");

interface Summary {
  recordId: string;
  releaseId: number | null;
  reason?: string | null;
  rollbackOf?: { recordId: string; releaseId: number | null } | null;
}

/**
 * A start through the console API, as a script would send it (same-origin, with an idempotency key). No rows:
 * the cloud (here the simulator) takes the task's stored values for parameters not sent.
 */
async function startVia(request: APIRequestContext, taskId: string, body: Record<string, unknown>): Promise<string> {
  const r = await request.post(`/api/tasks/${taskId}/start`, {
    headers: { "Idempotency-Key": `e2e-history-${randomBytes(8).toString("hex")}`, Origin: CONSOLE_URL },
    data: body,
  });
  expect(r.status(), await r.text()).toBe(200);
  return ((await r.json()) as { id: string }).id;
}

async function waitFinished(request: APIRequestContext, taskId: string, recordId: string) {
  await expect
    .poll(async () => ((await (await request.get(`/api/tasks/${taskId}/records/${recordId}`)).json()) as { finished: boolean }).finished, {
      timeout: 45_000,
      intervals: [500],
    })
    .toBe(true);
}

async function history(request: APIRequestContext, taskId: string): Promise<Summary[]> {
  const r = await request.get(`/api/tasks/${taskId}/records`, { params: { from: daysAgo(90), to: daysAgo(-1), size: "100" } });
  expect(r.status()).toBe(200);
  return ((await r.json()) as { items: Summary[] }).items;
}

/**
 * The simulator's own text of a record's whole log: ShowAppLog called straight at the simulator (not through the
 * console), AK/SK-signed with the demo credentials.
 */
async function simulatorLog(appId: string, recordId: string): Promise<{ text: string; has_more: boolean }> {
  const url = `/v1/applications/${appId}/records/${recordId}/logs?end_offset=100000000&offset=0`;
  const sdkDate = new Date()
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
  const headers = { host: new URL(SIMULATOR_URL).host, "x-project-id": DEMO_IAM_PROJECT_ID, "x-sdk-date": sdkDate };
  const signed = Object.keys(headers).sort();
  const sig = signature(DEMO_SK, stringToSign(sdkDate, canonicalRequestOf({ method: "GET", url, headers, body: "" }, signed)));
  const r = await fetch(`${SIMULATOR_URL}${url}`, {
    headers: { ...headers, authorization: `SDK-HMAC-SHA256 Access=${DEMO_AK}, SignedHeaders=${signed.join(";")}, Signature=${sig}` },
  });
  expect(r.status, await r.clone().text()).toBe(200);
  return ((await r.json()) as { result: { text: string; has_more: boolean } }).result;
}

/** Moves the simulator's clock (its records' progress derives from it); 0 puts it back. */
async function simClock(request: APIRequestContext, offsetMs: number) {
  const r = await request.post(`${SIMULATOR_URL}/__sim/clock`, { headers: { "x-sim-admin": SIMULATOR_ADMIN_TOKEN }, data: { offsetMs } });
  expect(r.ok()).toBeTruthy();
}

/** UTC dates; `to` is tomorrow because the upstream clock (UTC+8) may already be there. */
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

test.describe.configure({ mode: "serial" });
test.afterAll(async ({ playwright }) => {
  const ctx = await playwright.request.newContext();
  await simClock(ctx, 0);
  await ctx.dispose();
});

let rollbackId = "";
let deployId = "";
let targetRelease = 0;

test("history rows carry the ledger's reason and 'rollback of #N', and link to their record pages", async ({ page, request, sim }) => {
  await sim.reset();
  const deployReason = `weekly release ${tag}`;
  deployId = await startVia(request, inventory.taskId, { params: [], reason: deployReason });
  await waitFinished(request, inventory.taskId, deployId);

  // Roll back to the record that was newest before this deployment.
  const before = await history(request, inventory.taskId);
  expect(before[0]?.recordId).toBe(deployId);
  const target = before[1]!;
  expect(target.releaseId).not.toBeNull();
  targetRelease = target.releaseId!;
  const rollbackReason = `stock counts drift after the weekly release; back to the last good build ${tag} `.repeat(3).trim();
  rollbackId = await startVia(request, inventory.taskId, { record_id: target.recordId, reason: rollbackReason, params: [] });

  // The API: one row per record, annotated from the ledger.
  const rows = await history(request, inventory.taskId);
  expect(rows.find((r) => r.recordId === rollbackId)).toMatchObject({
    reason: rollbackReason,
    rollbackOf: { recordId: target.recordId, releaseId: targetRelease },
  });
  expect(rows.find((r) => r.recordId === deployId)).toMatchObject({ reason: deployReason, rollbackOf: null });
  expect(rows.find((r) => r.recordId === target.recordId)).toMatchObject({ reason: null, rollbackOf: null });

  // The task page's history: the whole retention by default, newest first.
  await page.goto(`/tasks/${inventory.taskId}`);
  const picker = page.getByTestId("rollback-picker");
  await expect(picker.getByTestId("history-range")).toHaveValue("92");
  const rollbackRow = picker.locator(`[data-testid="rollback-record"][data-record-id="${rollbackId}"]`);
  const deployRow = picker.locator(`[data-testid="rollback-record"][data-record-id="${deployId}"]`);
  await expect(picker.getByTestId("rollback-record").first()).toHaveAttribute("data-record-id", rollbackId);
  await expect(rollbackRow.getByTestId("history-rollback-of")).toHaveText(`rollback of #${targetRelease}`);
  await expect(rollbackRow.getByTestId("history-rollback-of")).toHaveAttribute("data-target-record-id", target.recordId);
  const reason = rollbackRow.getByTestId("history-reason");
  await expect(reason).toHaveText(rollbackReason);
  await expect(reason).toHaveAttribute("title", rollbackReason);
  // Long reasons are cut on screen (the full text is in the title).
  expect(await reason.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await expect(deployRow.getByTestId("history-reason")).toHaveText(deployReason);
  await expect(deployRow.getByTestId("history-rollback-of")).toHaveCount(0);

  // Picking a row still picks the rollback target (its parameters show); the link opens the record page.
  await deployRow.getByRole("radio").check();
  await expect(page.getByTestId("rollback-params")).toBeVisible();
  await deployRow.getByTestId("history-record-link").click();
  await expect(page).toHaveURL(new RegExp(`/tasks/${inventory.taskId}/records/${deployId}$`));
  await expect(page.getByTestId("record-id")).toContainText(deployId);
  await waitFinished(request, inventory.taskId, rollbackId);
});

test.describe("in Chinese", () => {
  test.use({ locale: "zh-CN", extraHTTPHeaders: { "Accept-Language": "zh-CN,zh;q=0.9" } });

  test("the rollback label and the reason column speak Chinese", async ({ page, request }) => {
    if (!rollbackId) {
      // Run on its own (e.g. with --grep): its own rollback to the newest record the seed has.
      const target = (await history(request, inventory.taskId))[0]!;
      targetRelease = target.releaseId!;
      rollbackId = await startVia(request, inventory.taskId, { record_id: target.recordId, reason: `zh ${tag}`, params: [] });
      await waitFinished(request, inventory.taskId, rollbackId);
    }
    await page.goto(`/tasks/${inventory.taskId}`);
    const row = page.locator(`[data-testid="rollback-record"][data-record-id="${rollbackId}"]`);
    await expect(row.getByTestId("history-rollback-of")).toHaveText(`回滚至 #${targetRelease}`);
    await expect(page.getByTestId("rollback-picker").getByRole("columnheader", { name: "原因" })).toBeVisible();
    await expect(row.getByTestId("history-record-link")).toHaveAccessibleName(new RegExp(`^查看版本 #\\d+ 的记录页面$`));
  });
});

test("the log view tails a running record, follows its end, and the download is the whole log", async ({ page, request, sim }) => {
  await sim.reset();
  const recordId = await startVia(request, orders.taskId, { params: [], reason: `log tail ${tag}` });
  // 8 s more before it starts writing, so a slow page load still sees it run (the clock goes back once it ends).
  await simClock(request, -8_000);
  await page.goto(`/tasks/${orders.taskId}/records/${recordId}`);
  const log = page.getByTestId("log-view");
  // While it runs the log grows: the first lines are there before the last one is.
  await expect(log).toContainText("started by");
  await expect(page.getByTestId("record-state")).toHaveAttribute("data-state", "running");
  expect(await log.textContent()).not.toContain("Deployment succeeded");
  await expect(log).toContainText("Deployment succeeded", { timeout: 45_000 });
  await expect(page.getByTestId("record-state")).toHaveAttribute("data-state", "succeeded");
  await simClock(request, 0);
  // Following: scrolled to the end whenever the text overflows the box.
  await expect.poll(() => log.evaluate((el) => el.scrollHeight <= el.clientHeight || el.scrollHeight - el.scrollTop - el.clientHeight < 24)).toBe(true);

  // The simulator's own text of the log (signed call straight to it, not through the console).
  const task = (await (await request.get(`/api/tasks/${orders.taskId}`)).json()) as { appId: string };
  const direct = await simulatorLog(task.appId, recordId);
  expect(direct.has_more).toBe(false);
  const expected = direct.text;
  expect(expected.length).toBeGreaterThan(200);

  // The browser download.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("log-download").click()]);
  expect(download.suggestedFilename()).toBe(`${recordId}.log`);
  expect(await readFile(await download.path(), "utf8")).toBe(expected);

  // The route itself.
  const r = await request.get(`/api/tasks/${orders.taskId}/records/${recordId}/logs/download`);
  expect(r.status()).toBe(200);
  expect(r.headers()["content-type"]).toBe("text/plain; charset=utf-8");
  expect(r.headers()["content-disposition"]).toBe(`attachment; filename="${recordId}.log"`);
  expect(await r.text()).toBe(expected);
});

test("an unknown record's download is a JSON error, not a file", async ({ request }) => {
  const r = await request.get(`/api/tasks/${orders.taskId}/records/${"0".repeat(32)}/logs/download`);
  expect(r.status()).toBeGreaterThanOrEqual(400);
  expect(r.headers()["content-type"]).toContain("application/json");
  expect(((await r.json()) as { error: { code: string } }).error.code).toBeTruthy();
});

test("stopping a running record from its page: confirmation, aborted, and the stop row in its ledger section", async ({ page, request, sim }) => {
  // deploy.spec.ts checks that the stop aborts the record; this adds what the record page says about it. A record
  // runs 6–9 s: the simulator's clock is set back 30 s once it has started, so the stop lands while it runs even
  // on a slow machine.
  await sim.reset();
  await page.goto(`/tasks/${orders.taskId}`);
  // Secrets keep their stored values.
  await expect(page.getByTestId("param-row").first()).toBeVisible();
  await page.getByTestId("deploy-button").click();
  await page.getByTestId("confirm-dialog").getByTestId("confirm-button").click();
  await expect(page).toHaveURL(/\/records\/[0-9a-z]{32}$/);
  await simClock(request, -30_000);
  const recordId = page.url().split("/").at(-1)!;
  await expect(page.getByTestId("record-state")).toHaveAttribute("data-state", "running");
  await page.getByTestId("stop-button").click();
  const dialog = page.getByTestId("confirm-dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByTestId("confirm-button").click();
  await expect(page.getByTestId("record-state")).toHaveAttribute("data-state", "abort", { timeout: 30_000 });

  // The ledger section refreshes after the stop (it no longer polls once the record has ended).
  const ledger = page.getByTestId("record-ledger");
  await expect(ledger.locator('[data-testid="record-ledger-row"][data-action="stop"][data-phase="stopped"]')).toHaveCount(1);
  await expect(ledger.locator('[data-testid="record-ledger-row"][data-action="start"][data-phase="started"]')).toHaveCount(1);
  // The log ends with the stop, read afresh: moving the simulator's clock back rewrote the log already tailed (a real
  // log only grows), and the console hands out the chunk it read last for up to a second (LOG_TAIL_KEEP_MS) — so
  // the page is opened again until that chunk has lapsed.
  await simClock(request, 0);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("log-view")).toContainText("Deployment stopped by", { timeout: 3_000 });
  }).toPass({ timeout: 20_000 });
  // The record watcher then writes how the record ended: a `finished` row on the start, state "stopped".
  await expect(async () => {
    const own = (await (await request.get(`/api/tasks/${orders.taskId}/records/${recordId}/ledger`)).json()) as {
      items: { action: string; phase: string; finish: { state: string } | null }[];
    };
    expect(own.items.map((r) => `${r.action}:${r.phase}`).sort()).toEqual([
      "start:finished",
      "start:requested",
      "start:started",
      "stop:requested",
      "stop:stopped",
    ]);
    expect(own.items.find((r) => r.phase === "finished")?.finish?.state).toBe("stopped");
  }).toPass({ timeout: 20_000 });
});
