/** The keyboard path to a deployment on the task page: few Tab presses, a shortcut, arrows that move only focus. */
import { SEED } from "../lib/codearts/simulator/seed";
import { expect, test } from "./fixtures";

const { orders } = SEED.apps;

test("from the page's first Tab, Deploy is a handful of presses away (skip link), and Ctrl+Enter opens the confirmation", async ({ page }) => {
  await page.goto(`/tasks/${orders.taskId}`);
  await expect(page.getByTestId("deploy-button")).toBeEnabled();
  await expect(page.getByTestId("deploy-shortcut")).toHaveText("Ctrl+Enter");
  let presses = 0;
  while (presses < 40 && !(await page.getByTestId("skip-to-deploy").evaluate((el) => el === document.activeElement))) {
    await page.keyboard.press("Tab");
    presses++;
  }
  await page.keyboard.press("Enter");
  presses++;
  await expect(page.getByTestId("deploy-button")).toBeFocused();
  // Was 44 Tab presses (ten history links came first); the header's links (brand, apps, requests, audit, API, tokens) come before the skip link.
  expect(presses).toBeLessThanOrEqual(14);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("confirm-dialog")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("confirm-dialog")).toBeHidden();

  // The shortcut, from wherever the focus is.
  await page.locator('[data-testid="param-row"][data-key="image_tag"]').getByTestId("param-value").focus();
  await page.keyboard.press("Control+Enter");
  await expect(page.getByTestId("confirm-dialog")).toBeVisible();
  await expect(page.getByTestId("deploy-button")).toHaveAttribute("aria-keyshortcuts", "Control+Enter Meta+Enter");
});

test("arrow keys in the history move the focus only; Space or Enter picks the record (and only then the rows change)", async ({ page }) => {
  await page.goto(`/tasks/${orders.taskId}`);
  const radios = page.getByTestId("rollback-record").locator('input[type="radio"]');
  await expect(radios.nth(2)).toBeVisible();
  const tag = page.locator('[data-testid="param-row"][data-key="image_tag"]').getByTestId("param-value");
  // The form is live (hydrated, rows prefilled from the last run) before the keys are pressed.
  await expect(page.getByTestId("deploy-button")).toBeEnabled();
  await expect(tag).toHaveValue(/.+/);
  const before = await tag.inputValue();
  await radios.first().focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(radios.nth(2)).toBeFocused();
  await expect(page.getByTestId("clear-rollback")).toHaveCount(0);
  await expect(radios.nth(2)).not.toBeChecked();
  expect(await tag.inputValue()).toBe(before);
  await page.keyboard.press("Space");
  await expect(radios.nth(2)).toBeChecked();
  await expect(page.getByTestId("rollback-params")).toBeVisible();
  // Enter on another focused record picks that one, without submitting the form.
  await page.keyboard.press("ArrowUp");
  await expect(radios.nth(1)).toBeFocused();
  await expect(radios.nth(2)).toBeChecked();
  await page.keyboard.press("Enter");
  await expect(radios.nth(1)).toBeChecked();
  await expect(page.getByTestId("confirm-dialog")).toBeHidden();
});
