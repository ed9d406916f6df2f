/**
 * Every page at phone width (390 × 844), in English and Chinese: no horizontal page scroll (wide tables scroll
 * inside their own box), and on the task page the deploy action is reachable without scrolling past the history.
 */
import type { Page } from "@playwright/test";
import { SEED } from "../lib/codearts/simulator/seed";
import { CONSOLE_URL } from "../playwright.config";
import { apiAs, expect, test } from "./fixtures";
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

/**
 * A request by dev that the admin may decide, written the way people do: a reason and a value without a space
 * for 120 characters, which must wrap rather than widen the page.
 */
async function requestByDev(playwright: Parameters<typeof apiAs>[0]): Promise<string> {
  const dev = await apiAs(playwright, "dev");
  const r = await dev.post(`/api/tasks/${orders.taskId}/requests`, {
    data: {
      params: [{ key: "image_tag", value: `registry.example.com/orders/${"x".repeat(120)}`, type: "text" }],
      reason: `e2e-phone:${"y".repeat(120)}`,
    },
    headers: { origin: CONSOLE_URL },
  });
  expect(r.status()).toBe(202);
  const { id } = (await r.json()) as { id: string };
  await dev.dispose();
  return id;
}

for (const locale of ["en", "zh-CN"] as const) {
  test(`no page scrolls sideways at 390 px (${locale})`, async ({ page, playwright }) => {
    await page.context().addCookies([{ name: "NEXT_LOCALE", value: locale, url: CONSOLE_URL }]);
    const record = await firstRecordOf(page, orders.taskId);
    const request = await requestByDev(playwright);
    const paths = ["/apps", `/tasks/${orders.taskId}`, `/tasks/${orders.taskId}/records/${record}`, "/audit", "/admin", "/requests", `/requests/${request}`];
    for (const path of paths) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      expect(await overflow(page), `${path} (${locale})`).toEqual({ by: 0, wide: [] });
    }
    // Decided, so no later page lists it as waiting.
    expect((await page.request.post(`/api/requests/${request}/reject`, { data: { comment: "e2e: phone" }, headers: { origin: CONSOLE_URL } })).status()).toBe(
      200,
    );
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
