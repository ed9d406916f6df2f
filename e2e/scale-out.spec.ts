/**
 * Scale-out for real: three console processes on the suite's PostgreSQL behind Debian's nginx, running the
 * nginx config we ship (deploy/nginx/console.conf) — round robin, no sticky sessions — and everything through it.
 * One replica runs from the standalone tree (`.next/standalone`, as the container image does). The browser's deploy
 * journey is served by all three; 200 identical starts with one key start once; the record watcher and the
 * notification outbox do their work once for the whole cluster. (A kill -9 of one replica behind nginx is not here
 * yet; e2e/ledger-scale.spec.ts kills a console mid-burst without the load balancer.)
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import type { APIRequestContext } from "@playwright/test";
import { SEED } from "../lib/codearts/simulator/seed";
import { startReceiver } from "../lib/server/notify/testing/receivers";
import { CONSOLE_URL, E2E_TLS } from "../playwright.config";
import { expect, test } from "./fixtures";
import { type ConsoleProcess, eventually, isPostgres, ledgerOf, postAll, startConsole } from "./ledger-helpers";
import { type Nginx, type Served, standaloneTree, startNginx } from "./scale-out-helpers";
import { USERS } from "./users";

const { inventory, orders } = SEED.apps;
// Ports of their own: other specs start consoles on CONSOLE_URL's port +1, +2 and +7.
const BASE_PORT = Number(new URL(CONSOLE_URL).port);
const REPLICA_PORTS = [BASE_PORT + 11, BASE_PORT + 12, BASE_PORT + 13];
const NGINX_PORT = BASE_PORT + 14;
const upstreamOf = (port: number) => `127.0.0.1:${port}`;
/**
 * Every replica: NEXTAUTH_URL is nginx's address (the public URL), nginx on loopback is a trusted proxy; a short
 * CodeArts timeout, a fast reconciler and notifier, so in-doubt starts settle in seconds.
 */
const REPLICA_ENV = {
  NEXTAUTH_URL: `http://localhost:${NGINX_PORT}`,
  TRUSTED_PROXIES: "127.0.0.1,::1",
  CODEARTS_TIMEOUT_MS: "4000",
  LEDGER_RECONCILE_INTERVAL_MS: "1000",
  NOTIFY_INTERVAL_MS: "500",
};

type StartCall = { taskId: string; recordId?: string; status: number };
const startsOf = async (sim: { calls(): Promise<{ starts: unknown[] }> }, taskIds: string[]) =>
  ((await sim.calls()).starts as StartCall[]).filter((s) => taskIds.includes(s.taskId));
const upstreamsIn = (lines: Served[]) => new Set(lines.flatMap((l) => l.upstreams));

test.describe.configure({ mode: "serial" });
test.skip(!isPostgres(), "console replicas share PostgreSQL; the suite's SQLite run has one console process per file");

let nginx: Nginx;
let replicas: ConsoleProcess[] = [];
let tree: ReturnType<typeof standaloneTree> | undefined;
let admin: APIRequestContext;

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(120_000);
  tree = standaloneTree();
  const standalone = { cwd: tree.dir, script: "scripts/standalone-server.mjs" };
  // In port order (replicas[i] on REPLICA_PORTS[i]); each kept as soon as it is up, so afterAll stops it whatever fails.
  const started = await Promise.allSettled(
    REPLICA_PORTS.map((port, i) => startConsole(port, REPLICA_ENV, i === 2 ? standalone : {}).then((c) => (replicas.push(c), c))),
  );
  const failed = started.find((r) => r.status === "rejected");
  if (failed) throw failed.reason;
  replicas = started.map((r) => (r as PromiseFulfilledResult<ConsoleProcess>).value);
  nginx = await startNginx(NGINX_PORT, REPLICA_PORTS.map(upstreamOf));
  admin = await playwright.request.newContext({ baseURL: nginx.url, storageState: USERS.admin.state });
});
test.afterAll(async () => {
  // Processes first: a failing dispose must not leave them running.
  try {
    await nginx?.stop();
    await Promise.all(replicas.map((r) => r.stop()));
    tree?.remove();
  } finally {
    await admin?.dispose();
  }
});

/** Waits until no deployment holds the task (an earlier spec's record may still be running). */
async function idle(taskIds: string[]) {
  for (const taskId of taskIds) {
    const held = await eventually(
      `${taskId} idle`,
      30_000,
      async () => ((await (await admin.get(`/api/tasks/${taskId}`)).json()) as { inFlight: unknown }).inFlight,
      (f) => f === null,
    );
    expect(held, `task ${taskId} still held`).toBeNull();
  }
}

/** Waits until each record has its `finished` row, then a few more notifier passes: still exactly one each. */
async function finishedOnce(taskIds: string[], recordIds: string[], since: string) {
  const finished = async () => (await Promise.all(taskIds.map((t) => ledgerOf(admin, "", t, since)))).flat().filter((r) => r.phase === "finished");
  await eventually("finished rows", 60_000, finished, (rows) => recordIds.every((id) => rows.some((r) => r.recordId === id)));
  await new Promise((r) => setTimeout(r, 2_500));
  const rows = await finished();
  for (const id of recordIds)
    expect(
      rows.filter((r) => r.recordId === id),
      `finished rows of ${id}`,
    ).toHaveLength(1);
}

test("the deploy journey in the browser through nginx: served by all three replicas, watched and announced once", async ({ page, sim }) => {
  test.setTimeout(120_000);
  await sim.reset();
  await idle([inventory.taskId]);
  const since = new Date(Date.now() - 1_000).toISOString();
  const receiver = await startReceiver("webhook", { tls: { key: readFileSync(E2E_TLS.key), cert: readFileSync(E2E_TLS.cert) } });
  const channel = await admin.post("/api/admin/channels", {
    data: { name: `scale-out webhook ${randomBytes(3).toString("hex")}`, kind: "webhook", language: "en", url: receiver.url, secret: receiver.secret },
  });
  expect(channel.status()).toBe(201);
  const { id: channelId } = (await channel.json()) as { id: string };
  const sub = await admin.post("/api/admin/subscriptions", {
    data: { channelId, scope: { kind: "apps", taskIds: [inventory.taskId] }, events: ["deploy.started", "deploy.succeeded", "deploy.failed"] },
  });
  expect(sub.status()).toBe(201);
  const { id: subscriptionId } = (await sub.json()) as { id: string };
  try {
    const mark = nginx.served().length;
    await page.goto(`${nginx.url}/apps`);
    await page.getByTestId("app-search").fill(inventory.name);
    await page.getByTestId("app-row").filter({ hasText: inventory.name }).getByRole("link").first().click();
    await expect(page).toHaveURL(new RegExp(`/tasks/${inventory.taskId}$`));
    await expect(page.getByTestId("param-row").first()).toBeVisible();
    await page.getByTestId("deploy-button").click();
    await page.getByTestId("confirm-dialog").getByTestId("confirm-button").click();
    await expect(page).toHaveURL(new RegExp(`^${nginx.url}/tasks/${inventory.taskId}/records/[0-9a-z]{32}$`));
    const recordId = page.url().split("/").at(-1)!;
    await expect(page.getByTestId("record-state")).toHaveAttribute("data-state", "succeeded", { timeout: 30_000 });
    expect((await startsOf(sim, [inventory.taskId])).map((s) => s.recordId)).toEqual([recordId]);

    // Round robin: pages, API calls and static files came from every replica, the standalone one included.
    const journey = nginx.served().slice(mark);
    expect(journey.filter((l) => l.status >= 500)).toEqual([]);
    expect([...upstreamsIn(journey)].sort()).toEqual(REPLICA_PORTS.map(upstreamOf).sort());
    for (const kind of [/^\/api\//, /^\/_next\/static\//]) {
      const seen = upstreamsIn(journey.filter((l) => kind.test(l.path) && l.status === 200));
      expect(seen.size, `replicas serving ${kind}`).toBeGreaterThanOrEqual(2);
    }
    const standalone = upstreamOf(REPLICA_PORTS[2]!);
    expect(journey.some((l) => l.upstreams.includes(standalone) && l.path.startsWith("/_next/static/") && l.status === 200)).toBe(true);
    // The console saw the browser, not nginx, as the client (X-Forwarded-For from a trusted proxy).
    const rows = await ledgerOf(admin, "", inventory.taskId, since);
    expect(rows.find((r) => r.phase === "started")).toMatchObject({ recordId, actor: { email: USERS.dev.email }, clientAddress: "127.0.0.1" });

    // Four watchers (three replicas and the suite's console) and four dispatchers: one `finished` row, one message each.
    await finishedOnce([inventory.taskId], [recordId], since);
    const kinds = () => receiver.accepted().map((r) => (r.body as { type: string }).type);
    const got = await eventually(
      "announced",
      30_000,
      () => Promise.resolve(kinds()),
      (k) => k.length >= 2,
    );
    await new Promise((r) => setTimeout(r, 2_000));
    expect(kinds()).toEqual(["deploy.started", "deploy.succeeded"]);
    expect(got).toHaveLength(2);
    expect(new Set(receiver.accepted().map((r) => r.headers["webhook-id"])).size).toBe(2);
  } finally {
    await admin.delete(`/api/admin/subscriptions/${subscriptionId}`);
    await admin.delete(`/api/admin/channels/${channelId}`);
    await receiver.close();
  }
});

test("200 concurrent identical starts with one Idempotency-Key through nginx: one upstream start, 199 replays", async ({ sim }) => {
  await sim.reset();
  await idle([orders.taskId]);
  const mark = nginx.served().length;
  const key = `e2e-nginx-${randomBytes(6).toString("hex")}`;
  const data = { params: [{ key: "image_tag", value: "v-nginx-1", type: "text" }] };
  const answers = await postAll(Array(200).fill(`${nginx.url}/api/tasks/${orders.taskId}/start`), "dev", data, () => key);
  expect(answers.map((a) => a.status)).toEqual(Array(200).fill(200));
  expect(new Set(answers.map((a) => a.text)).size).toBe(1);
  expect(answers.filter((a) => a.replayed)).toHaveLength(199);
  const starts = await startsOf(sim, [orders.taskId]);
  expect(starts).toHaveLength(1);
  expect(JSON.parse(answers[0]!.text)).toMatchObject({ id: starts[0]?.recordId });
  const burst = nginx
    .served()
    .slice(mark)
    .filter((l) => l.path === `/api/tasks/${orders.taskId}/start`);
  expect(burst).toHaveLength(200);
  expect([...upstreamsIn(burst)].sort()).toEqual(REPLICA_PORTS.map(upstreamOf).sort());
});
