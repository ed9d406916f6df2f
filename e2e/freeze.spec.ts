/**
 * Freeze windows in the browser and through the API: an admin defines a window covering now in /admin (with the
 * preview of its occurrences), a deployer is refused before and after pressing anything (the window named, in
 * both languages and at phone width), an admin overrides it with a reason, and the record and the audit label it.
 */
import { SEED } from "../lib/codearts/simulator/seed";
import { CONSOLE_URL } from "../playwright.config";
import { apiAs, expect, test } from "./fixtures";
import { USERS } from "./users";

const app = SEED.apps.favourite;
const NAME = "e2e release weekend";

/** A datetime-local reading of an instant in Asia/Shanghai (the zone the admin picks in the form). */
const shanghai = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16);

// Whatever a test leaves behind, the next one (and every other spec) starts with no windows.
test.afterEach(async ({ playwright }) => {
  const admin = await apiAs(playwright, "admin");
  const windows = (await (await admin.get("/api/admin/freeze-windows")).json()) as { id: string }[];
  for (const w of windows) await admin.delete(`/api/admin/freeze-windows/${w.id}`);
  await admin.dispose();
});

test("an admin freezes deployments; a deployer is refused with the window named; the admin overrides with a reason", async ({ page, browser, sim }) => {
  await sim.reset();
  const adminCtx = await browser.newContext({ storageState: USERS.admin.state });
  try {
    const admin = await adminCtx.newPage();
    await admin.goto("/admin#freeze");
    const section = admin.getByTestId("admin-freeze");
    await expect(section.getByRole("table", { name: "Freeze windows" }).or(section.getByText("No freeze windows"))).toBeVisible();

    // A one-off window from an hour ago to two hours ahead, in Shanghai time, for every app.
    await admin.getByTestId("admin-freeze-name").fill(NAME);
    await admin.getByTestId("admin-freeze-zone").fill("Asia/Shanghai");
    await admin.getByTestId("admin-freeze-kind").selectOption("once");
    const now = Date.now();
    await admin.getByTestId("admin-freeze-from").fill(shanghai(now - 3_600_000));
    await admin.getByTestId("admin-freeze-to").fill(shanghai(now + 2 * 3_600_000));
    // The preview (asked of the server as the form changes) shows the occurrence before it is saved.
    await expect(admin.getByTestId("admin-freeze-occurrence")).toHaveCount(1);
    await admin.getByTestId("admin-freeze-submit").click();
    const row = section.locator(`[data-testid="admin-freeze-row"][data-name="${NAME}"]`);
    await expect(row).toHaveAttribute("data-active", "true");
    await expect(row.getByTestId("admin-freeze-active")).toHaveText("In force");
    await expect(row).toContainText("Asia/Shanghai");

    // The deployer's task page says it before anything is filled in, and the Deploy button stands disabled.
    await page.goto(`/tasks/${app.taskId}`);
    const notice = page.getByTestId("freeze-notice");
    await expect(notice).toHaveAttribute("data-active", "true");
    await expect(notice).toContainText(`“${NAME}” until`);
    await expect(notice).toContainText("Only rollbacks may be started now");
    await expect(notice.getByTestId("freeze-can-override")).toHaveCount(0);
    await expect(page.getByTestId("deploy-button")).toBeDisabled();
    await expect(page.getByTestId("deploy-blocked-reason")).toContainText(`Deployments are frozen by “${NAME}” until`);

    // The API refuses the same (423 naming the window), and the cloud is not called.
    const before = (await sim.calls()).starts.length;
    const refused = await page.request.post(`/api/tasks/${app.taskId}/start`, { data: { params: [] }, headers: { origin: CONSOLE_URL } });
    expect(refused.status()).toBe(423);
    const body = (await refused.json()) as { error: { code: string; message: string; freeze: { active: { name: string }[]; canOverride: boolean } } };
    expect(body.error).toMatchObject({ code: "change_freeze", freeze: { active: [{ name: NAME }], canOverride: false } });
    expect(body.error.message).toContain(`“${NAME}”`);
    // Asking to override without the right is refused too.
    const override = await page.request.post(`/api/tasks/${app.taskId}/start`, {
      data: { params: [], override_freeze: true, reason: "let me" },
      headers: { origin: CONSOLE_URL },
    });
    expect(override.status()).toBe(403);
    expect((await sim.calls()).starts.length).toBe(before);

    // A record of the task: redeploys stand disabled, "roll back to" stays (the window lets rollbacks through).
    const records = (await (await page.request.get(`/api/tasks/${app.taskId}/records`)).json()) as { items: { recordId: string }[] };
    await page.goto(`/tasks/${app.taskId}/records/${records.items[0]!.recordId}`);
    await expect(page.getByTestId("record-actions-blocked")).toHaveAttribute("data-block", "frozen");
    await expect(page.getByTestId("redeploy-same")).toBeDisabled();
    await expect(page.getByTestId("rollback-to")).toHaveAttribute("href", /record=/);

    // In Chinese, and at phone width: the notice is there and fits.
    await page.context().addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: CONSOLE_URL }]);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/tasks/${app.taskId}`);
    await expect(page.getByTestId("freeze-notice")).toContainText("部署已冻结");
    await expect(page.getByTestId("deploy-blocked-reason")).toContainText(`部署已被 “${NAME}” 冻结`);
    const box = (await page.getByTestId("freeze-notice").boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: CONSOLE_URL }]);

    // The admin may deploy anyway: the confirmation asks for the override and a reason.
    await admin.goto(`/tasks/${app.taskId}`);
    await expect(admin.getByTestId("freeze-can-override")).toBeVisible();
    await admin.getByTestId("deploy-button").click();
    const dialog = admin.getByTestId("confirm-dialog");
    await expect(dialog.getByTestId("freeze-override")).toContainText(`“${NAME}”`);
    const confirm = dialog.getByTestId("confirm-button");
    await expect(confirm).toBeDisabled();
    await dialog.getByTestId("confirm-reason").fill("e2e: hotfix for INC-42 cannot wait");
    await expect(confirm).toBeDisabled();
    await dialog.getByTestId("freeze-override-check").check();
    await confirm.click();
    await expect(admin).toHaveURL(new RegExp(`/tasks/${app.taskId}/records/[0-9a-z]{32}$`));
    expect((await sim.calls()).starts.length).toBe(before + 1);

    // The record's ledger and the audit label the override, naming the window.
    await expect(admin.getByTestId("record-ledger").getByTestId("ledger-freeze-override").first()).toContainText(`Freeze override: “${NAME}”`);
    await admin.goto(`/audit?task=${app.taskId}&view=rows`);
    await expect(admin.getByTestId("ledger-freeze-override").first()).toContainText(NAME);
    const text = (await admin.getByTestId("audit-table").textContent()) ?? "";
    expect(text).toContain("e2e: hotfix for INC-42 cannot wait");

    // Deleting the window lifts the freeze.
    await admin.goto("/admin#freeze");
    await row.getByTestId("admin-freeze-delete").click();
    await admin.getByRole("dialog").getByRole("button", { name: "Delete window" }).click();
    await expect(row).toHaveCount(0);
    await page.goto(`/tasks/${app.taskId}`);
    await expect(page.getByTestId("freeze-notice")).toHaveCount(0);
  } finally {
    await adminCtx.close();
  }
});

test("bad windows are refused naming the field and change nothing; the preview names the problem as it is typed", async ({ playwright, browser }) => {
  const admin = await apiAs(playwright, "admin");
  try {
    const bad = [
      [{ name: "x", timeZone: "Mars/Olympus", schedule: { kind: "cron", cron: "0 2 * * *", durationMinutes: 60 }, scope: { kind: "all" } }, ["timeZone"]],
      [{ name: "x", timeZone: "UTC", schedule: { kind: "cron", cron: "61 2 * * *", durationMinutes: 60 }, scope: { kind: "all" } }, ["schedule", "cron"]],
      [
        { name: "x", timeZone: "UTC", schedule: { kind: "once", from: "2027-01-02T00:00:00Z", to: "2027-01-01T00:00:00Z" }, scope: { kind: "all" } },
        ["schedule", "to"],
      ],
    ] as const;
    for (const [data, path] of bad) {
      const r = await admin.post("/api/admin/freeze-windows", { data });
      expect(r.status()).toBe(400);
      const body = (await r.json()) as { error: { code: string; issues: { path: string[] }[] } };
      expect(body.error.code).toBe("validation_failed");
      expect(body.error.issues[0]!.path).toEqual(path);
    }
    expect(await (await admin.get("/api/admin/freeze-windows")).json()).toEqual([]);
  } finally {
    await admin.dispose();
  }

  const ctx = await browser.newContext({ storageState: USERS.admin.state });
  try {
    const page = await ctx.newPage();
    await page.goto("/admin#freeze");
    await page.getByTestId("admin-freeze-kind").selectOption("cron");
    await page.getByTestId("admin-freeze-cron").fill("0 25 * * *");
    await expect(page.getByTestId("admin-freeze-preview-error")).toContainText("schedule.cron");
    await page.getByTestId("admin-freeze-cron").fill("0 2 * * 1-5");
    await expect(page.getByTestId("admin-freeze-occurrence")).toHaveCount(5);
  } finally {
    await ctx.close();
  }
});
