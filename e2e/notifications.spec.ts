/**
 * Notifications end to end, in the browser as an admin, against local HTTPS receivers that check each request as
 * the platform would (lib/server/notify/testing): the console runs in cloud mode, where a channel URL must be
 * https. Four channels (Feishu and DingTalk signed, WeCom, a Standard Webhooks endpoint), each answering a test
 * message; a deployment started with no page of it open reaches each receiver exactly once per event, naming the
 * person and linking the record; a receiver that is down is retried after the back-off; a dead letter goes out by
 * "retry now"; bad input is refused naming the field.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { SEED } from "../lib/codearts/simulator/seed";
import { type Receiver, type ReceiverKind, startReceiver } from "../lib/server/notify/testing/receivers";
import { CONSOLE_URL, E2E_TLS } from "../playwright.config";
import { apiAs, expect, test } from "./fixtures";
import { EVENTS, channelIds, channelRow, deliveriesOf, deploy, kindOf } from "./notify-helpers";
import { USERS } from "./users";

test.use({ storageState: USERS.admin.state });
test.describe.configure({ mode: "serial" });

const app = SEED.apps.edge;
const tag = randomBytes(3).toString("hex");

interface Setup {
  kind: Exclude<ReceiverKind, "slack">;
  name: string;
  language: "en" | "zh-CN";
  receiver: Receiver;
}
let channels: Setup[] = [];
const byKind = (kind: Setup["kind"]) => channels.find((c) => c.kind === kind)!;

test.beforeAll(async () => {
  const tls = { key: readFileSync(E2E_TLS.key), cert: readFileSync(E2E_TLS.cert) };
  channels = [
    { kind: "feishu", name: `e2e feishu ${tag}`, language: "en", receiver: await startReceiver("feishu", { tls, secret: randomBytes(16).toString("hex") }) },
    { kind: "wecom", name: `e2e wecom ${tag}`, language: "zh-CN", receiver: await startReceiver("wecom", { tls }) },
    {
      kind: "dingtalk",
      name: `e2e dingtalk ${tag}`,
      language: "en",
      receiver: await startReceiver("dingtalk", { tls, secret: `SEC${randomBytes(32).toString("hex")}` }),
    },
    { kind: "webhook", name: `e2e webhook ${tag}`, language: "en", receiver: await startReceiver("webhook", { tls }) },
  ];
});

// The channels go with their subscriptions and deliveries: nothing of this spec is sent after it.
test.afterAll(async ({ playwright }) => {
  const admin = await apiAs(playwright, "admin");
  for (const [name, id] of await channelIds(admin)) if (name.endsWith(tag)) await admin.delete(`/api/admin/channels/${id}`);
  await admin.dispose();
  await Promise.all(channels.map((c) => c.receiver.close()));
});

test("an admin adds four channels against HTTPS receivers, sends each a test message and subscribes them to an app", async ({ page, playwright }) => {
  test.setTimeout(120_000);
  await page.goto("/admin");
  await page.getByTestId("admin-notifications-link").click();
  await expect(page).toHaveURL(/\/admin\/notifications$/);
  await expect(page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();

  for (const c of channels) {
    await page.getByTestId("notify-channel-kind").selectOption(c.kind);
    await page.getByTestId("notify-channel-name").fill(c.name);
    await page.getByTestId("notify-channel-language").selectOption(c.language);
    await page.getByTestId("notify-channel-url").fill(c.receiver.url);
    if (c.receiver.secret) await page.getByTestId("notify-channel-secret").fill(c.receiver.secret);
    else await expect(page.getByTestId("notify-channel-secret")).toHaveCount(0); // WeCom: the key in its URL is the credential
    await page.getByTestId("notify-channel-submit").click();
    const row = channelRow(page, c.name);
    await expect(row).toBeVisible();
    // The URL's credential is masked; the secret is never shown.
    await expect(row.getByTestId("notify-channel-target")).not.toContainText(c.receiver.key);
    await expect(row).toContainText(c.receiver.secret ? "Signed" : "Not signed");

    // The test message: the receiver verified it and took it, and its answer is shown (and read out).
    await row.getByTestId("notify-channel-test").click();
    const answer = row.getByTestId("notify-test-answer");
    await expect(answer).toHaveAttribute("data-ok", "true");
    await expect(row.getByTestId("notify-test-result")).toHaveAttribute("aria-live", "polite");
    if (c.kind === "webhook") await expect(row.getByTestId("notify-test-status")).toHaveText("HTTP 204");
    else {
      await expect(row.getByTestId("notify-test-status")).toHaveText("HTTP 200");
      await expect(row.getByTestId("notify-test-body")).toContainText(c.kind === "feishu" ? '"code":0' : '"errcode":0');
    }
    expect(c.receiver.accepted()).toHaveLength(1);
    expect(c.receiver.accepted()[0]!.raw).toContain(c.language === "zh-CN" ? "测试消息" : "Test message");
  }

  // No answer of the API carries a URL or a secret.
  const admin = await apiAs(playwright, "admin");
  const listed = await (await admin.get("/api/admin/channels")).text();
  for (const c of channels) {
    expect(listed).not.toContain(c.receiver.key);
    if (c.receiver.secret) expect(listed).not.toContain(c.receiver.secret);
  }
  await admin.dispose();

  // Each channel: started, succeeded and failed deployments of the app.
  for (const c of channels) {
    await page.getByTestId("notify-subscription-channel").selectOption({ label: c.name });
    await page.getByTestId("notify-subscription-scope").selectOption("apps");
    await page.getByTestId("notify-subscription-app-search").fill(app.name);
    await page.getByTestId("notify-subscription-app").selectOption(app.taskId);
    await expect(page.getByTestId("notify-subscription-app-chip")).toHaveText([`${app.name}×`]);
    for (const box of await page.getByTestId("notify-subscription-event-check").all()) {
      await box.setChecked(EVENTS.includes((await box.getAttribute("data-kind")) as (typeof EVENTS)[number]));
    }
    await page.getByTestId("notify-subscription-submit").click();
    const sub = page.locator(`[data-testid="notify-subscription"][data-channel="${c.name}"]`);
    await expect(sub).toContainText("1 application");
    await expect(sub.getByTestId("notify-subscription-event").filter({ visible: true })).toHaveCount(3);
  }
  for (const c of channels) c.receiver.reset();
});

test("a deployment with no page of it open reaches each receiver once per event, signed, naming the person and linking the record", async ({
  page,
  playwright,
}) => {
  test.setTimeout(120_000);
  await page.goto("about:blank"); // nothing in the browser follows the record
  const admin = await apiAs(playwright, "admin");
  try {
    const recordId = await deploy(admin, app.taskId);
    const link = `${CONSOLE_URL}/tasks/${app.taskId}/records/${recordId}`;
    await expect.poll(() => channels.map((c) => c.receiver.accepted().length), { timeout: 60_000, intervals: [1_000] }).toEqual(channels.map(() => 2));
    // A few more dispatcher ticks: still exactly one message per event, none refused.
    await page.waitForTimeout(5_000);

    const finished = new Set<string>();
    for (const c of channels) {
      const got = c.receiver.received;
      expect(got, c.kind).toHaveLength(2);
      expect(
        got.every((r) => r.accepted),
        c.kind,
      ).toBe(true);
      const kinds = got.map(kindOf);
      expect(kinds[0], c.kind).toBe("deploy.started");
      expect(["deploy.succeeded", "deploy.failed"], c.kind).toContain(kinds[1]);
      finished.add(kinds[1]!);
      for (const r of got) {
        expect(r.raw, c.kind).toContain(USERS.admin.name);
        expect(r.raw, c.kind).toContain(link);
      }
    }
    expect(finished.size).toBe(1); // every channel tells the same outcome

    // Signed as each platform documents it (the receivers recomputed each signature before accepting).
    for (const r of byKind("feishu").receiver.received) expect(r.body).toMatchObject({ timestamp: expect.any(String), sign: expect.any(String) });
    for (const r of byKind("dingtalk").receiver.received) expect(r.query).toMatchObject({ timestamp: expect.any(String), sign: expect.any(String) });
    const hooks = byKind("webhook").receiver.received;
    expect(hooks.map((r) => r.headers["webhook-signature"])).toEqual([expect.stringMatching(/^v1,/), expect.stringMatching(/^v1,/)]);
    expect(new Set(hooks.map((r) => r.headers["webhook-id"])).size).toBe(2);
    expect(hooks[0]!.body).toMatchObject({ type: "deploy.started", data: { recordId, link, actor: { name: USERS.admin.name, email: USERS.admin.email } } });
    // The WeCom channel speaks Chinese.
    expect(byKind("wecom").receiver.received[0]!.raw).toContain("部署已开始");
  } finally {
    await admin.dispose();
  }
});

test("a receiver that is down: the log shows the failed attempt and the next retry; back up, it is delivered after the back-off", async ({
  page,
  playwright,
}) => {
  test.setTimeout(120_000);
  const hook = byKind("webhook");
  hook.receiver.reset();
  const admin = await apiAs(playwright, "admin");
  try {
    const channelId = (await channelIds(admin)).get(hook.name)!;
    await page.goto("/admin/notifications");
    const row = channelRow(page, hook.name);
    await row.getByTestId("notify-channel-log").click();
    const log = row.getByTestId("notify-delivery-log");
    await expect(log).toBeVisible();

    hook.receiver.setDown(true);
    await deploy(admin, app.taskId);
    const waiting = log.locator('[data-testid="notify-delivery"][data-kind="deploy.started"][data-state="pending"]:not([data-attempts="0"])');
    await expect(waiting).toHaveCount(1, { timeout: 30_000 });
    const id = (await waiting.getAttribute("data-id"))!;
    const item = log.locator(`[data-testid="notify-delivery"][data-id="${id}"]`);
    await expect(item.getByTestId("notify-delivery-status")).toHaveText("503");
    await expect(item.getByTestId("notify-delivery-answer")).toContainText("Service Unavailable");
    await expect(item.getByTestId("notify-delivery-next")).toBeVisible();
    await expect(item.getByTestId("notify-delivery-state")).toHaveText("Waiting to retry");

    // The wait after the n-th failure is between half and all of 10 s · 2^(n−1).
    const d = (await deliveriesOf(admin, channelId)).find((x) => x.id === id)!;
    const ceiling = 10_000 * 2 ** (d.attempts - 1);
    const wait = Date.parse(d.nextAt!) - Date.parse(d.lastAt!);
    expect(wait).toBeGreaterThanOrEqual(ceiling / 2);
    expect(wait).toBeLessThanOrEqual(ceiling);

    // Back up: delivered after the back-off, with nothing pressed; the same event id as the refused attempts.
    hook.receiver.setDown(false);
    await expect(item).toHaveAttribute("data-state", "delivered", { timeout: 30_000 });
    const eventId = (await item.getAttribute("data-event-id"))!;
    const attempts = hook.receiver.received.filter((r) => r.headers["webhook-id"] === eventId);
    expect(attempts.filter((r) => r.accepted)).toHaveLength(1);
    expect(attempts.filter((r) => !r.accepted).every((r) => r.answer.status === 503)).toBe(true);
    expect(attempts.at(-1)!.accepted).toBe(true);
    // The outcome too, once (it may have waited out the outage as well, and arrive first).
    await expect.poll(() => hook.receiver.accepted().length, { timeout: 60_000 }).toBe(2);
    const kinds = hook.receiver.accepted().map(kindOf);
    expect(kinds).toContain("deploy.started");
    expect(kinds.filter((k) => k === "deploy.succeeded" || k === "deploy.failed")).toHaveLength(1);
    // The other channels were not held up by the webhook's outage.
    await expect.poll(() => byKind("feishu").receiver.accepted().length, { timeout: 30_000 }).toBe(4);
  } finally {
    await admin.dispose();
  }
});

test("a refused delivery is a dead letter at once; “retry now” sends it", async ({ page, playwright }) => {
  test.setTimeout(120_000);
  const hook = byKind("webhook");
  hook.receiver.reset();
  // The receiver refuses the next message it would take: a 4xx that trying again cannot help.
  hook.receiver.answerNext({ status: 400, body: { error: "e2e: refused once" } });
  const admin = await apiAs(playwright, "admin");
  try {
    const channelId = (await channelIds(admin)).get(hook.name)!;
    await deploy(admin, app.taskId);
    await expect.poll(async () => (await deliveriesOf(admin, channelId)).filter((d) => d.state === "dead").length, { timeout: 30_000 }).toBe(1);

    await page.goto("/admin/notifications");
    const row = channelRow(page, hook.name);
    await expect(row.getByTestId("notify-channel-dead")).toHaveText("1 failed for good");
    await row.getByTestId("notify-channel-log").click();
    const dead = row.locator('[data-testid="notify-delivery"][data-state="dead"]');
    await expect(dead).toHaveCount(1);
    await expect(dead.getByTestId("notify-delivery-status")).toHaveText("400");
    await expect(dead.getByTestId("notify-delivery-answer")).toContainText("e2e: refused once");
    await expect(dead.getByTestId("notify-delivery-next")).toHaveCount(0);
    const id = (await dead.getAttribute("data-id"))!;
    await dead.getByTestId("notify-delivery-retry").click();
    await expect(page.getByTestId("announcer")).toContainText("The delivery is retried now.");
    const item = row.locator(`[data-testid="notify-delivery"][data-id="${id}"]`);
    await expect(item).toHaveAttribute("data-state", "delivered", { timeout: 20_000 });
    await expect(item.getByTestId("notify-delivery-retry")).toHaveCount(0);
    await expect(row.getByTestId("notify-channel-dead")).toHaveCount(0);
    const eventId = (await item.getAttribute("data-event-id"))!;
    expect(hook.receiver.accepted().filter((r) => r.headers["webhook-id"] === eventId)).toHaveLength(1);
    // Let the outcome arrive before the next test looks at the receivers.
    await expect.poll(() => hook.receiver.accepted().length, { timeout: 60_000 }).toBe(2);
  } finally {
    await admin.dispose();
  }
});

test("bad input is refused naming the field, in the API and on the form", async ({ page, playwright }) => {
  const admin = await apiAs(playwright, "admin");
  try {
    const ids = async (path: string) => ((await (await admin.get(path)).json()) as { id: string }[]).map((x) => x.id);
    const before = await ids("/api/admin/channels");
    const subsBefore = await ids("/api/admin/subscriptions");
    const channelId = (await channelIds(admin)).get(byKind("webhook").name)!;
    const secret = byKind("webhook").receiver.secret!;
    const cases = [
      ["/api/admin/channels", { name: "plain http", kind: "webhook", url: "http://127.0.0.1:9/hooks/x", secret }, ["url"], /https/],
      ["/api/admin/channels", { name: "bad secret", kind: "webhook", url: "https://127.0.0.1:9/hooks/x", secret: "not-a-secret" }, ["secret"], /whsec_/],
      ["/api/admin/subscriptions", { channelId, scope: { kind: "all" }, events: ["deploy.exploded"] }, ["events", 0], /must be one of/],
    ] as const;
    for (const [path, data, field, message] of cases) {
      const r = await admin.post(path, { data, headers: { origin: CONSOLE_URL } });
      expect(r.status(), `${path} ${JSON.stringify(data)}`).toBe(400);
      const body = (await r.json()) as { error: { code: string; issues: { path: (string | number)[]; message: string }[] } };
      expect(body.error.code).toBe("validation_failed");
      expect(body.error.issues[0]!.path).toEqual(field);
      expect(body.error.issues[0]!.message).toMatch(message);
    }
    expect(await ids("/api/admin/channels")).toEqual(before);
    expect(await ids("/api/admin/subscriptions")).toEqual(subsBefore);
  } finally {
    await admin.dispose();
  }

  // The form puts the server's word on the field it is about.
  await page.goto("/admin/notifications");
  await page.getByTestId("notify-channel-kind").selectOption("webhook");
  await page.getByTestId("notify-channel-name").fill(`e2e plain http ${tag}`);
  await page.getByTestId("notify-channel-url").fill("http://127.0.0.1:9/hooks/x");
  await page.getByTestId("notify-channel-secret-generate").click();
  await expect(page.getByTestId("notify-channel-secret")).toHaveValue(/^whsec_[A-Za-z0-9+/]{43}=$/);
  await page.getByTestId("notify-channel-submit").click();
  await expect(page.getByTestId("notify-channel-url-error")).toContainText("https://");
  await expect(page.getByTestId("notify-channel-url")).toHaveAttribute("aria-invalid", "true");
  await expect(channelRow(page, `e2e plain http ${tag}`)).toHaveCount(0);
});

test("the page in Chinese at 390 px: nothing sticks out, the log included", async ({ page }, testInfo) => {
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: CONSOLE_URL }]);
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    await page.goto("/admin/notifications");
    await expect(page.getByRole("heading", { name: "通知", level: 1 })).toBeVisible();
    const row = channelRow(page, byKind("webhook").name);
    await row.getByTestId("notify-channel-log").click();
    await expect(row.getByTestId("notify-delivery").first()).toBeVisible();
    await expect(row.getByTestId("notify-channel-test")).toHaveText("发送测试消息");
    await expect(row.getByTestId("notify-delivery-state").first()).toHaveText("已送达");
    await page.waitForLoadState("networkidle");
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    await page.screenshot({ path: testInfo.outputPath("notifications-390-zh.png"), fullPage: true });
  } finally {
    await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: CONSOLE_URL }]);
  }
});
