#!/usr/bin/env node
// Screenshots for the README (docs/*.png) from a console running in demo mode: `npm start`, then
// `node scripts/screenshots.mjs [--record]`. Signs in through the sign-in page as dev@demo.local.
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./chromium-args.mjs";

const base = process.env.CONSOLE_URL ?? "http://localhost:3000";
const out = process.env.SCREENSHOT_DIR ?? "docs";
const email = process.env.SCREENSHOT_USER ?? "dev@demo.local";
const password = process.env.DEMO_PASSWORD ?? "codearts-demo";

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US", timezoneId: "Asia/Shanghai" });
const page = await context.newPage();
await page.goto(`${base}/sign-in`);
await page.getByTestId("signin-email").fill(email);
await page.getByTestId("signin-password").fill(password);
await page.getByTestId("signin-submit").click();
await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));

const shot = async (path, file, ready) => {
  await page.goto(`${base}${path}`);
  await page.waitForLoadState("networkidle");
  if (ready) await ready();
  await page.screenshot({ path: `${out}/${file}` });
  console.log(`${out}/${file}`);
};

const apps = await (await page.request.get(`${base}/api/apps?size=100`)).json();
const orders = apps.items.find((a) => a.name === "订单服务");
await shot("/apps", "apps-page.png");
await shot(`/tasks/${orders.taskId}`, "task-page.png", () => page.getByTestId("param-row").first().waitFor());
if (process.argv.includes("--record")) {
  // Secrets keep their stored values unless typed again.
  await page.getByTestId("deploy-button").click();
  await page.getByTestId("confirm-button").click();
  await page.waitForURL(/\/records\//);
  await page.locator('[data-testid="record-state"][data-state="succeeded"]').waitFor({ timeout: 60_000 });
  await page.screenshot({ path: `${out}/record-page.png` });
  console.log(`${out}/record-page.png`);
  await shot("/audit", "audit-page.png", () => page.getByTestId("audit-row").first().waitFor());
  // A rollback's confirmation: the target named, the diff against the latest record, the reason asked for.
  await shot(`/tasks/${orders.taskId}`, "rollback-dialog.png", async () => {
    await page.getByTestId("rollback-record").nth(2).click();
    await page.locator('[data-testid="param-row"][data-key="image_tag"] [data-origin="record"]').waitFor();
    await page.locator('[data-testid="param-row"][data-key="image_tag"] [data-testid="param-value"]').fill("v2.8.0-hotfix");
    const secret = page.locator('[data-testid="param-row"]').filter({ has: page.locator('input[type="password"]') });
    for (const row of await secret.all()) await row.getByTestId("param-keep").check();
    await page.getByTestId("deploy-button").click();
    await page.getByTestId("param-diff").waitFor();
    await page.getByTestId("confirm-reason").fill("v2.9.0 breaks the checkout flow");
  });
}
await browser.close();
