/**
 * The in-console inbox, against the real server and the simulator: a viewer watches an app from its task page (and
 * one record from the record page), a deployer deploys through the API with no record page open, and the viewer's
 * header bell counts what the record watcher and the router put in their inbox — the start, then how it ended —
 * until they mark it read. Watching an app one may not see is refused. At 390 px and in Chinese too.
 */
import { randomBytes } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { SEED } from "../lib/codearts/simulator/seed";
import { CONSOLE_URL } from "../playwright.config";
import { apiAs, expect, test } from "./fixtures";
import { USERS } from "./users";

const { inventory, failing, search } = SEED.apps;
const origin = { origin: CONSOLE_URL };

/** A start through the console API, as a script would send it (no record page open anywhere). */
async function startVia(request: APIRequestContext, taskId: string): Promise<string> {
  const r = await request.post(`/api/tasks/${taskId}/start`, {
    headers: { "Idempotency-Key": `e2e-inbox-${randomBytes(8).toString("hex")}`, ...origin },
    data: { params: [] },
  });
  expect(r.status(), await r.text()).toBe(200);
  return ((await r.json()) as { id: string }).id;
}

/** The bell's count, as the server rendered it with the page (reloaded until it reaches `count`). */
async function expectBell(page: Page, count: number) {
  await expect
    .poll(
      async () => {
        await page.reload();
        return page.getByTestId("inbox-bell").getAttribute("data-unread");
      },
      { timeout: 45_000, intervals: [1_000] },
    )
    .toBe(String(count));
}

/** Reloads the inbox until an item of this kind (and record) is listed. */
async function expectItem(page: Page, kind: string, recordId: string) {
  const item = page.locator(`[data-testid="inbox-item"][data-kind="${kind}"]`).filter({ has: page.locator(`a[href$="/records/${recordId}"]`) });
  await expect
    .poll(
      async () => {
        await page.reload();
        return item.count();
      },
      { timeout: 45_000, intervals: [1_000] },
    )
    .toBe(1);
  return item;
}

async function resetViewer(playwright: Parameters<typeof apiAs>[0]) {
  const viewer = await apiAs(playwright, "viewer");
  for (const w of (await (await viewer.get("/api/me/watches")).json()) as { taskId: string; recordId: string | null }[]) {
    const r = await viewer.delete("/api/me/watches", { params: { taskId: w.taskId, ...(w.recordId ? { recordId: w.recordId } : {}) }, headers: origin });
    expect(r.status()).toBe(204);
  }
  expect((await viewer.post("/api/me/inbox/read", { data: {}, headers: origin })).status()).toBe(200);
  await viewer.dispose();
}

test.beforeEach(async ({ sim, playwright }) => {
  await sim.reset();
  await resetViewer(playwright);
});

test.afterEach(async ({ playwright }) => {
  await resetViewer(playwright);
});

test("watch an app, a deployer deploys it with no page open: the bell counts the start and the end, mark read brings it down", async ({
  browser,
  playwright,
}) => {
  test.setTimeout(150_000);
  const ctx = await browser.newContext({ storageState: USERS.viewer.state });
  const dev = await apiAs(playwright, "dev");
  try {
    const page = await ctx.newPage();
    // The viewer watches the app from its task page; the toggle keeps its name and says its state.
    await page.goto(`/tasks/${inventory.taskId}`);
    const toggle = page.getByTestId("watch-toggle");
    await expect(toggle).toHaveAttribute("data-watching", "false");
    await expect(toggle).toHaveAttribute("aria-pressed", "false");
    await toggle.click();
    await expect(toggle).toHaveAttribute("data-watching", "true");
    await expect(toggle).toHaveAttribute("aria-pressed", "true");
    await page.reload();
    await expect(page.getByTestId("watch-toggle")).toHaveAttribute("data-watching", "true");
    const bell = page.getByTestId("inbox-bell");
    await expect(bell).toHaveAttribute("data-unread", "0");
    await expect(page.getByTestId("inbox-bell-count")).toHaveCount(0);

    // The deployer starts it through the API; nobody has the record page open.
    const recordId = await startVia(dev, inventory.taskId);
    await page.goto("/apps");
    await expectBell(page, 1);
    await expect(bell).toHaveAttribute("aria-label", "1 unread notification");
    await expect(page.getByTestId("inbox-bell-count")).toHaveText("1");

    // The inbox lists the start: kind, app, who, and the link to the record.
    await bell.click();
    await expect(page).toHaveURL(/\/inbox$/);
    const started = await expectItem(page, "deploy.started", recordId);
    await expect(started).toHaveAttribute("data-read", "false");
    await expect(started).toContainText("Deployment started");
    await expect(started.getByTestId("inbox-item-app")).toHaveText(inventory.name);
    await expect(started.getByTestId("inbox-item-actor")).toHaveText(`by ${USERS.dev.name}`);
    await expect(started.locator("time")).toHaveAttribute("title", /UTC/);

    // The record watcher follows the record to its end: the outcome arrives too, with its state.
    const ended = await expectItem(page, "deploy.succeeded", recordId);
    await expect(ended.getByTestId("inbox-item-finish")).toHaveAttribute("data-state", "succeeded");
    await expect(ended).toContainText("Deployment succeeded");
    await expect(page.getByTestId("inbox-unread")).toHaveAttribute("data-count", "2");
    await expect(bell).toHaveAttribute("data-unread", "2");

    // Mark one read: the item and the bell follow at once (the header is re-rendered on the server).
    await started.getByTestId("inbox-item-read").click();
    await expect(started).toHaveAttribute("data-read", "true");
    await expect(page.getByTestId("inbox-unread")).toHaveAttribute("data-count", "1");
    await expect(bell).toHaveAttribute("data-unread", "1");
    await page.getByTestId("inbox-tab-unread").click();
    await expect(page.getByTestId("inbox-item")).toHaveCount(1);
    await expect(page.getByTestId("inbox-item")).toHaveAttribute("data-kind", "deploy.succeeded");

    // Mark all read: nothing unread, no badge; the items stay listed under "All".
    await page.getByTestId("inbox-read-all").click();
    await expect(bell).toHaveAttribute("data-unread", "0");
    await expect(page.getByTestId("inbox-bell-count")).toHaveCount(0);
    await expect(page.getByTestId("inbox-empty")).toBeVisible();
    await page.getByTestId("inbox-tab-all").click();
    await expect(page.locator('[data-testid="inbox-item"][data-read="false"]')).toHaveCount(0);
    await page.reload();
    await expect(bell).toHaveAttribute("data-unread", "0");

    // The link opens the record page.
    await page.locator(`[data-testid="inbox-item"][data-kind="deploy.succeeded"]`).getByTestId("inbox-item-link").click();
    await expect(page).toHaveURL(new RegExp(`/tasks/${inventory.taskId}/records/${recordId}$`));
  } finally {
    await dev.dispose();
    await ctx.close();
  }
});

test("watch one record from its page: its end reaches the inbox; an app one may not see cannot be watched", async ({ browser, playwright }) => {
  test.setTimeout(150_000);
  const ctx = await browser.newContext({ storageState: USERS.viewer.state });
  const dev = await apiAs(playwright, "dev");
  try {
    // dev@ may not see search-indexer: watching it is refused, and nothing is stored.
    const refused = await dev.put("/api/me/watches", { data: { taskId: search.taskId }, headers: origin });
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    const devWatches = (await (await dev.get("/api/me/watches")).json()) as { taskId: string }[];
    expect(devWatches.some((w) => w.taskId === search.taskId)).toBe(false);

    // A deployment that fails; the viewer watches that record (not the app) from the record page while it runs.
    const recordId = await startVia(dev, failing.taskId);
    const page = await ctx.newPage();
    await page.goto(`/tasks/${failing.taskId}/records/${recordId}`);
    const toggle = page.getByTestId("watch-toggle");
    await expect(toggle).toHaveText("Watch this record");
    await toggle.click();
    await expect(toggle).toHaveAttribute("data-watching", "true");
    const viewer = await apiAs(playwright, "viewer");
    const watches = (await (await viewer.get("/api/me/watches")).json()) as { taskId: string; recordId: string | null }[];
    await viewer.dispose();
    expect(watches).toEqual([expect.objectContaining({ taskId: failing.taskId, recordId })]);

    await page.goto("/inbox");
    const ended = await expectItem(page, "deploy.failed", recordId);
    await expect(ended.getByTestId("inbox-item-finish")).toHaveAttribute("data-state", "failed");
    await expect(ended.getByTestId("inbox-item-actor")).toHaveText(`by ${USERS.dev.name}`);

    // Stop watching it from the record page.
    await page.goto(`/tasks/${failing.taskId}/records/${recordId}`);
    await expect(toggle).toHaveAttribute("data-watching", "true");
    await toggle.click();
    await expect(toggle).toHaveAttribute("data-watching", "false");
    await page.reload();
    await expect(page.getByTestId("watch-toggle")).toHaveAttribute("data-watching", "false");
  } finally {
    await dev.dispose();
    await ctx.close();
  }
});

test("at 390 px and in Chinese: the bell, the inbox and the Watch toggle fit", async ({ browser }) => {
  const ctx = await browser.newContext({ storageState: USERS.viewer.state, viewport: { width: 390, height: 844 } });
  try {
    await ctx.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: CONSOLE_URL }]);
    const page = await ctx.newPage();
    const noOverflow = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    await page.goto(`/tasks/${inventory.taskId}`);
    await expect(page.getByTestId("watch-toggle")).toHaveText("关注");
    await expect(page.getByTestId("inbox-bell")).toBeVisible();
    await expect(page.getByTestId("inbox-bell")).toHaveAttribute("aria-label", "通知，没有未读");
    expect(await noOverflow()).toBe(true);
    await page.getByTestId("inbox-bell").click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("通知");
    await expect(page.getByTestId("inbox-read-all")).toHaveText("全部标为已读");
    expect(await noOverflow()).toBe(true);
  } finally {
    await ctx.close();
  }
});
