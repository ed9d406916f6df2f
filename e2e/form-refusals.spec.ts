/**
 * The form and its refusals (issue 16, points 7–11), in the real browser against the real console and simulator:
 * tasks CodeArts is sure to refuse say so up front and offer no Deploy; a redeploy or a rollback of a task with a
 * secret keeps the stored value and goes straight to the confirmation; a kept secret has one label in every diff;
 * a viewer reads what they may do, not what anyone may; one name per parameter type, nothing truncated.
 */
import type { Page } from "@playwright/test";
import { SEED } from "../lib/codearts/simulator/seed";
import { expect, test } from "./fixtures";
import { USERS } from "./users";

const { orders, draft, pipelineOnly, disabled } = SEED.apps;

test.beforeEach(async ({ sim }) => {
  await sim.reset();
});

const rowOf = (page: Page, key: string) => page.locator(`[data-testid="param-row"][data-key="${key}"]`);

/** The newest finished record of a task, from the console API. */
async function finishedRecordOf(page: Page, taskId: string): Promise<string> {
  const r = await page.request.get(`/api/tasks/${taskId}/records?size=5`);
  expect(r.status()).toBe(200);
  const { items } = (await r.json()) as { items: { recordId: string; state: string }[] };
  const done = items.find((i) => i.state !== "running" && i.state !== "pending");
  expect(done).toBeTruthy();
  return done!.recordId;
}

test.describe("point 7: tasks CodeArts is sure to refuse", () => {
  for (const [label, app, block, code] of [
    ["a draft task that has never run", draft, "draft", "Deploy.00011042"],
    ["a pipeline-only task", pipelineOnly, "pipeline_only", "Deploy.00016004"],
  ] as const) {
    test(`${label}: said on the picker row and the task page, Deploy disabled with the reason`, async ({ page, sim }) => {
      await page.goto(`/apps?q=${encodeURIComponent(app.name)}`);
      const row = page.locator(`[data-testid="app-row"][data-task-id="${app.taskId}"]`);
      await expect(row).toHaveAttribute("data-start-block", block);
      await expect(row.getByTestId("app-refused")).toHaveAttribute("data-block", block);
      await expect(row.getByTestId("app-refused-reason")).toContainText(code);

      await page.goto(`/tasks/${app.taskId}`);
      await expect(page.getByTestId("task-start-block")).toHaveAttribute("data-block", block);
      await expect(page.getByTestId("task-start-block")).toContainText(code);
      const button = page.getByTestId("deploy-button");
      await expect(button).toBeDisabled();
      const reason = page.getByTestId("deploy-blocked-reason");
      await expect(reason).toHaveAttribute("data-block", block);
      await expect(reason).toContainText(code);
      await expect(button).toHaveAttribute("aria-describedby", (await reason.getAttribute("id"))!);
      expect((await sim.calls()).starts).toHaveLength(0);
    });
  }

  test.describe("as an admin", () => {
    test.use({ storageState: USERS.admin.state });

    test("a disabled app: said on the picker row and the task page, Deploy disabled with the reason", async ({ page, sim }) => {
      await page.goto(`/apps?q=${encodeURIComponent(disabled.name)}`);
      const row = page.locator(`[data-testid="app-row"][data-task-id="${disabled.taskId}"]`);
      await expect(row).toHaveAttribute("data-start-block", "disabled");
      await expect(row.getByTestId("app-disabled")).toBeVisible();
      await expect(row.getByTestId("app-refused-reason")).toContainText(/disabled/i);

      await page.goto(`/tasks/${disabled.taskId}`);
      await expect(page.getByTestId("task-start-block")).toHaveAttribute("data-block", "disabled");
      await expect(page.getByTestId("deploy-button")).toBeDisabled();
      await expect(page.getByTestId("deploy-blocked-reason")).toHaveAttribute("data-block", "disabled");

      // A finished record of it offers no redeploy or rollback either.
      await page.goto(`/tasks/${disabled.taskId}/records/${await finishedRecordOf(page, disabled.taskId)}`);
      await expect(page.getByTestId("record-actions-blocked")).toHaveAttribute("data-block", "disabled");
      await expect(page.getByTestId("redeploy-same")).toBeDisabled();
      expect((await sim.calls()).starts).toHaveLength(0);
    });
  });

  test("a task anyone may start is offered as before", async ({ page }) => {
    await page.goto(`/apps?q=${encodeURIComponent(orders.name)}`);
    await expect(page.locator(`[data-testid="app-row"][data-task-id="${orders.taskId}"]`)).toHaveAttribute("data-start-block", "");
    await page.goto(`/tasks/${orders.taskId}`);
    await expect(page.getByTestId("param-row").first()).toBeVisible();
    await expect(page.getByTestId("deploy-button")).toBeEnabled();
    await expect(page.getByTestId("task-start-block")).toHaveCount(0);
  });
});

test.describe("points 8 and 9: a secret is kept by default; a kept secret has one label", () => {
  test("a redeploy link with confirm=1 of a task with a secret opens the confirmation at once and keeps the stored value", async ({ page, sim }) => {
    const source = await finishedRecordOf(page, orders.taskId);
    await page.goto(`/tasks/${orders.taskId}/records/${source}`);
    await page.getByTestId("redeploy-same").click();
    const dialog = page.getByTestId("confirm-dialog");
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId("confirm-target")).toHaveAttribute("data-record-id", source);
    await expect(page.getByTestId("row-error")).toHaveCount(0);
    await expect(dialog.locator('[data-testid="param-change"][data-key="db_password"]')).toHaveAttribute("data-status", "kept");
    await expect(dialog.getByTestId("kept-secrets")).toContainText("db_password");
    await dialog.getByTestId("confirm-button").click();
    await expect(page).toHaveURL(new RegExp(`/tasks/${orders.taskId}/records/[0-9a-z]{32}$`));
    const sent = (await sim.calls()).starts[0]!.body as { params: { key: string }[] };
    // Kept: not sent, so CodeArts uses the value it stores.
    expect(sent.params.map((p) => p.key)).not.toContain("db_password");
  });

  test("the first Roll back click after picking a target opens the confirmation, the secret kept", async ({ page }) => {
    await page.goto(`/tasks/${orders.taskId}`);
    const target = page.getByTestId("rollback-picker").getByTestId("rollback-record").nth(2);
    const targetId = (await target.getAttribute("data-record-id"))!;
    await target.click();
    await expect(rowOf(page, "db_password").getByTestId("param-keep")).toBeChecked();
    await expect(rowOf(page, "db_password").getByTestId("param-origin")).toHaveAttribute("data-origin", "stored");
    await page.getByTestId("deploy-button").click();
    const dialog = page.getByTestId("confirm-dialog");
    await expect(dialog.getByTestId("confirm-target")).toHaveAttribute("data-record-id", targetId);
    await expect(page.getByTestId("row-error")).toHaveCount(0);
  });

  test("a kept secret reads the same whether or not the console started the latest record", async ({ page }) => {
    const keptLabel = async () => {
      await page.goto(`/tasks/${orders.taskId}`);
      await expect(rowOf(page, "db_password").getByTestId("param-keep")).toBeChecked();
      await page.getByTestId("deploy-button").click();
      const change = page.getByTestId("confirm-dialog").locator('[data-testid="param-change"][data-key="db_password"]');
      await expect(change).toHaveAttribute("data-secret-status", "kept");
      return { status: await change.getAttribute("data-status"), text: (await change.innerText()).trim() };
    };
    // The seed's latest record was started outside the console: no fingerprint known.
    const outside = await keptLabel();
    expect(outside.status).toBe("kept");
    await page.getByTestId("confirm-dialog").getByTestId("confirm-button").click();
    await expect(page.getByTestId("record-state")).toHaveAttribute("data-state", /succeeded|failed/, { timeout: 40_000 });
    // Now the latest record was started through the console, keeping the secret.
    const viaConsole = await keptLabel();
    expect(viaConsole).toEqual(outside);
  });
});

test.describe("point 10: what this user may do", () => {
  test.describe("as a viewer", () => {
    test.use({ storageState: USERS.viewer.state });

    test("the task says the viewer may only view; a record's redeploy and rollback are disabled with the reason", async ({ page }) => {
      await page.goto(`/tasks/${orders.taskId}`);
      const access = page.getByTestId("your-access");
      await expect(access).toHaveAttribute("data-can-deploy", "false");
      await expect(access).toContainText(/viewer/i);
      await expect(access).toContainText(/not start/i);
      await expect(page.getByTestId("trigger-restriction")).not.toContainText(/anyone may/i);

      await page.goto(`/tasks/${orders.taskId}/records/${await finishedRecordOf(page, orders.taskId)}`);
      await expect(page.getByTestId("record-actions-blocked")).toHaveAttribute("data-block", "denied");
      await expect(page.getByTestId("record-actions-blocked")).toContainText(/deployer/i);
      for (const id of ["redeploy-same", "redeploy-edit", "rollback-to"]) {
        await expect(page.getByTestId(id)).toBeDisabled();
        await expect(page.getByTestId(id)).not.toHaveAttribute("href", /.*/);
      }
    });
  });

  test("a deployer reads that they may deploy and gets the record's links", async ({ page }) => {
    await page.goto(`/tasks/${orders.taskId}`);
    await expect(page.getByTestId("your-access")).toHaveAttribute("data-can-deploy", "true");
    await page.goto(`/tasks/${orders.taskId}/records/${await finishedRecordOf(page, orders.taskId)}`);
    await expect(page.getByTestId("redeploy-same")).toHaveAttribute("href", /from=.*&confirm=1$/);
    await expect(page.getByTestId("record-actions-blocked")).toHaveCount(0);
  });
});

test.describe("point 11: one name per parameter type", () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  /** Each type select: its chosen label fits (Chromium draws the arrow beside the padding, so both are counted). */
  async function selectOverflow(page: Page): Promise<{ label: string; need: number; have: number }[]> {
    return page.getByTestId("param-type").evaluateAll((els) =>
      els.flatMap((el) => {
        const select = el as HTMLSelectElement;
        const style = getComputedStyle(select);
        const ctx = document.createElement("canvas").getContext("2d")!;
        ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const label = select.selectedOptions[0]?.text ?? "";
        const arrow = 20;
        const need = ctx.measureText(label).width + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight) + arrow;
        return need > select.clientWidth ? [{ label, need, have: select.clientWidth }] : [];
      }),
    );
  }

  test("the record page names types as the form does, and no type label is cut at 1280 px", async ({ page }) => {
    await page.goto(`/tasks/${orders.taskId}`);
    await expect(rowOf(page, "host_group").getByTestId("param-type")).toHaveValue("host_group");
    const formLabels = await page.getByTestId("param-type").first().locator("option").allInnerTexts();
    expect(formLabels).toEqual(["Text", "Enum", "Environment", "Secret"]);
    expect(await selectOverflow(page)).toEqual([]);

    await page.goto(`/tasks/${orders.taskId}/records/${await finishedRecordOf(page, orders.taskId)}`);
    const types = page.getByTestId("record-params").getByTestId("record-param-type");
    await expect(types.first()).toBeVisible();
    const shown = await types.allInnerTexts();
    for (const label of shown) expect(formLabels).toContain(label);
    expect(shown).toContain("Environment");
    expect(shown).toContain("Secret");
    for (const code of ["host_group", "encrypt", "text", "enum"]) expect(shown).not.toContain(code);
  });

  test.describe("in Chinese", () => {
    test.use({ locale: "zh-CN", extraHTTPHeaders: { "Accept-Language": "zh-CN,zh;q=0.9" } });

    test("the secret type is 密文 in the form, on the record page and in the messages around it", async ({ page }) => {
      await page.goto(`/tasks/${orders.taskId}`);
      const formLabels = await page.getByTestId("param-type").first().locator("option").allInnerTexts();
      expect(formLabels).toEqual(["文本", "枚举", "环境", "密文"]);
      expect(await selectOverflow(page)).toEqual([]);
      await expect(page.locator("main")).not.toContainText("加密");

      await page.goto(`/tasks/${orders.taskId}/records/${await finishedRecordOf(page, orders.taskId)}`);
      const types = page.getByTestId("record-params").getByTestId("record-param-type");
      await expect(types.first()).toBeVisible();
      expect(await types.allInnerTexts()).toContain("密文");
      await expect(page.locator("main")).not.toContainText("加密");
    });
  });
});
