#!/usr/bin/env node
// Screenshots for the README (docs/*.png) from a running console: `npm start`, then `node scripts/screenshots.mjs`.
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./chromium-args.mjs";

const base = process.env.CONSOLE_URL ?? "http://localhost:3000";
const out = process.env.SCREENSHOT_DIR ?? "docs";
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: CHROMIUM_ARGS,
});
const shoot = async (locale, path, file, prepare) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale, timezoneId: "Asia/Shanghai" });
  await page.goto(`${base}${path}`);
  await page.waitForLoadState("networkidle");
  if (prepare) await prepare(page);
  await page.screenshot({ path: `${out}/${file}`, fullPage: false });
  await page.close();
  console.log(`${out}/${file}`);
};
const apps = await (await fetch(`${base}/api/apps?size=100`)).json();
const orders = apps.items.find((a) => a.name === "订单服务");
await shoot("en-US", "/apps", "apps-page.png");
await shoot("en-US", `/tasks/${orders.taskId}`, "task-page.png", (p) => p.getByTestId("param-row").first().waitFor());
await shoot("zh-CN", `/tasks/${orders.taskId}`, "task-page-zh.png", (p) => p.getByTestId("param-row").first().waitFor());
if (process.argv.includes("--record")) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "en-US" });
  await page.goto(`${base}/tasks/${orders.taskId}`);
  for (const s of await page.locator('[data-testid="param-row"] input[type="password"]').all()) await s.fill("demo-secret");
  await page.getByTestId("deploy-button").click();
  await page.getByTestId("confirm-button").click();
  await page.waitForURL(/\/records\//);
  await page.getByTestId("record-state").and(page.locator('[data-state="succeeded"]')).waitFor({ timeout: 60_000 });
  await page.screenshot({ path: `${out}/record-page.png` });
  console.log(`${out}/record-page.png`);
}
await browser.close();
