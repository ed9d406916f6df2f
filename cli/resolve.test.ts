import { describe, expect, it } from "vitest";
import { CliError, EXIT } from "./exit-codes";
import { ConsoleClient } from "./http";
import { parseRecordRef, pickApp, resolveRecord, resolveTask } from "./resolve";
import { TASK_ID, app, recordIdOf, summary } from "./testing/fixtures";
import { TOKEN, URL_, fakeConsole } from "./testing/fake-console";

const clientOf = (fetch: typeof globalThis.fetch) => new ConsoleClient({ url: URL_, token: TOKEN, fetch, sleep: async () => {}, userAgent: "test" });
const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    return err as CliError;
  }
  throw new Error("expected a failure");
};

describe("pickApp", () => {
  const rows = [app("order-service", "1".repeat(32)), app("order-service-canary", "2".repeat(32)), app("Search", "3".repeat(32)), app("no-task", null)];

  it("takes the exact name, not one that merely contains it", () => {
    expect(pickApp("order-service", rows)).toEqual({ taskId: "1".repeat(32), name: "order-service" });
  });

  it("falls back to a case-insensitive match", () => {
    expect(pickApp("search", rows).taskId).toBe("3".repeat(32));
  });

  it.each([
    ["order", "app_not_found", /did you mean: order-service/],
    ["no-task", "app_not_found", /No app you may see/],
  ])("%s → %s", (ref, code, message) => {
    const e = (() => {
      try {
        pickApp(ref, rows);
      } catch (err) {
        return err as CliError;
      }
    })();
    expect([e?.exitCode, e?.code]).toEqual([EXIT.usage, code]);
    expect(e?.message).toMatch(message);
  });

  it("refuses a name two apps share, naming both task ids", () => {
    const twins = [app("api", "4".repeat(32), { projectName: "a" }), app("api", "5".repeat(32), { projectName: "b" })];
    expect(() => pickApp("api", twins)).toThrow(/2 apps are named "api".*4{32}.*5{32}/);
  });
});

describe("resolveTask", () => {
  it("takes a task id as it is, without asking the console", async () => {
    const fake = fakeConsole({});
    expect(await resolveTask(clientOf(fake.fetch), TASK_ID)).toEqual({ taskId: TASK_ID, name: null });
    expect(fake.seen).toEqual([]);
  });

  it("looks a name up with the picker's search", async () => {
    const fake = fakeConsole({ "GET /api/apps": () => ({ body: { items: [app("订单服务", TASK_ID)], total: 1, page: 1, size: 100 } }) });
    expect((await resolveTask(clientOf(fake.fetch), "订单服务")).taskId).toBe(TASK_ID);
    expect(fake.seen[0]?.query.get("q")).toBe("订单服务");
  });
});

describe("parseRecordRef", () => {
  it.each([
    ["#12", { release: 12 }],
    ["12", { release: 12 }],
    [recordIdOf(3), { recordId: recordIdOf(3) }],
  ])("%s", (ref, parsed) => expect(parseRecordRef(ref)).toEqual(parsed));

  it.each(["#", "#x", "latest", "ABC"])("refuses %s", (ref) => expect(() => parseRecordRef(ref)).toThrow(/neither a record id/));
});

describe("resolveRecord", () => {
  // 250 records, newest first: #250 … #1, 100 a page.
  const history = fakeConsole({
    "GET /api/tasks/:taskId/records": (req) => {
      const page = Number(req.query.get("page"));
      const size = Number(req.query.get("size"));
      const all = Array.from({ length: 250 }, (_, i) => summary(250 - i));
      return { body: { items: all.slice((page - 1) * size, page * size), total: 250, page, size, from: "x", to: "y" } };
    },
  });

  it("finds a release number on a later page of the whole retention", async () => {
    const now = Date.parse("2026-12-08T10:00:00Z");
    expect(await resolveRecord(clientOf(history.fetch), TASK_ID, "#12", now)).toBe(recordIdOf(12));
    const asked = history.seen.map((s) => [s.query.get("page"), s.query.get("from")]);
    expect(asked).toEqual([
      ["1", "2026-09-08"],
      ["2", "2026-09-08"],
      ["3", "2026-09-08"],
    ]);
  });

  it("refuses a release the history does not have (exit 2)", async () => {
    const e = await failure(resolveRecord(clientOf(history.fetch), TASK_ID, "#999", Date.now()));
    expect([e.exitCode, e.code]).toEqual([EXIT.usage, "release_not_found"]);
  });
});
