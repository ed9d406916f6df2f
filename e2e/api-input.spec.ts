/**
 * Bad input to every console route gets a 4xx JSON error and never reaches the cloud (counted at the simulator).
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { SEED } from "../lib/codearts/simulator/seed";
import { METHODS } from "../lib/server/methods";
import { apiAs, expect, test } from "./fixtures";

const T = SEED.apps.orders.taskId;
const R = "0123456789abcdefghijklmnopqrstuv";

type Case = {
  name: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  status: number;
  code: string;
  body?: string;
  type?: string;
  allow?: string;
};

const cases: Case[] = [
  { name: "task id too short", method: "GET", path: "/api/tasks/abc", status: 400, code: "invalid_id" },
  { name: "task id upper case", method: "GET", path: `/api/tasks/${T.toUpperCase()}`, status: 400, code: "invalid_id" },
  { name: "task id with dots", method: "GET", path: `/api/tasks/..%2F..%2Fv3%2Fprojects`, status: 400, code: "invalid_id" },
  { name: "encoded slash in record id", method: "GET", path: `/api/tasks/${T}/records/a%2Fb`, status: 400, code: "invalid_id" },
  { name: "record id 33 chars", method: "GET", path: `/api/tasks/${T}/records/${R}x/params`, status: 400, code: "invalid_id" },
  { name: "logs with a bad record id", method: "GET", path: `/api/tasks/${T}/records/%00/logs`, status: 400, code: "invalid_id" },
  { name: "log download with a bad record id", method: "GET", path: `/api/tasks/${T}/records/${R}x/logs/download`, status: 400, code: "invalid_id" },
  { name: "log download with a bad task id", method: "GET", path: `/api/tasks/..%2Fx/records/${R}/logs/download`, status: 400, code: "invalid_id" },
  { name: "logs offset not a number", method: "GET", path: `/api/tasks/${T}/records/${R}/logs?offset=-1`, status: 400, code: "validation_failed" },
  { name: "apps page 0", method: "GET", path: "/api/apps?page=0", status: 400, code: "validation_failed" },
  { name: "apps size 101", method: "GET", path: "/api/apps?size=101", status: 400, code: "validation_failed" },
  { name: "apps unknown state", method: "GET", path: "/api/apps?state=bogus", status: 400, code: "validation_failed" },
  { name: "apps unknown parameter", method: "GET", path: "/api/apps?project_id=x", status: 400, code: "validation_failed" },
  { name: "records range over 92 days", method: "GET", path: `/api/tasks/${T}/records?from=2026-01-01&to=2026-06-01`, status: 400, code: "validation_failed" },
  { name: "records impossible date", method: "GET", path: `/api/tasks/${T}/records?from=2026-02-30`, status: 400, code: "validation_failed" },
  { name: "records from after to", method: "GET", path: `/api/tasks/${T}/records?from=2026-03-02&to=2026-03-01`, status: 400, code: "validation_failed" },
  { name: "preview with a bad task id", method: "POST", path: "/api/tasks/..%2Fx/preview", body: "{}", status: 400, code: "invalid_id" },
  { name: "preview with confirmation fields", method: "POST", path: `/api/tasks/${T}/preview`, body: '{"reason":"x"}', status: 400, code: "validation_failed" },
  {
    name: "preview keeping a secret it also sends",
    method: "POST",
    path: `/api/tasks/${T}/preview`,
    body: '{"params":[{"key":"p","value":"x","type":"encrypt"}],"keep_secrets":["p"]}',
    status: 400,
    code: "validation_failed",
  },
  { name: "rollback without a reason", method: "POST", path: `/api/tasks/${T}/start`, body: `{"record_id":"${R}"}`, status: 400, code: "validation_failed" },
  { name: "start with malformed JSON", method: "POST", path: `/api/tasks/${T}/start`, body: "{params:", status: 400, code: "invalid_json" },
  {
    name: "start without JSON content type",
    method: "POST",
    path: `/api/tasks/${T}/start`,
    body: "{}",
    type: "text/plain",
    status: 415,
    code: "unsupported_media_type",
  },
  {
    name: "start with params not an array",
    method: "POST",
    path: `/api/tasks/${T}/start`,
    body: '{"params":{"key":"a"}}',
    status: 400,
    code: "validation_failed",
  },
  {
    name: "start with a number value",
    method: "POST",
    path: `/api/tasks/${T}/start`,
    body: '{"params":[{"key":"a","value":1,"type":"text"}]}',
    status: 400,
    code: "validation_failed",
  },
  {
    name: "start with a bad key",
    method: "POST",
    path: `/api/tasks/${T}/start`,
    body: '{"params":[{"key":"a b","value":"1","type":"text"}]}',
    status: 400,
    code: "validation_failed",
  },
  {
    name: "start with a template value",
    method: "POST",
    path: `/api/tasks/${T}/start`,
    body: '{"params":[{"key":"a","value":"{%x%}","type":"text"}]}',
    status: 400,
    code: "validation_failed",
  },
  {
    name: "start with an unknown type",
    method: "POST",
    path: `/api/tasks/${T}/start`,
    body: '{"params":[{"key":"a","value":"1","type":"password"}]}',
    status: 400,
    code: "validation_failed",
  },
  { name: "start with a bad record_id", method: "POST", path: `/api/tasks/${T}/start`, body: '{"record_id":"../x"}', status: 400, code: "validation_failed" },
  {
    name: "start with trigger_source as a number",
    method: "POST",
    path: `/api/tasks/${T}/start`,
    body: '{"trigger_source":1}',
    status: 400,
    code: "validation_failed",
  },
  { name: "start with an unknown field", method: "POST", path: `/api/tasks/${T}/start`, body: '{"project_id":"x"}', status: 400, code: "validation_failed" },
  { name: "start with a JSON array", method: "POST", path: `/api/tasks/${T}/start`, body: "[]", status: 400, code: "validation_failed" },
  { name: "start on a bad task id", method: "POST", path: "/api/tasks/nope/start", body: "{}", status: 400, code: "invalid_id" },
  { name: "stop on a bad record id", method: "POST", path: `/api/tasks/${T}/records/nope/stop`, status: 400, code: "invalid_id" },
  { name: "unknown API route", method: "GET", path: "/api/v2/tasks", status: 404, code: "not_found" },
  { name: "start with PUT", method: "PUT", path: `/api/tasks/${T}/start`, body: "{}", status: 405, code: "method_not_allowed", allow: "POST" },
  { name: "apps with DELETE", method: "DELETE", path: "/api/apps", status: 405, code: "method_not_allowed", allow: "GET" },
  { name: "a record with PATCH", method: "PATCH", path: `/api/tasks/${T}/records/${R}`, body: "{}", status: 405, code: "method_not_allowed", allow: "GET" },
];

test.describe("bad input never reaches the cloud", () => {
  for (const c of cases) {
    test(c.name, async ({ request, sim }) => {
      const before = await sim.totalCalls();
      const r = await request.fetch(c.path, {
        method: c.method,
        data: c.body === undefined ? undefined : Buffer.from(c.body),
        headers: c.body !== undefined ? { "content-type": c.type ?? "application/json" } : {},
      });
      expect(r.status()).toBe(c.status);
      expect(r.headers()["content-type"]).toContain("application/json");
      // Only a 405 names the methods the route does serve.
      expect(r.headers().allow).toBe(c.allow);
      const json = (await r.json()) as { error: { code: string; message: string } };
      expect(json.error.code).toBe(c.code);
      expect(json.error.message.length).toBeGreaterThan(5);
      expect(await sim.totalCalls()).toBe(before);
    });
  }

  test("an oversize body is refused with 413 before it is parsed", async ({ request, sim }) => {
    const before = await sim.totalCalls();
    const huge = JSON.stringify({ params: [{ key: "a", value: "x".repeat(6 * 1024 * 1024), type: "text" }] });
    const r = await request.post(`/api/tasks/${T}/start`, { data: huge, headers: { "content-type": "application/json" } });
    expect(r.status()).toBe(413);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
    expect(await sim.totalCalls()).toBe(before);
  });

  test("a page address that is not valid percent-encoding is a 400, not a server error", async ({ request }) => {
    for (const path of ["/tasks/%", "/tasks/%zz", "/tasks/%ED%A0%80/records/x"]) {
      const r = await request.get(path, { maxRedirects: 0 });
      expect(r.status(), path).toBe(400);
    }
  });

  test("every route answers each method it does not serve with a JSON 405 naming the ones it does, and OPTIONS with them", async ({ request, sim }) => {
    // From the route files themselves: app/api/tasks/[taskId]/route.ts → /api/tasks/<a task id>, and what it exports.
    const API = join(process.cwd(), "app", "api");
    const files = (function walk(dir: string): string[] {
      return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : n === "route.ts" ? [join(dir, n)] : []));
    })(API).filter((f) => !f.includes("[..."));
    expect(files.length).toBeGreaterThan(20);
    const before = await sim.totalCalls();
    for (const file of files) {
      const path = `/api/${relative(API, file).split(sep).slice(0, -1).join("/")}`
        .replace(/\[taskId\]/g, T)
        .replace(/\[recordId\]/g, R)
        .replace(/\[id\]/g, "00000000-0000-4000-8000-000000000000");
      const text = readFileSync(file, "utf8");
      const served = METHODS.filter((m) => new RegExp(`export (const|async function|function) ${m}\\b`).test(text));
      expect(served.length, file).toBeGreaterThan(0);
      for (const method of METHODS.filter((m) => !served.includes(m))) {
        const r = await request.fetch(path, {
          method,
          data: method === "GET" ? undefined : Buffer.from("{}"),
          headers: { "content-type": "application/json" },
        });
        expect(r.status(), `${method} ${path}`).toBe(405);
        expect(r.headers().allow, `${method} ${path}`).toBe(served.join(", "));
        expect(((await r.json()) as { error: { code: string } }).error.code, `${method} ${path}`).toBe("method_not_allowed");
        expect(r.headers()["x-content-type-options"]).toBe("nosniff");
      }
      const options = await request.fetch(path, { method: "OPTIONS" });
      expect(options.status(), `OPTIONS ${path}`).toBe(204);
      expect(options.headers().allow, `OPTIONS ${path}`).toBe([...served, ...(served.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", "));
    }
    expect(await sim.totalCalls()).toBe(before);
  });

  test("U+0000 and unpaired surrogates are bad input naming the field — not an outage — and write nothing", async ({ playwright, sim }) => {
    const request = await apiAs(playwright, "admin"); // the admin routes too
    const ledgerTotal = async () => ((await (await request.get("/api/audit?size=1")).json()) as { total: number }).total;
    const [calls, rows] = [await sim.totalCalls(), await ledgerTotal()];
    const bad: [string, string, unknown, (string | number)[]][] = [
      ["POST", `/api/tasks/${T}/start`, { params: [], reason: "r\u0000" }, ["reason"]],
      ["POST", `/api/tasks/${T}/start`, { params: [], reason: "r\ud800" }, ["reason"]],
      ["POST", `/api/tasks/${T}/start`, { params: [{ key: "tag", value: "v\u00001", type: "text" }] }, ["params", 0, "value"]],
      ["POST", `/api/tasks/${T}/start`, { params: [], confirm_name: "orders\u0000", reason: "x" }, ["confirm_name"]],
      ["POST", `/api/tasks/${T}/preview`, { params: [{ key: "tag", value: "\udfff", type: "enum" }] }, ["params", 0, "value"]],
      ["POST", "/api/admin/teams", { name: "ops\u0000" }, ["name"]],
      ["POST", "/api/admin/teams", { name: "ops", oidcGroup: "g\u0000" }, ["oidcGroup"]],
      ["GET", "/api/audit?user=ada%00", undefined, ["user"]],
      ["GET", "/api/apps?q=or%00ders", undefined, ["q"]],
    ];
    for (const [method, path, body, field] of bad) {
      const r = await request.fetch(path, {
        method,
        data: body === undefined ? undefined : Buffer.from(JSON.stringify(body)),
        headers: { "content-type": "application/json" },
      });
      const json = (await r.json()) as { error: { code: string; issues?: { path: (string | number)[] }[] } };
      expect([r.status(), json.error.code], `${method} ${path}`).toEqual([400, "validation_failed"]);
      expect(
        json.error.issues?.map((i) => i.path),
        `${method} ${path}`,
      ).toContainEqual(field);
    }
    expect(await sim.totalCalls()).toBe(calls);
    expect(await ledgerTotal()).toBe(rows);
    await request.dispose();
  });

  test("the server names the failing row", async ({ request }) => {
    const r = await request.post(`/api/tasks/${T}/start`, {
      data: {
        params: [
          { key: "ok", value: "1", type: "text" },
          { key: "ok", value: "2", type: "text" },
        ],
      },
    });
    expect(r.status()).toBe(400);
    const json = (await r.json()) as { error: { issues: { path: (string | number)[]; message: string }[] } };
    expect(json.error.issues[0]).toEqual({ path: ["params", 1, "key"], message: "key_duplicate" });
  });
});
