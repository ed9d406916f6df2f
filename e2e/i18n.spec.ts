import { SEED } from "../lib/codearts/simulator/seed";
import { expect, test } from "./fixtures";

test.describe("zh-CN", () => {
  test.use({ locale: "zh-CN", extraHTTPHeaders: { "Accept-Language": "zh-CN,zh;q=0.9" } });

  test("the console follows Accept-Language and speaks Chinese on every page", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("应用");
    await page.goto(`/tasks/${SEED.apps.orders.taskId}`);
    await expect(page.getByTestId("deploy-button")).toHaveText(/部署/);
  });
});

test("the language switcher changes the language and remembers it", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByTestId("lang-switcher").selectOption("zh-CN");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("应用");
  await page.getByTestId("lang-switcher").selectOption("en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Applications");
});
