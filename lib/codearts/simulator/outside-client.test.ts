/**
 * An outside client: requests signed with the official @huaweicloud/huaweicloud-sdk-core signer, as a third
 * party would send them, to every authenticated endpoint of the simulator. Each is accepted as signed; a changed
 * body, signed header, path or query, or a date 16 minutes off, is refused with the gateway's error body and never
 * reaches the service. Our verifier (signature.ts) and Huawei's signer are independent implementations.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CODEARTS_PROJECT_ID as P, DEMO_REGION, SEED, createSimulator } from "./index";
import { ROUTES } from "./router";
import { type CallOptions, call } from "./test-client";
import { DAY_MS, localDate } from "./time";

let clockOffset = 0;
const sim = createSimulator({ port: 0, stepMs: 1, now: () => Date.now() + clockOffset });
const { orders, favourite } = SEED.apps;
const other = favourite;
beforeAll(() => sim.listen());
afterAll(() => sim.close());
afterEach(() => {
  clockOffset = 0;
});

const record = () => sim.state.store.latestRecord(orders.taskId)?.id ?? "";
const swap = (from: string, to: string) => (path: string) => path.replace(from, to);

interface Row {
  op: string;
  request: () => Pick<CallOptions, "method" | "path" | "query" | "body">;
  /** A different path that a tampering proxy might send; refused by the signature or, if no route, by the gateway. */
  changePath: (path: string) => string;
  pathRefusal: "APIGW.0301" | "APIGW.0101";
}

const ROWS: Row[] = [
  {
    op: "KeystoneListProjects",
    request: () => ({ path: "/v3/projects", query: { name: DEMO_REGION } }),
    changePath: swap("projects", "Projects"),
    pathRefusal: "APIGW.0101",
  },
  {
    op: "ListAllApp",
    request: () => ({ method: "POST", path: "/v1/applications/list", body: { project_id: P, page: 1, size: 5 } }),
    changePath: swap("list", "LIST"),
    pathRefusal: "APIGW.0101",
  },
  {
    op: "ShowAppDetailById",
    request: () => ({ path: `/v1/applications/${orders.appId}/info` }),
    changePath: swap(orders.appId, other.appId),
    pathRefusal: "APIGW.0301",
  },
  {
    op: "ShowAppLog",
    request: () => ({ path: `/v1/applications/${orders.appId}/records/${record()}/logs`, query: { offset: "0", end_offset: "100" } }),
    changePath: swap(orders.appId, other.appId),
    pathRefusal: "APIGW.0301",
  },
  {
    op: "ShowTaskTrigger",
    request: () => ({ path: "/v2/task/trigger/detail", query: { task_id: orders.taskId } }),
    changePath: swap("detail", "Detail"),
    pathRefusal: "APIGW.0101",
  },
  {
    op: "ShowExecutionParams",
    request: () => ({ path: `/v2/history/tasks/${orders.taskId}/params`, query: { record_id: record() } }),
    changePath: swap(orders.taskId, other.taskId),
    pathRefusal: "APIGW.0301",
  },
  {
    op: "ListDeployTasks",
    request: () => ({ path: `/v2/${P}/tasks/list`, query: { page: 1, size: 10 } }),
    changePath: swap(P, "f".repeat(32)),
    pathRefusal: "APIGW.0301",
  },
  {
    op: "ListDeployTaskHistoryByDate",
    request: () => ({
      path: `/v2/${P}/task/${orders.taskId}/history`,
      query: { page: 1, size: 10, start_date: localDate(Date.now() - 29 * DAY_MS), end_date: localDate(Date.now()) },
    }),
    changePath: swap(orders.taskId, other.taskId),
    pathRefusal: "APIGW.0301",
  },
  {
    op: "ShowDeployTaskDetail",
    request: () => ({ path: `/v2/tasks/${orders.taskId}` }),
    changePath: swap(orders.taskId, other.taskId),
    pathRefusal: "APIGW.0301",
  },
  {
    op: "StartDeployTask",
    request: () => ({ method: "POST", path: `/v2/tasks/${orders.taskId}/start`, body: { params: [{ key: "image_tag", value: "v1.2.3", type: "text" }] } }),
    changePath: swap(orders.taskId, other.taskId),
    pathRefusal: "APIGW.0301",
  },
  {
    op: "ShowDeployStatus",
    request: () => ({ path: `/v2/tasks/${orders.taskId}/state`, query: { record_id: record(), step_state: true } }),
    changePath: swap(orders.taskId, other.taskId),
    pathRefusal: "APIGW.0301",
  },
  {
    op: "StopDeployTask",
    request: () => ({ method: "PUT", path: `/v2/tasks/${orders.taskId}/records/${record()}/stop` }),
    changePath: swap(orders.taskId, other.taskId),
    pathRefusal: "APIGW.0301",
  },
];

type Tamper = NonNullable<CallOptions["tamper"]>;

async function expectRefused(row: Row, opts: Partial<CallOptions>, code: string) {
  const before = sim.calls.counts[row.op] ?? 0;
  const res = await call(sim.url, { ...row.request(), ...opts });
  expect(res.status).toBe(code === "APIGW.0101" ? 404 : 401);
  const body = res.json as { error_code: string; error_msg: string; request_id: string };
  expect(body).toEqual({ error_code: code, error_msg: expect.any(String), request_id: expect.stringMatching(/^[0-9a-f]{32}$/) });
  expect(res.headers.get("x-request-id")).toBe(body.request_id);
  expect(sim.calls.counts[row.op] ?? 0).toBe(before); // the service never saw it
}

describe("an outside client signing with the official Huawei SDK", () => {
  it("covers every authenticated route of the simulator", () => {
    const routes = ROUTES.filter((r) => r.authenticated).map((r) => r.operation);
    expect(ROWS.map((r) => r.op).sort()).toEqual([...routes].sort());
  });

  it.each(ROWS)("$op: accepted as signed", async (row) => {
    const before = sim.calls.counts[row.op] ?? 0;
    const res = await call(sim.url, row.request());
    expect(res.status, res.text.slice(0, 300)).toBe(200);
    expect(sim.calls.counts[row.op]).toBe(before + 1);
  });

  it.each(ROWS)("$op: a changed signed header is refused", async (row) => {
    const tamper: Tamper = (r) => void (r.headers["Content-Type"] = "application/json;charset=utf-8");
    await expectRefused(row, { tamper }, "APIGW.0301");
  });

  it.each(ROWS)("$op: a changed path is refused", async (row) => {
    const tamper: Tamper = (r) => {
      const u = new URL(r.url);
      u.pathname = row.changePath(u.pathname);
      r.url = u.toString();
    };
    await expectRefused(row, { tamper }, row.pathRefusal);
  });

  it.each(ROWS)("$op: an added query parameter is refused", async (row) => {
    const tamper: Tamper = (r) => void (r.url += r.url.includes("?") ? "&extra=1" : "?extra=1");
    await expectRefused(row, { tamper }, "APIGW.0301");
  });

  it.each(ROWS.filter((r) => r.request().query))("$op: a changed query value is refused", async (row) => {
    const tamper: Tamper = (r) => {
      const u = new URL(r.url);
      const [name, value] = [...u.searchParams.entries()][0] ?? ["", ""];
      u.searchParams.set(name, `${value}0`);
      r.url = u.toString();
    };
    await expectRefused(row, { tamper }, "APIGW.0301");
  });

  it.each(ROWS.filter((r) => r.request().method !== undefined))("$op: a changed body is refused", async (row) => {
    const tamper: Tamper = (r) => void (r.body = JSON.stringify({ ...(r.body ? (JSON.parse(r.body) as object) : {}), page: 2 }));
    await expectRefused(row, { tamper }, "APIGW.0301");
  });

  it.each(ROWS.flatMap((row) => [16, -16].map((minutes) => ({ ...row, minutes }))))(
    "$op: a date $minutes minutes off is refused with APIGW.0303",
    async (row) => {
      clockOffset = row.minutes * 60_000;
      await expectRefused(row, {}, "APIGW.0303");
    },
  );
});
