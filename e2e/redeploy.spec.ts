/**
 * Redeploy and rollback done right (issue 5): one-click redeploy from a record, edit and redeploy, rollback with
 * a reason and the parameter diff against the latest record (secrets compared by the ledger's fingerprints),
 * "my last run" and "reset to last run", deep links (prefilled, never starting anything, secrets refused),
 * copy link and copy as curl. Real browser, real console, real simulator.
 */
import type { APIRequestContext, Page } from "@playwright/test";
import { SEED } from "../lib/codearts/simulator/seed";
import { CONSOLE_URL } from "../playwright.config";
import { expect, test } from "./fixtures";

const { orders, inventory } = SEED.apps;

interface RecordParam {
  name: string;
  type: string;
  value: string | null;
  secret: boolean;
}
type StartBody = { params: { key: string; value: string; type: string }[]; record_id?: string } & Record<string, unknown>;

test.beforeEach(async ({ sim }) => {
  await sim.reset();
});

const rowOf = (page: Page, key: string) => page.locator(`[data-testid="param-row"][data-key="${key}"]`);

/** Record ids of the task's history as the picker lists it (newest first). */
async function historyIds(page: Page, taskId: string): Promise<string[]> {
  await page.goto(`/tasks/${taskId}`);
  const rows = page.getByTestId("rollback-picker").getByTestId("rollback-record");
  await expect(rows.first()).toBeVisible();
  return (await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-record-id") ?? ""))).filter(Boolean);
}

async function paramsOf(request: APIRequestContext, taskId: string, recordId: string): Promise<RecordParam[]> {
  const r = await request.get(`/api/tasks/${taskId}/records/${recordId}/params`);
  expect(r.status()).toBe(200);
  return (await r.json()) as RecordParam[];
}

/** Starts through the console API as the signed-in user and waits until the record has finished. */
async function startAndFinish(request: APIRequestContext, taskId: string, body: StartBody): Promise<string> {
  const r = await request.post(`/api/tasks/${taskId}/start`, {
    data: body,
    headers: { origin: CONSOLE_URL, "idempotency-key": `e2e-redeploy-${Date.now()}-${Math.random().toString(36).slice(2)}` },
  });
  expect(r.status(), await r.text()).toBe(200);
  const { id } = (await r.json()) as { id: string };
  await expect
    .poll(async () => ((await (await request.get(`/api/tasks/${taskId}/records/${id}`)).json()) as { finished: boolean }).finished, {
      timeout: 40_000,
      intervals: [500],
    })
    .toBe(true);
  return id;
}

test("redeploy with the same parameters: one click from a record to the confirmation, then the same values go out", async ({ page, sim }) => {
  const [, source] = await historyIds(page, inventory.taskId);
  expect(source).toMatch(/^[0-9a-z]{32}$/);
  const sourceParams = await paramsOf(page.request, inventory.taskId, source!);

  await page.goto(`/tasks/${inventory.taskId}/records/${source}`);
  await page.getByTestId("redeploy-same").click();
  await expect(page).toHaveURL(new RegExp(`/tasks/${inventory.taskId}\\?from=${source}&confirm=1$`));

  // The confirmation opens by itself, names the record, and compares with the latest record — nothing started yet.
  const dialog = page.getByTestId("confirm-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId("confirm-target")).toHaveAttribute("data-record-id", source!);
  await expect(dialog.getByTestId("param-diff")).toBeVisible();
  await expect(dialog.getByTestId("param-change")).toHaveCount(sourceParams.length);
  expect((await sim.calls()).starts).toHaveLength(0);

  await dialog.getByTestId("confirm-button").click();
  await expect(page).toHaveURL(new RegExp(`/tasks/${inventory.taskId}/records/[0-9a-z]{32}$`));
  const starts = (await sim.calls()).starts;
  expect(starts).toHaveLength(1);
  const sent = starts[0]!.body as StartBody;
  expect(sent.record_id).toBeUndefined();
  expect(sent.params.map((p) => [p.key, p.value]).sort()).toEqual(
    sourceParams
      .filter((p) => !p.secret)
      .map((p) => [p.name, p.value ?? ""])
      .sort(),
  );
});

test("edit and redeploy: the form opens prefilled from the record, edits show as typed and in the diff; my last run is remembered", async ({ page, sim }) => {
  const [latest, source] = await historyIds(page, inventory.taskId);
  const sourceParams = await paramsOf(page.request, inventory.taskId, source!);
  const edited = sourceParams.find((p) => !p.secret && p.type === "text")!;
  expect(edited).toBeTruthy();

  await page.goto(`/tasks/${inventory.taskId}/records/${source}`);
  await page.getByTestId("redeploy-edit").click();
  await expect(page).toHaveURL(new RegExp(`\\?from=${source}$`));
  await expect(page.getByTestId("link-notice").and(page.locator('[data-notice="source"]'))).toBeVisible();
  const row = rowOf(page, edited.name);
  await expect(row.getByTestId("param-value")).toHaveValue(edited.value ?? "");
  await expect(row.getByTestId("param-origin")).toHaveAttribute("data-origin", "record");
  await expect(page.getByTestId("confirm-dialog")).toHaveCount(0);

  const value = `${edited.value ?? ""}-edited`;
  await row.getByTestId("param-value").fill(value);
  await expect(row.getByTestId("param-origin")).toHaveAttribute("data-origin", "typed");
  await page.getByTestId("deploy-button").click();
  const dialog = page.getByTestId("confirm-dialog");
  await expect(dialog.getByTestId("param-diff")).toHaveAttribute("data-latest-record-id", latest!);
  const change = dialog.locator(`[data-testid="param-change"][data-key="${edited.name}"]`);
  await expect(change).toHaveAttribute("data-status", "changed");
  await expect(change).toContainText(value);
  await dialog.getByTestId("confirm-button").click();
  await expect(page).toHaveURL(new RegExp(`/tasks/${inventory.taskId}/records/[0-9a-z]{32}$`));
  const sent = (await sim.calls()).starts[0]!.body as StartBody;
  expect(sent.params).toContainEqual({ key: edited.name, value, type: edited.type });
  await expect(page.getByTestId("record-state")).toHaveAttribute("data-state", /succeeded|failed/, { timeout: 40_000 });

  // Back on the task: the value comes from "my last run"; reset to last run brings the latest record's value.
  await page.goto(`/tasks/${inventory.taskId}`);
  await expect(rowOf(page, edited.name).getByTestId("param-value")).toHaveValue(value);
  await expect(rowOf(page, edited.name).getByTestId("param-origin")).toHaveAttribute("data-origin", "my_last_run");
  await rowOf(page, edited.name).getByTestId("param-value").fill("something-else");
  await expect(rowOf(page, edited.name).getByTestId("param-changed")).toBeVisible();
  await rowOf(page, edited.name).getByTestId("reset-row").click();
  await expect(rowOf(page, edited.name).getByTestId("param-value")).toHaveValue(value);
  await expect(rowOf(page, edited.name).getByTestId("param-changed")).toHaveCount(0);
});

test("rollback with a reason: the diff shows a changed, an added and a removed row and a secret marked unchanged", async ({ page, sim }) => {
  const secret = "e2e-rollback-secret-7f3a";
  // The latest record, started through the console with a known secret (the ledger keeps its fingerprint).
  const task = (await (await page.request.get(`/api/tasks/${orders.taskId}`)).json()) as {
    params: { name: string; type: string; value: string | null }[];
  };
  const params = task.params.map((d) =>
    d.type === "encrypt"
      ? { key: d.name, type: d.type, value: secret }
      : { key: d.name, type: d.type, value: d.name === "image_tag" ? "v-latest-e2e" : (d.value ?? "") },
  );
  expect(params.some((p) => p.type === "encrypt")).toBe(true);
  const latest = await startAndFinish(page.request, orders.taskId, { params });

  await page.goto(`/tasks/${orders.taskId}`);
  const picker = page.getByTestId("rollback-picker");
  await expect(picker.getByTestId("rollback-record").first()).toHaveAttribute("data-record-id", latest);
  const target = picker.getByTestId("rollback-record").nth(3);
  const targetId = (await target.getAttribute("data-record-id"))!;
  await target.click();
  await expect(rowOf(page, "image_tag").getByTestId("param-origin")).toHaveAttribute("data-origin", "record");

  // Edit the target's rows: a changed value, an added row, a removed row, and the secret typed again.
  await rowOf(page, "image_tag").getByTestId("param-value").fill("v-rollback-e2e");
  await rowOf(page, "jvm_opts").getByTestId("remove-row").click();
  await page.getByTestId("add-row").click();
  const added = page.getByTestId("param-row").last();
  await added.getByTestId("param-key").fill("feature_flag");
  await added.getByTestId("param-value").fill("on");
  const secretRow = page
    .getByTestId("param-row")
    .filter({ has: page.locator('input[type="password"]') })
    .first();
  // A rollback's secrets are not readable: they keep the stored value unless unticked and typed again.
  await expect(secretRow.getByTestId("param-keep")).toBeChecked();
  await secretRow.getByTestId("param-keep").uncheck();
  await secretRow.getByTestId("param-value").fill(secret);

  await page.getByTestId("deploy-button").click();
  const dialog = page.getByTestId("confirm-dialog");
  await expect(dialog.getByTestId("confirm-target")).toHaveAttribute("data-record-id", targetId);
  await expect(dialog.getByTestId("param-diff")).toHaveAttribute("data-latest-record-id", latest);
  const change = (key: string) => dialog.locator(`[data-testid="param-change"][data-key="${key}"]`);
  await expect(change("image_tag")).toHaveAttribute("data-status", "changed");
  await expect(change("image_tag")).toContainText("v-latest-e2e");
  await expect(change("feature_flag")).toHaveAttribute("data-status", "added");
  await expect(change("jvm_opts")).toHaveAttribute("data-status", "removed");
  await expect(change("db_password")).toHaveAttribute("data-secret-status", "unchanged");
  await expect(dialog).not.toContainText(secret);

  // No reason, no rollback.
  await expect(dialog.getByTestId("confirm-button")).toBeDisabled();
  await dialog.getByTestId("confirm-reason").fill("e2e: v-latest breaks checkout");
  await dialog.getByTestId("confirm-button").click();
  await expect(page).toHaveURL(new RegExp(`/tasks/${orders.taskId}/records/[0-9a-z]{32}$`));
  const recordId = page.url().split("/").at(-1)!;

  const start = (await sim.calls()).starts.at(-1)!;
  const sent = start.body as StartBody;
  expect(sent.record_id).toBe(targetId);
  expect(sent).not.toHaveProperty("reason");
  expect(sent.params.find((p) => p.key === "jvm_opts")).toBeUndefined();
  expect(sent.params).toContainEqual({ key: "feature_flag", value: "on", type: "text" });
  const ledger = (await (await page.request.get(`/api/tasks/${orders.taskId}/records/${recordId}/ledger`)).json()) as {
    items: { action: string; phase: string; reason: string | null; targetRecordId: string | null }[];
  };
  expect(ledger.items.find((r) => r.phase === "started")).toMatchObject({
    action: "rollback",
    reason: "e2e: v-latest breaks checkout",
    targetRecordId: targetId,
  });
});

test("the API refuses a rollback without a reason, before the cloud is called", async ({ page, sim }) => {
  const r = await page.request.post(`/api/tasks/${inventory.taskId}/start`, {
    data: { params: [], record_id: "0".repeat(32) },
    headers: { origin: CONSOLE_URL },
  });
  expect(r.status()).toBe(400);
  const body = (await r.json()) as { error: { code: string; issues: { path: string[]; message: string }[] } };
  expect(body.error.issues).toContainEqual(expect.objectContaining({ path: ["reason"], message: "reason_required" }));
  expect((await sim.calls()).starts).toHaveLength(0);
});

test("a deep link prefills the form and picks the rollback target; it starts nothing until confirmed", async ({ page, sim }) => {
  const [, , targetId] = await historyIds(page, inventory.taskId);
  await page.goto(`/tasks/${inventory.taskId}?p.image_tag=v-link-e2e&p.link_only=yes&record=${targetId}`);
  await expect(page.locator('[data-testid="link-notice"][data-notice="prefilled"]')).toBeVisible();
  await expect(rowOf(page, "image_tag").getByTestId("param-value")).toHaveValue("v-link-e2e");
  await expect(rowOf(page, "image_tag").getByTestId("param-origin")).toHaveAttribute("data-origin", "link");
  await expect(rowOf(page, "link_only").getByTestId("param-value")).toHaveValue("yes");
  await expect(page.getByTestId("deploy-button")).toContainText(/roll back/i);
  await page.waitForTimeout(500);
  expect((await sim.calls()).starts).toHaveLength(0);

  // The same form as a link and as a curl command.
  await page.getByTestId("copy-link").click();
  const link = await page.getByTestId("share-dialog").getByTestId("share-text").inputValue();
  const url = new URL(link);
  expect(url.pathname).toBe(`/tasks/${inventory.taskId}`);
  expect(url.searchParams.get("p.image_tag")).toBe("v-link-e2e");
  expect(url.searchParams.get("record")).toBe(targetId);
  await page.getByTestId("share-dialog").getByRole("button", { name: /close/i }).click();
  await page.getByTestId("copy-curl").click();
  const curl = await page.getByTestId("share-dialog").getByTestId("share-text").inputValue();
  expect(curl).toContain(`/api/tasks/${inventory.taskId}/start`);
  expect(curl).toContain('"record_id":"' + targetId + '"');
  expect(curl).toContain('"value":"v-link-e2e"');
  await page.getByTestId("share-dialog").getByRole("button", { name: /close/i }).click();

  await page.getByTestId("deploy-button").click();
  const dialog = page.getByTestId("confirm-dialog");
  await expect(dialog.getByTestId("confirm-target")).toHaveAttribute("data-record-id", targetId!);
  await dialog.getByTestId("confirm-reason").fill("e2e: from a colleague's link");
  await dialog.getByTestId("confirm-button").click();
  await expect(page).toHaveURL(new RegExp(`/tasks/${inventory.taskId}/records/[0-9a-z]{32}$`));
  const sent = (await sim.calls()).starts[0]!.body as StartBody;
  expect(sent.record_id).toBe(targetId);
  expect(sent.params).toContainEqual({ key: "image_tag", value: "v-link-e2e", type: "text" });
  expect(sent.params).toContainEqual({ key: "link_only", value: "yes", type: "text" });
});

test("a deep link carrying a secret is refused with a clear notice; the secret reaches no field", async ({ page, sim }) => {
  const planted = "hunter2-from-a-link";
  await page.goto(`/tasks/${orders.taskId}?p.db_password=${planted}&p.image_tag=v-x`);
  const notice = page.locator('[data-testid="link-notice"][data-notice="secrets"]');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText("db_password");
  await expect(rowOf(page, "db_password").getByTestId("param-value")).toHaveValue("");
  await expect(rowOf(page, "db_password").getByTestId("param-keep")).toBeChecked();
  await expect(rowOf(page, "image_tag").getByTestId("param-value")).toHaveValue("v-x");
  const values = await page.getByTestId("param-value").evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
  expect(values).not.toContain(planted);
  expect((await sim.calls()).starts).toHaveLength(0);
});
