/**
 * The admin page and the audit page in the browser (the admin API is covered by route-matrix and fuzz): lists,
 * add / edit / delete with confirmation, required fields, the own account's delete disabled; the audit table.
 */
import { SEED } from "../lib/codearts/simulator/seed";
import { CONSOLE_URL } from "../playwright.config";
import { expect, test } from "./fixtures";
import { USERS } from "./users";

test.use({ storageState: USERS.admin.state });

test("admin page: the four lists, a team added, renamed and deleted, a user added and deleted, protection dialogs", async ({ page }) => {
  await page.goto("/admin");
  for (const [id, caption] of [
    ["admin-users", "Users"],
    ["admin-teams", "Teams"],
    ["admin-grants", "Grants"],
    ["admin-protected", "Protected applications"],
  ] as const) {
    const section = page.getByTestId(id);
    await expect(section.getByRole("table", { name: caption })).toBeVisible();
    await expect(section.getByRole("columnheader", { name: "Actions" })).toHaveCount(1);
  }
  await expect(page.getByTestId("admin-user-row").first()).toBeVisible();
  await expect(page.getByTestId("admin-grant-row").first()).toBeVisible();
  await expect(page.getByTestId("admin-protected-row").first()).toBeVisible();
  await expect(page.getByTestId("admin-users").locator("th")).toHaveText(["User", /./, /./, /./, "Actions"]);

  // team: add, edit, delete
  const name = `smoke-${Date.now()}`;
  const teamForm = page.getByRole("form", { name: "Add a team" });
  await teamForm.getByRole("button", { name: "Add team" }).click();
  await expect(teamForm.locator("p.text-red-700")).toBeVisible();
  await page.getByTestId("admin-team-name").fill(name);
  await page.getByTestId("admin-team-submit").click();
  const row = page.locator(`[data-testid="admin-team-row"][data-team="${name}"]`);
  await expect(row).toBeVisible();
  await expect(page.getByText(`Team ${name} added.`).first()).toBeAttached();
  await row.getByRole("button", { name: `Edit team ${name}` }).click();
  await page.getByTestId("admin-team-edit-name").fill(`${name}-x`);
  await page.getByTestId("admin-team-save").click();
  const row2 = page.locator(`[data-testid="admin-team-row"][data-team="${name}-x"]`);
  await expect(row2).toBeVisible();

  await row2.getByRole("button", { name: `Delete team ${name}-x` }).click();
  const dialog = page.getByTestId("confirm-dialog");
  await expect(dialog).toContainText(`Delete team ${name}-x?`);
  await dialog.getByTestId("confirm-button").click();
  await expect(dialog).toHaveCount(0);
  await expect(row2).toHaveCount(0);
  await expect(page.getByText(`Team ${name}-x deleted.`).first()).toBeAttached();

  // user: add, delete
  const email = `smoke-${Date.now()}@e2e.test`;
  const userForm = page.getByRole("form", { name: "Add a local user" });
  await page.getByTestId("admin-user-email").fill(email);
  await page.getByTestId("admin-user-name").fill("Smoke");
  await page.getByTestId("admin-user-password").fill("smoke-password-0123456789");
  await userForm.getByRole("button", { name: "Add user" }).click();
  const urow = page.locator(`[data-testid="admin-user-row"][data-email="${email}"]`);
  await expect(urow).toBeVisible();
  await urow.getByRole("button", { name: `Delete ${email}` }).click();
  await page.getByTestId("confirm-dialog").getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("confirm-dialog")).toHaveCount(0);
  await urow.getByRole("button", { name: `Delete ${email}` }).click();
  await page.getByTestId("confirm-dialog").getByTestId("confirm-button").click();
  await expect(urow).toHaveCount(0);
  await expect(page.locator(`[data-testid="admin-user-row"][data-email="${USERS.admin.email}"]`).getByTestId("admin-user-delete")).toBeDisabled();

  // protected: open and cancel
  const prow = page.getByTestId("admin-protected-row").first();
  const app = await prow.getAttribute("data-app");
  await prow.getByRole("button", { name: `Unprotect ${app}` }).click();
  await expect(page.getByTestId("confirm-dialog")).toContainText(String(app));
  await page.getByTestId("confirm-dialog").getByRole("button", { name: "Cancel" }).click();
  await page.getByTestId("admin-protected-submit").click();
  await expect(page.getByRole("form", { name: "Protect an application" }).locator("p.text-red-700")).toBeVisible();
});

test("admin conflicts say what clashed, in the reader's language; the server's own words stay behind 'Original message'", async ({ page }) => {
  const name = `clash-${Date.now()}`;
  const r = await page.request.post("/api/admin/teams", { data: { name }, headers: { origin: CONSOLE_URL } });
  expect(r.status()).toBe(201);
  await page.goto("/admin");
  await page.getByTestId("admin-team-name").fill(name);
  await page.getByTestId("admin-team-submit").click();
  const alert = page.getByRole("form", { name: "Add a team" }).getByTestId("error-alert");
  await expect(alert.getByTestId("error-title")).toHaveText(`A team named “${name}” already exists.`);
  await expect(alert).not.toContainText('OIDC group ""');
  const detail = alert.getByTestId("error-detail");
  await expect(detail).not.toHaveAttribute("open", "");
  await expect(detail.locator("p")).toBeHidden();

  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: CONSOLE_URL }]);
  await page.goto("/admin");
  await page.getByTestId("admin-team-name").fill(name);
  await page.getByTestId("admin-team-submit").click();
  await expect(page.getByTestId("error-alert").getByTestId("error-title")).toHaveText(`名为“${name}”的团队已存在。`);
  await expect(page.getByTestId("error-alert").getByTestId("error-detail").locator("summary")).toHaveText("原始消息");
});

test("audit page: a row with its columns, expanded to its details", async ({ page }) => {
  // At least one ledger row: a start of the draft app, refused upstream (nothing deploys).
  const r = await page.request.post(`/api/tasks/${SEED.apps.draft.taskId}/start`, { data: { params: [] }, headers: { origin: CONSOLE_URL } });
  expect(r.status()).toBe(422);
  await page.goto("/audit");
  const table = page.getByTestId("audit-table");
  await expect(table).toBeVisible();
  await expect(table.locator("thead th")).toHaveCount(10);
  const first = page.getByTestId("audit-row").first();
  await expect(first.locator("td")).toHaveCount(10);
  await first.getByTestId("audit-row-toggle").click();
  await expect(page.getByTestId("audit-row-detail")).toBeVisible();
});

test("audit page: one row per attempt with how it ended, its ledger rows in the details; every row on request", async ({ page }) => {
  const task = SEED.apps.draft.taskId;
  const r = await page.request.post(`/api/tasks/${task}/start`, { data: { params: [] }, headers: { origin: CONSOLE_URL } });
  expect(r.status()).toBe(422);
  await page.goto(`/audit?task=${task}&outcome=refused`);
  const rows = page.getByTestId("audit-row");
  await expect(rows.first()).toBeVisible();
  // The attempt reads as it ended (refused), not as two rows (requested, then refused).
  await expect(rows.first()).toHaveAttribute("data-phase", "refused");
  await expect(page.getByTestId("audit-total")).toHaveText(/^\d+ matching attempts?$/);
  const attempts = await rows.count();
  await rows.first().getByTestId("audit-row-toggle").click();
  await expect(page.getByTestId("audit-attempt-rows").locator("li")).toHaveCount(2);
  await expect(page.getByTestId("audit-attempt-rows").locator("li").first()).toHaveAttribute("data-phase", "requested");
  // The list names its total once; the pager shows the range.
  await expect(page.getByRole("navigation", { name: "Audit pages" })).toContainText(`1–${attempts} of ${attempts}`);
  // Every ledger row: the refused outcome rows only (the outcome filter is on the row now).
  await page.getByTestId("audit-view-rows").click();
  await expect(page).toHaveURL(/view=rows/);
  await expect(page.getByTestId("audit-total")).toHaveText(/matching entr/);
  await expect(rows.first()).toHaveAttribute("data-phase", "refused");
});

test("audit page: a filter in the link that cannot be read is said, not silently dropped, and nothing is shown", async ({ page }) => {
  await page.goto("/audit?task=not-a-task&action=deploy&user=ada");
  const alert = page.getByTestId("audit-bad-filters");
  await expect(alert).toBeVisible();
  await expect(alert).toContainText("Task ID: “not-a-task” is not a value it can take.");
  await expect(alert).toContainText("Action: “deploy” is not a value it can take.");
  await expect(page.getByTestId("audit-table")).toHaveCount(0);
  await expect(page.getByTestId("audit-total")).toHaveText("Filters not applied");
  await page.getByTestId("audit-drop-bad-filters").click();
  await expect(page).toHaveURL(/\/audit\?user=ada$/);
  await expect(alert).toHaveCount(0);
  await expect(page.getByTestId("audit-total")).toHaveText(/matching attempt|No matching attempts/);
  // The same in Chinese.
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: CONSOLE_URL }]);
  await page.goto("/audit?from=2025-02-31");
  await expect(page.getByTestId("audit-bad-filters")).toContainText("“2025-02-31”不是有效的取值");
});

test("audit page: a link followed right after typing a filter is not cancelled by the filter's URL update", async ({ page }) => {
  for (let i = 0; i < 3; i++) {
    await page.goto("/audit");
    await expect(page.getByTestId("audit-filter-app")).toBeVisible();
    await page.getByTestId("audit-filter-app").fill("订单");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Applications" }).click();
    await expect(page).toHaveURL(/\/apps$/);
  }
});
