/**
 * Nothing is lost between the ledger and the receiver: a console killed with SIGKILL after a deployment's ledger row
 * (and, in its transaction, the outbox event) was written, before any delivery, delivers the event after a restart
 * — once — and its record watcher, in the restarted process, announces the record's end. The consoles of this
 * spec have a database of their own, so the suite's console (which delivers too) cannot do it for them.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SEED } from "../lib/codearts/simulator/seed";
import { startReceiver } from "../lib/server/notify/testing/receivers";
import { CONSOLE_URL, E2E_TLS } from "../playwright.config";
import { expect, signInViaApi, test } from "./fixtures";
import { type ConsoleProcess, eventually, startConsole } from "./ledger-helpers";
import { PASSWORD, USERS } from "./users";

const PORT = Number(new URL(CONSOLE_URL).port) + 7;
const { inventory } = SEED.apps;

test("kill -9 between the ledger write and the delivery: the event arrives after the restart, once", async ({ playwright, sim }) => {
  test.setTimeout(120_000);
  const file = join(tmpdir(), `codearts-notify-crash-${process.pid}-${Date.now()}.sqlite`);
  const database = { DATABASE_URL: `file:${file}` };
  const seeded = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "e2e/seed.ts"], {
    env: { ...process.env, ...database },
    stdio: "inherit",
  });
  expect(seeded.status).toBe(0);
  const receiver = await startReceiver("webhook", { tls: { key: readFileSync(E2E_TLS.key), cert: readFileSync(E2E_TLS.cert) } });
  // The notifier's first pass runs at start-up; the next one would be ten minutes later.
  let console_: ConsoleProcess | undefined = await startConsole(PORT, { ...database, NOTIFY_INTERVAL_MS: "600000" });
  const api = await playwright.request.newContext({ baseURL: console_.url });
  try {
    await sim.reset();
    expect(await signInViaApi(api, USERS.admin.email, PASSWORD, { baseURL: console_.url })).toBeNull();
    const channel = await api.post("/api/admin/channels", {
      data: { name: "crash webhook", kind: "webhook", language: "en", url: receiver.url, secret: receiver.secret },
    });
    expect(channel.status()).toBe(201);
    const { id: channelId } = (await channel.json()) as { id: string };
    const sub = await api.post("/api/admin/subscriptions", {
      data: { channelId, scope: { kind: "apps", taskIds: [inventory.taskId] }, events: ["deploy.started", "deploy.succeeded", "deploy.failed"] },
    });
    expect(sub.status()).toBe(201);

    const start = await api.post(`/api/tasks/${inventory.taskId}/start`, { data: { params: [], reason: "crash test" } });
    expect(start.status()).toBe(200);
    const { id: recordId } = (await start.json()) as { id: string };
    // Written, not delivered: nothing has reached the receiver when the process dies.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(receiver.received).toHaveLength(0);
    await console_.kill9();

    console_ = await startConsole(PORT, { ...database, NOTIFY_INTERVAL_MS: "500" });
    const kinds = () => receiver.accepted().map((r) => (r.body as { type: string }).type);
    const got = await eventually(
      "started and finished",
      60_000,
      () => Promise.resolve(kinds()),
      (k) => k.length >= 2,
    );
    expect(got[0]).toBe("deploy.started");
    expect(["deploy.succeeded", "deploy.failed"]).toContain(got[1]);
    const started = receiver.accepted()[0]!;
    expect(started.raw).toContain(USERS.admin.email);
    expect(started.raw).toContain(`/tasks/${inventory.taskId}/records/${recordId}`);
    // Once each: a few more passes add nothing.
    await new Promise((r) => setTimeout(r, 2_000));
    expect(kinds()).toEqual(got.slice(0, 2));
    expect(new Set(receiver.accepted().map((r) => r.headers["webhook-id"])).size).toBe(2);
  } finally {
    await api.dispose();
    await console_?.stop();
    await receiver.close();
    rmSync(file, { force: true });
    rmSync(`${file}-wal`, { force: true });
    rmSync(`${file}-shm`, { force: true });
  }
});
