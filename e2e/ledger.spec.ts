/**
 * The deploy ledger and deploy safety against the real console, the simulator process and the e2e database:
 * idempotent starts under concurrency, one deployment per task, refused attempts recorded, the audit API and
 * its CSV export, and no `encrypt` value in clear anywhere in the ledger.
 */
import { randomBytes } from "node:crypto";
import { SEED } from "../lib/codearts/simulator/seed";
import { apiAs, expect, test } from "./fixtures";
import { CONSOLE_URL } from "../playwright.config";
import { databaseContains, type Entry, ledgerOf, postAll } from "./ledger-helpers";
import { DEV_APPS, USERS } from "./users";

const { orders, favourite, search } = SEED.apps;
const PLANTED = `planted-e2e-secret-${randomBytes(8).toString("hex")}`;
const since = new Date(Date.now() - 1_000).toISOString();
/** The key of the first test's submission (its answer is stored). */
const firstKey = `e2e-same-${randomBytes(6).toString("hex")}`;

type StartCall = { taskId: string; recordId?: string; status: number };
const startsOf = async (sim: { calls(): Promise<{ starts: unknown[] }> }, taskId: string) =>
  ((await sim.calls()).starts as StartCall[]).filter((s) => s.taskId === taskId);

test.describe.configure({ mode: "serial" });

test("200 concurrent identical starts with one key: one upstream start, 199 replays of the same answer", async ({ request, sim }) => {
  await sim.reset();
  const key = firstKey;
  const data = {
    params: [
      { key: "image_tag", value: "v-ledger-1", type: "text" },
      { key: "db_password", value: PLANTED, type: "encrypt" },
    ],
  };
  const answers = await postAll(Array(200).fill(`${CONSOLE_URL}/api/tasks/${orders.taskId}/start`), "dev", data, () => key);
  expect(answers.map((a) => a.status)).toEqual(Array(200).fill(200));
  const bodies = answers.map((a) => a.text);
  expect(new Set(bodies).size).toBe(1);
  expect(answers.filter((a) => a.replayed)).toHaveLength(199);
  const starts = await startsOf(sim, orders.taskId);
  expect(starts).toHaveLength(1);
  expect(JSON.parse(bodies[0]!)).toMatchObject({ id: starts[0]?.recordId, task_id: orders.taskId });

  const rows = (await ledgerOf(request, "", orders.taskId, since)).filter((r) => r.idempotencyKey === key);
  expect(rows.map((r) => r.phase).sort()).toEqual(["requested", "started"]);
  expect(rows.find((r) => r.phase === "started")?.recordId).toBe(starts[0]?.recordId);
  expect(rows[0]?.params?.find((p) => p.key === "db_password")?.value).toMatch(/^hmac:[0-9a-f]{64}$/);
});

test("the same key with another body is refused (422) and reaches nobody", async ({ request, sim }) => {
  const before = (await sim.calls()).starts.length;
  const again = await request.post(`/api/tasks/${orders.taskId}/start`, {
    headers: { "Idempotency-Key": firstKey },
    data: { params: [{ key: "image_tag", value: "other", type: "text" }] },
  });
  expect(again.status()).toBe(422);
  expect(((await again.json()) as { error: { code: string } }).error.code).toBe("idempotency_key_reused");
  expect((await sim.calls()).starts.length).toBe(before);
});

test("50 concurrent starts of one task with different keys: one starts, 49 are told who holds it (409)", async ({ request, sim }) => {
  await sim.reset();
  const tag = randomBytes(4).toString("hex");
  const answers = await postAll(Array(50).fill(`${CONSOLE_URL}/api/tasks/${favourite.taskId}/start`), "dev", { params: [] }, (i) => `e2e-many-${i}-${tag}`);
  const ok = answers.filter((a) => a.status === 200);
  const busy = answers.filter((a) => a.status === 409);
  expect(ok).toHaveLength(1);
  expect(busy).toHaveLength(49);
  const started = JSON.parse(ok[0]!.text) as { id: string };
  for (const b of busy.slice(0, 5)) {
    const body = JSON.parse(b.text) as { error: { code: string; message: string; inFlight: { by: { email: string }; link: string | null } } };
    expect(body.error.code).toBe("deploy_in_progress");
    expect(body.error.inFlight.by.email).toBe(USERS.dev.email);
    expect(body.error.message).toContain(USERS.dev.email);
  }
  expect(await startsOf(sim, favourite.taskId)).toHaveLength(1);

  // The task page knows before the button is pressed.
  const task = (await (await request.get(`/api/tasks/${favourite.taskId}`)).json()) as { inFlight: { state: string; recordId: string; link: string } };
  expect(task.inFlight).toMatchObject({ state: "running", recordId: started.id, link: `/tasks/${favourite.taskId}/records/${started.id}` });
  const rows = await ledgerOf(request, "", favourite.taskId, since);
  expect(rows.filter((r) => r.phase === "denied" && r.errorCode === "deploy_in_progress")).toHaveLength(49);

  // Stopping the record releases the task; its ledger rows are on the record.
  const stop = await request.post(`/api/tasks/${favourite.taskId}/records/${started.id}/stop`);
  expect(stop.status()).toBe(200);
  expect(((await (await request.get(`/api/tasks/${favourite.taskId}`)).json()) as { inFlight: unknown }).inFlight).toBeNull();
  const own = (await (await request.get(`/api/tasks/${favourite.taskId}/records/${started.id}/ledger`)).json()) as { items: Entry[] };
  expect(own.items.map((r) => `${r.action}:${r.phase}`)).toEqual(["start:requested", "start:started", "stop:requested", "stop:stopped"]);
});

test("refused attempts are recorded: 403 with the user, 401 with the client address", async ({ playwright }) => {
  const viewer = await apiAs(playwright, "viewer");
  const anonymous = await apiAs(playwright, "anonymous");
  const admin = await apiAs(playwright, "admin");
  try {
    const rollbackTo = "0".repeat(32);
    expect((await viewer.post(`/api/tasks/${orders.taskId}/start`, { data: { params: [], record_id: rollbackTo } })).status()).toBe(403);
    expect((await anonymous.post(`/api/tasks/${orders.taskId}/start`, { data: { params: [{ key: "pw", value: PLANTED, type: "encrypt" }] } })).status()).toBe(
      401,
    );
    expect((await viewer.post(`/api/tasks/${orders.taskId}/records/${rollbackTo}/stop`)).status()).toBe(403);
    const denied = (await ledgerOf(admin, "", orders.taskId, since)).filter((r) => r.phase === "denied" && r.status !== 409);
    const byViewer = denied.filter((r) => r.actor.email === USERS.viewer.email);
    expect(byViewer.map((r) => `${(r as Entry & { attempted: string }).attempted}:${r.status}`).sort()).toEqual(["rollback:403", "stop:403"]);
    const anon = denied.find((r) => r.status === 401);
    expect(anon).toMatchObject({ actor: { id: null, email: null }, errorCode: "unauthenticated" });
    expect(anon?.clientAddress).toBeTruthy();
    expect(anon?.params?.[0]?.value).toMatch(/^hmac:/);
  } finally {
    await Promise.all([viewer.dispose(), anonymous.dispose(), admin.dispose()]);
  }
});

test("the audit list shows a user only the apps they may view", async ({ playwright, request }) => {
  const admin = await apiAs(playwright, "admin");
  try {
    const r = await admin.post(`/api/tasks/${search.taskId}/start`, { data: { params: [] } });
    expect([200, 409]).toContain(r.status());
    expect((await ledgerOf(admin, "", search.taskId, since)).length).toBeGreaterThan(0);
    expect(await ledgerOf(request, "", search.taskId, since)).toEqual([]);
    const mine = (await (await request.get("/api/audit", { params: { from: since, size: "200" } })).json()) as { items: Entry[] };
    const allowed = new Set(DEV_APPS.map((a) => a.taskId));
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((e) => allowed.has(e.taskId ?? ""))).toBe(true);
    const bad = await request.get("/api/audit", { params: { action: "explode" } });
    expect(bad.status()).toBe(400);
  } finally {
    await admin.dispose();
  }
});

test("the CSV export carries the filtered set with proper escaping, and no encrypt value is in clear anywhere", async ({ playwright }) => {
  const admin = await apiAs(playwright, "admin");
  try {
    const r = await admin.get("/api/audit/export.csv", { params: { task: orders.taskId, from: since } });
    expect(r.status()).toBe(200);
    expect(r.headers()["content-type"]).toContain("text/csv");
    expect(r.headers()["content-disposition"]).toMatch(/^attachment; filename="deploy-ledger-[\w-]+\.csv"$/);
    const csv = await r.text();
    const lines = csv
      .replace(/^\uFEFF/, "")
      .split("\r\n")
      .filter(Boolean);
    expect(lines[0]).toMatch(/^id,at,action,phase,/);
    const total = ((await (await admin.get("/api/audit", { params: { task: orders.taskId, from: since, size: "1" } })).json()) as { total: number }).total;
    expect(lines.length - 1).toBeGreaterThanOrEqual(total); // quoted line breaks may add lines, never remove rows
    expect(csv).toContain("hmac:");
    expect(csv).not.toContain(PLANTED);
    expect(await databaseContains(PLANTED)).toBe(false);
    // And the needle search itself works: the upstream received the secret, the console's database did not.
    expect(JSON.stringify((await (await admin.get("/api/audit", { params: { from: since, size: "200" } })).json()) as unknown)).not.toContain(PLANTED);
  } finally {
    await admin.dispose();
  }
});
