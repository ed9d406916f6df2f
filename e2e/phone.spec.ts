/**
 * Every page at phone width (390 × 844), in English and Chinese: no horizontal page scroll (wide tables scroll
 * inside their own box), and on the task page the deploy action is reachable without scrolling past the history.
 */
import type { Page } from "@playwright/test";
import { SEED } from "../lib/codearts/simulator/seed";
import { CONSOLE_URL } from "../playwright.config";
import { expect, test } from "./fixtures";
import { USERS } from "./users";

test.use({ viewport: { width: 390, height: 844 }, storageState: USERS.admin.state });

const { orders } = SEED.apps;

async function firstRecordOf(page: Page, taskId: string): Promise<string> {
  const r = await page.request.get(`/api/tasks/${taskId}/records?size=1`);
  const body = (await r.json()) as { items: { recordId: string }[] };
  return body.items[0]?.recordId ?? "";
}

/** How far the page reaches past the viewport's right edge (0 when nothing sticks out), and what sticks out. */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll<HTMLElement>("body *")]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && !el.closest("[data-scroll-box]"))
      .slice(0, 3)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className.toString().slice(0, 60)} (${Math.round(el.getBoundingClientRect().right)})`);
    return { by: document.documentElement.scrollWidth - width, wide };
  });

for (const locale of ["en", "zh-CN"] as const) {
  test(`no page scrolls sideways at 390 px (${locale})`, async ({ page }) => {
    await page.context().addCookies([{ name: "NEXT_LOCALE", value: locale, url: CONSOLE_URL }]);
    const record = await firstRecordOf(page, orders.taskId);
    for (const path of ["/apps", `/tasks/${orders.taskId}`, `/tasks/${orders.taskId}/records/${record}`, "/audit", "/admin"]) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      expect(await overflow(page), `${path} (${locale})`).toEqual({ by: 0, wide: [] });
    }
  });
}

test("the deploy action stays reachable on a phone: the submit bar is on screen before the history is scrolled past", async ({ page }) => {
  await page.goto(`/tasks/${orders.taskId}`);
  const button = page.getByTestId("deploy-button");
  await expect(button).toBeVisible();
  await expect(button).toBeInViewport();
  // Half-way down the page it is still there.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
  await expect(button).toBeInViewport();
});
