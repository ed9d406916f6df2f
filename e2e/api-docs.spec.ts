/**
 * The API reference page: reached from the header, one entry per operation of the document GET /api/openapi.json
 * serves (which needs no session), in both languages and on a phone without sideways scrolling.
 */
import { expect, test } from "./fixtures";

test("the API page lists every operation of the OpenAPI document and links to it", async ({ page, request }) => {
  const doc = (await (await request.get("/api/openapi.json", { headers: { cookie: "" } })).json()) as { openapi: string; paths: Record<string, object> };
  expect(doc.openapi).toBe("3.1.0");
  const operations = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0);

  await page.goto("/apps");
  await page.getByTestId("nav-api").click();
  await expect(page).toHaveURL(/\/api-docs$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("API reference");
  await expect(page.getByTestId("api-operation")).toHaveCount(operations);
  const start = page.getByTestId("api-operation").filter({ hasText: "/api/tasks/{taskId}/start" }).filter({ hasText: "post" });
  await start.locator("summary").click();
  await expect(start).toContainText("Idempotency-Key");
  await expect(start).toContainText(/423.*task_locked/);
  await expect(page.getByTestId("openapi-link")).toHaveAttribute("href", "/api/openapi.json");
});

test.describe("zh-CN on a phone", () => {
  test.use({ locale: "zh-CN", extraHTTPHeaders: { "Accept-Language": "zh-CN,zh;q=0.9" }, viewport: { width: 390, height: 844 } });

  test("the API page speaks Chinese and fits 390 px", async ({ page }) => {
    await page.goto("/api-docs");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("API 参考");
    await page.getByTestId("api-operation").first().locator("summary").click();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
