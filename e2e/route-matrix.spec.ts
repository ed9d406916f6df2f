/**
 * Every /api route × {anonymous, viewer, deployer without a grant on the app, deployer with one, admin}: the
 * status each must get. Task routes are asked about a granted app (dev@ is deployer on it) except for "deployer
 * without grant", which is asked about `search` (dev@ has no grant there at all).
 */
import type { APIRequestContext } from "@playwright/test";
import { SEED } from "../lib/codearts/simulator/seed";
import { answerChecker } from "../lib/server/testing/openapi-answers";
import { apiAs, expect, test } from "./fixtures";
import type { E2ERole } from "./users";

type Who = "anonymous" | "viewer" | "devNoGrant" | "devGrant" | "admin";
const WHO: Who[] = ["anonymous", "viewer", "devNoGrant", "devGrant", "admin"];
const LOGIN: Record<Who, E2ERole | "anonymous"> = { anonymous: "anonymous", viewer: "viewer", devNoGrant: "dev", devGrant: "dev", admin: "admin" };

interface Fixture {
  /** A task and one of its records, per identity (search for devNoGrant). */
  task: Record<Who, string>;
  record: Record<Who, string>;
  /** Objects made by the admin for the PATCH/DELETE rows. */
  userId: string;
  teamId: string;
  grantId: string;
  protectedTaskId: string;
  freezeId: string;
  /** Approval requests made by the admin: on orders (search for devNoGrant) to approve, to reject, and approved on the draft app to execute. */
  approveId: Record<Who, string>;
  rejectId: Record<Who, string>;
  executeId: Record<Who, string>;
  approvalTaskId: string;
  channelId: string;
  subscriptionId: string;
  /** An API token of the admin's: only its owner (or an admin) may revoke it. */
  tokenId: string;
}

interface Row {
  /** The test name, when the path alone does not say it. */
  label?: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: (f: Fixture, who: Who) => string;
  body?: (who: Who) => unknown;
  /** Expected status for anonymous, viewer, devNoGrant, devGrant, admin. */
  status: [number, number, number, number, number];
  /** Not in the OpenAPI document: next-auth's own routes (its contract, not the console's) and a route that does not exist. */
  undocumented?: true;
}

const stamp = Date.now().toString(36);
const { orders, draft, search, recommend, cms, favourite } = SEED.apps;
const t = (f: Fixture, w: Who) => f.task[w];
const tr = (f: Fixture, w: Who) => `${f.task[w]}/records/${f.record[w]}`;
const VIEW: Row["status"] = [401, 200, 403, 200, 200];
const ADMIN_READ: Row["status"] = [401, 403, 403, 403, 200];
/** A freeze window that never gets in any other test's way: one app, far in the future. */
const FAR_FREEZE = {
  name: "route matrix",
  timeZone: "Asia/Shanghai",
  schedule: { kind: "once", from: "2099-01-01T00:00:00+08:00", to: "2099-01-02T00:00:00+08:00" },
  scope: { kind: "apps", taskIds: [cms.taskId] },
};

/** A channel nobody listens at (port 9 is discard; cloud mode takes https only). */
const MATRIX_CHANNEL = { name: "route matrix", kind: "webhook", url: "https://127.0.0.1:9/matrix", secret: `whsec_${Buffer.alloc(24, 7).toString("base64")}` };

const rows: Row[] = [
  { method: "GET", path: () => "/api/health", status: [200, 200, 200, 200, 200] },
  { method: "GET", path: () => "/api/ready", status: [200, 200, 200, 200, 200] },
  // The scraper's token, not a session: without it every caller is refused.
  { method: "GET", path: () => "/api/metrics", status: [401, 401, 401, 401, 401] },
  { method: "GET", path: () => "/api/openapi.json", status: [200, 200, 200, 200, 200] },
  { method: "GET", path: () => "/api/me", status: [401, 200, 200, 200, 200] },
  { method: "GET", path: () => "/api/apps", status: [401, 200, 200, 200, 200] },
  { method: "GET", path: () => "/api/audit", status: [401, 200, 200, 200, 200] },
  { method: "GET", path: () => "/api/audit/attempts", status: [401, 200, 200, 200, 200] },
  { method: "GET", path: (f, w) => `/api/tasks/${t(f, w)}`, status: VIEW },
  { method: "GET", path: (f, w) => `/api/tasks/${t(f, w)}/records`, status: VIEW },
  { method: "GET", path: (f, w) => `/api/tasks/${tr(f, w)}`, status: VIEW },
  { method: "GET", path: (f, w) => `/api/tasks/${tr(f, w)}/params`, status: VIEW },
  { method: "GET", path: (f, w) => `/api/tasks/${tr(f, w)}/logs`, status: VIEW },
  { method: "GET", path: (f, w) => `/api/tasks/${tr(f, w)}/logs/download`, status: VIEW },
  // The draft app is refused upstream (422): proof that a permitted start reaches the cloud, without deploying.
  {
    label: "POST /api/tasks/{taskId}/start",
    method: "POST",
    path: (_, w) => `/api/tasks/${w === "devNoGrant" ? search.taskId : draft.taskId}/start`,
    body: () => ({ params: [] }),
    status: [401, 403, 403, 422, 422],
  },
  // The diff before a start: reads only, but answers whether a typed secret matches — so it needs "deploy".
  { method: "POST", path: (f, w) => `/api/tasks/${t(f, w)}/preview`, body: () => ({ params: [] }), status: [401, 403, 403, 200, 200] },
  // Stopping a finished record is a harmless 200 upstream.
  { method: "POST", path: (f, w) => `/api/tasks/${tr(f, w)}/stop`, status: [401, 403, 403, 200, 200] },
  // A lock taken by the deployer refuses the admin's (423); the owner unlocks it, after which there is none (404).
  {
    label: "POST /api/tasks/{taskId}/lock",
    method: "POST",
    path: (_, w) => `/api/tasks/${w === "devNoGrant" ? search.taskId : favourite.taskId}/lock`,
    body: () => ({ reason: "route matrix", minutes: 15 }),
    status: [401, 403, 403, 200, 423],
  },
  {
    label: "DELETE /api/tasks/{taskId}/lock",
    method: "DELETE",
    path: (_, w) => `/api/tasks/${w === "devNoGrant" ? search.taskId : favourite.taskId}/lock`,
    status: [401, 403, 403, 204, 404],
  },
  { method: "GET", path: () => "/api/admin/users", status: ADMIN_READ },
  {
    method: "POST",
    path: () => "/api/admin/users",
    body: (w) => ({ email: `matrix-${stamp}-${w}@e2e.test`, name: "Matrix", password: "matrix-password-123" }),
    status: [401, 403, 403, 403, 201],
  },
  { method: "PATCH", path: (f) => `/api/admin/users/${f.userId}`, body: () => ({ name: "Matrix renamed", role: "viewer" }), status: [401, 403, 403, 403, 200] },
  { method: "DELETE", path: (f) => `/api/admin/users/${f.userId}`, status: [401, 403, 403, 403, 204] },
  { method: "GET", path: () => "/api/admin/teams", status: ADMIN_READ },
  { method: "POST", path: () => "/api/admin/teams", body: (w) => ({ name: `matrix-${stamp}-${w}` }), status: [401, 403, 403, 403, 201] },
  { method: "PATCH", path: (f) => `/api/admin/teams/${f.teamId}`, body: () => ({ oidcGroup: `matrix-group-${stamp}` }), status: [401, 403, 403, 403, 200] },
  { method: "GET", path: () => "/api/admin/grants", status: ADMIN_READ },
  {
    method: "POST",
    path: () => "/api/admin/grants",
    body: () => ({ teamId: "TEAM", appId: cms.appId, taskId: cms.taskId, appName: cms.name, role: "viewer" }),
    status: [401, 403, 403, 403, 201],
  },
  { method: "DELETE", path: (f) => `/api/admin/grants/${f.grantId}`, status: [401, 403, 403, 403, 204] },
  { method: "DELETE", path: (f) => `/api/admin/teams/${f.teamId}`, status: [401, 403, 403, 403, 204] },
  { method: "GET", path: () => "/api/admin/protected-apps", status: ADMIN_READ },
  {
    method: "POST",
    path: () => "/api/admin/protected-apps",
    body: () => ({ appId: recommend.appId, taskId: recommend.taskId, appName: recommend.name }),
    status: [401, 403, 403, 403, 201],
  },
  { method: "DELETE", path: (f) => `/api/admin/protected-apps/${f.protectedTaskId}`, status: [401, 403, 403, 403, 204] },
  { method: "GET", path: () => "/api/admin/freeze-windows", status: ADMIN_READ },
  { method: "POST", path: () => "/api/admin/freeze-windows", body: () => FAR_FREEZE, status: [401, 403, 403, 403, 201] },
  {
    method: "POST",
    path: () => "/api/admin/freeze-windows/preview",
    body: () => ({ timeZone: "Europe/Berlin", schedule: FAR_FREEZE.schedule }),
    status: [401, 403, 403, 403, 200],
  },
  {
    method: "PUT",
    path: (f) => `/api/admin/freeze-windows/${f.freezeId}`,
    body: () => ({ ...FAR_FREEZE, name: "route matrix (changed)" }),
    status: [401, 403, 403, 403, 200],
  },
  { method: "DELETE", path: (f) => `/api/admin/freeze-windows/${f.freezeId}`, status: [401, 403, 403, 403, 204] },
  // Two-person approval. A request is 202; deciding one's own (the admin made them) is 403; the draft app's approved
  // request reaches the cloud, which refuses it (422) — and the approval stays approved for the admin's turn.
  { method: "POST", path: (f, w) => `/api/tasks/${t(f, w)}/requests`, body: () => ({ params: [], reason: "route matrix" }), status: [401, 403, 403, 202, 202] },
  { method: "GET", path: () => "/api/requests", status: [401, 200, 200, 200, 200] },
  { method: "GET", path: (f, w) => `/api/requests/${f.approveId[w]}`, status: [401, 200, 403, 200, 200] },
  { method: "POST", path: (f, w) => `/api/requests/${f.approveId[w]}/approve`, body: () => ({}), status: [401, 403, 403, 200, 403] },
  { method: "POST", path: (f, w) => `/api/requests/${f.rejectId[w]}/reject`, body: () => ({ comment: "route matrix" }), status: [401, 403, 403, 200, 403] },
  { method: "POST", path: (f, w) => `/api/requests/${f.executeId[w]}/execute`, body: () => ({ params: [] }), status: [401, 403, 403, 422, 422] },
  { method: "GET", path: () => "/api/admin/approval-apps", status: ADMIN_READ },
  {
    method: "POST",
    path: () => "/api/admin/approval-apps",
    body: () => ({ appId: recommend.appId, taskId: recommend.taskId, appName: recommend.name }),
    status: [401, 403, 403, 403, 201],
  },
  { method: "DELETE", path: (f) => `/api/admin/approval-apps/${f.approvalTaskId}`, status: [401, 403, 403, 403, 204] },
  // Notifications: everyone's own inbox and watches (watching needs the right to see the app); channels are admins'.
  { method: "GET", path: () => "/api/me/inbox", status: [401, 200, 200, 200, 200] },
  { method: "POST", path: () => "/api/me/inbox/read", body: () => ({}), status: [401, 200, 200, 200, 200] },
  { method: "GET", path: () => "/api/me/watches", status: [401, 200, 200, 200, 200] },
  { method: "PUT", path: () => "/api/me/watches", body: () => ({ taskId: orders.taskId }), status: [401, 200, 200, 200, 200] },
  {
    label: "PUT /api/me/watches (an app the deployer has no grant on)",
    method: "PUT",
    path: () => "/api/me/watches",
    body: () => ({ taskId: search.taskId }),
    status: [401, 200, 403, 403, 200],
  },
  { method: "DELETE", path: () => `/api/me/watches?taskId=${orders.taskId}`, status: [401, 204, 204, 204, 204] },
  { method: "GET", path: () => "/api/admin/channels", status: ADMIN_READ },
  { method: "POST", path: () => "/api/admin/channels", body: () => MATRIX_CHANNEL, status: [401, 403, 403, 403, 201] },
  { method: "PATCH", path: (f) => `/api/admin/channels/${f.channelId}`, body: () => ({ enabled: false }), status: [401, 403, 403, 403, 200] },
  // Nobody listens at the channel's URL: the test is answered 200 with what happened (no answer).
  { method: "POST", path: (f) => `/api/admin/channels/${f.channelId}/test`, status: [401, 403, 403, 403, 200] },
  { method: "GET", path: (f) => `/api/admin/channels/${f.channelId}/deliveries`, status: ADMIN_READ },
  { method: "POST", path: () => "/api/admin/deliveries/00000000-0000-4000-8000-000000000000/retry", status: [401, 403, 403, 403, 404] },
  { method: "GET", path: () => "/api/admin/subscriptions", status: ADMIN_READ },
  {
    method: "POST",
    path: () => "/api/admin/subscriptions",
    body: () => ({ channelId: "CHANNEL", scope: { kind: "apps", taskIds: [cms.taskId] }, events: ["deploy.failed"] }),
    status: [401, 403, 403, 403, 201],
  },
  { method: "DELETE", path: (f) => `/api/admin/subscriptions/${f.subscriptionId}`, status: [401, 403, 403, 403, 204] },
  { method: "DELETE", path: (f) => `/api/admin/channels/${f.channelId}`, status: [401, 403, 403, 403, 204] },
  // next-auth's own routes are public by nature; an unknown path is a JSON 404 for everyone.
  { method: "GET", path: () => "/api/auth/session", status: [200, 200, 200, 200, 200], undocumented: true },
  { method: "GET", path: () => "/api/auth/providers", status: [200, 200, 200, 200, 200], undocumented: true },
  // API tokens: everyone signed in has their own; every token is for admins; revoking another's is "not found".
  { method: "GET", path: () => "/api/tokens", status: [401, 200, 200, 200, 200] },
  { label: "GET /api/tokens?scope=all", method: "GET", path: () => "/api/tokens?scope=all", status: [401, 403, 403, 403, 200] },
  { method: "POST", path: () => "/api/tokens", body: () => ({ name: "route matrix", expiresInDays: 1, role: "viewer" }), status: [401, 201, 201, 201, 201] },
  { method: "DELETE", path: (f) => `/api/tokens/${f.tokenId}`, status: [401, 404, 404, 404, 204] },
  { method: "POST", path: () => "/api/admin/service-accounts", body: () => ({ name: `route matrix ${stamp}` }), status: [401, 403, 403, 403, 201] },
  { method: "GET", path: () => "/api/auth/csrf", status: [200, 200, 200, 200, 200], undocumented: true },
  { method: "GET", path: () => "/api/no-such-route", status: [404, 404, 404, 404, 404], undocumented: true },
];

const clients = new Map<Who, APIRequestContext>();
let fx: Fixture;
/** Every answer of the matrix is checked against the console's own OpenAPI document (the contract test). */
let check: ReturnType<typeof answerChecker>;

test.beforeAll(async ({ playwright }) => {
  for (const w of WHO) clients.set(w, await apiAs(playwright, LOGIN[w]));
  const admin = clients.get("admin")!;
  const doc = await clients.get("anonymous")!.get("/api/openapi.json");
  expect(doc.status()).toBe(200);
  check = answerChecker((await doc.json()) as Parameters<typeof answerChecker>[0]);
  const firstRecord = async (taskId: string) =>
    ((await (await admin.get(`/api/tasks/${taskId}/records`)).json()) as { items: { recordId: string }[] }).items[0]!.recordId;
  const [ordersRecord, searchRecord] = await Promise.all([firstRecord(orders.taskId), firstRecord(search.taskId)]);
  const created = async (path: string, data: unknown) => {
    const r = await admin.post(path, { data });
    expect(r.status(), path).toBe(201);
    return (await r.json()) as { id: string; taskId: string };
  };
  const team = await created("/api/admin/teams", { name: `matrix-fixture-${stamp}` });
  const user = await created("/api/admin/users", { email: `matrix-fixture-${stamp}@e2e.test`, name: "Fixture", password: "matrix-password-123" });
  const grant = await created("/api/admin/grants", { teamId: team.id, appId: "*", role: "viewer" });
  const prot = await created("/api/admin/protected-apps", { appId: cms.appId, taskId: cms.taskId, appName: cms.name });
  const freeze = await created("/api/admin/freeze-windows", FAR_FREEZE);
  const approvalApp = await created("/api/admin/approval-apps", { appId: cms.appId, taskId: cms.taskId, appName: cms.name });
  const channel = await created("/api/admin/channels", { ...MATRIX_CHANNEL, name: "route matrix fixture" });
  const subscription = await created("/api/admin/subscriptions", { channelId: channel.id, scope: { kind: "all" }, events: ["deploy.failed"] });
  const token = (await created("/api/tokens", { name: "route matrix fixture", expiresInDays: 1, role: "viewer" })) as unknown as { token: { id: string } };
  const request = async (taskId: string) => {
    const r = await admin.post(`/api/tasks/${taskId}/requests`, { data: { params: [], reason: "route matrix fixture" } });
    expect(r.status(), `request on ${taskId}`).toBe(202);
    return ((await r.json()) as { id: string }).id;
  };
  const [approveOrders, approveSearch, rejectOrders, rejectSearch, executeDraft, executeSearch] = await Promise.all([
    request(orders.taskId),
    request(search.taskId),
    request(orders.taskId),
    request(search.taskId),
    request(draft.taskId),
    request(search.taskId),
  ]);
  // The draft app's request is approved by the deployer (not the admin's own), so both may execute it.
  expect((await clients.get("devGrant")!.post(`/api/requests/${executeDraft}/approve`, { data: {} })).status()).toBe(200);
  const perWho = (granted: string, other: string) => Object.fromEntries(WHO.map((w) => [w, w === "devNoGrant" ? other : granted])) as Record<Who, string>;
  rows.forEach((r) => {
    if (r.body && JSON.stringify(r.body("admin")).includes('"TEAM"')) {
      const make = r.body;
      r.body = (w) => JSON.parse(JSON.stringify(make(w)).replace('"TEAM"', JSON.stringify(team.id))) as unknown;
    }
    if (r.body && JSON.stringify(r.body("admin")).includes('"CHANNEL"')) {
      const make = r.body;
      r.body = (w) => JSON.parse(JSON.stringify(make(w)).replace('"CHANNEL"', JSON.stringify(channel.id))) as unknown;
    }
  });
  const task = (w: Who) => (w === "devNoGrant" ? search.taskId : orders.taskId);
  const record = (w: Who) => (w === "devNoGrant" ? searchRecord : ordersRecord);
  fx = {
    task: Object.fromEntries(WHO.map((w) => [w, task(w)])) as Record<Who, string>,
    record: Object.fromEntries(WHO.map((w) => [w, record(w)])) as Record<Who, string>,
    userId: user.id,
    teamId: team.id,
    grantId: grant.id,
    protectedTaskId: prot.taskId,
    freezeId: freeze.id,
    approveId: perWho(approveOrders, approveSearch),
    rejectId: perWho(rejectOrders, rejectSearch),
    executeId: perWho(executeDraft, executeSearch),
    approvalTaskId: approvalApp.taskId,
    channelId: channel.id,
    subscriptionId: subscription.id,
    tokenId: token.token.id,
  };
});

test.afterAll(async () => {
  // The windows the POST row made go too (the fixture's went with the DELETE row).
  const admin = clients.get("admin")!;
  const windows = (await (await admin.get("/api/admin/freeze-windows")).json()) as { id: string; name: string }[];
  for (const w of windows.filter((x) => x.name.startsWith("route matrix"))) await admin.delete(`/api/admin/freeze-windows/${w.id}`);
  const channels = (await (await admin.get("/api/admin/channels")).json()) as { id: string; name: string }[];
  for (const c of channels.filter((x) => x.name.startsWith("route matrix"))) await admin.delete(`/api/admin/channels/${c.id}`);
  // Later specs deploy the matrix's app without an approval.
  await clients.get("admin")!.delete(`/api/admin/approval-apps/${recommend.taskId}`);
  for (const c of clients.values()) await c.dispose();
});

for (const row of rows) {
  const label =
    row.label ??
    `${row.method} ${row.path({ task: { devGrant: "{taskId}" }, record: { devGrant: "{recordId}" }, userId: "{id}", teamId: "{id}", grantId: "{id}", protectedTaskId: "{taskId}", approveId: { devGrant: "{id}" }, rejectId: { devGrant: "{id}" }, executeId: { devGrant: "{id}" }, approvalTaskId: "{taskId}", freezeId: "{id}", channelId: "{id}", subscriptionId: "{id}", tokenId: "{id}" } as unknown as Fixture, "devGrant")}`;
  test(label, async () => {
    const got: Record<string, number> = {};
    const want: Record<string, number> = {};
    const problems: string[] = [];
    for (const [i, w] of WHO.entries()) {
      const r = await clients.get(w)!.fetch(row.path(fx, w), { method: row.method, data: row.body?.(w) });
      got[w] = r.status();
      want[w] = row.status[i]!;
      const json = /^application\/json/.test(r.headers()["content-type"] ?? "");
      const body: unknown = json ? await r.json() : null;
      if (r.status() >= 400 && r.status() !== 404) {
        expect((body as { error?: { code: string } } | null)?.error?.code, `${w}: JSON error body`).toBeTruthy();
      }
      const found = check({ method: row.method, path: new URL(r.url()).pathname, status: r.status(), body });
      if (!row.undocumented) problems.push(...found.map((p) => `${w}: ${p}`));
      else expect(found[0], "an undocumented path is not in the document").toMatch(/no path of the document matches/);
    }
    expect(got).toEqual(want);
    expect(problems, "the answers match the OpenAPI document").toEqual([]);
  });
}
