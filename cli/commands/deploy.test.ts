import { describe, expect, it } from "vitest";
import { EXIT } from "../exit-codes";
import { run } from "../program";
import { RECORD_ID, TASK_ID, app, record, recordIdOf, startAnswer, summary, task } from "../testing/fixtures";
import { SIGNED_IN, URL_, fakeConsole, fakeIo, type Reply } from "../testing/fake-console";

const START = `/api/tasks/${TASK_ID}/start`;

/** A console with the fixture task; `records` answers the record's polls in turn. */
function consoleWith(opts: { start?: Reply; records?: ReturnType<typeof record>[] } = {}) {
  let poll = 0;
  const polls = opts.records ?? [record("succeeded", ["succeeded"])];
  return fakeConsole({
    "GET /api/apps": () => ({ body: { items: [app("订单服务", TASK_ID), app("订单服务-canary", "9".repeat(32))], total: 2, page: 1, size: 100 } }),
    "GET /api/tasks/:taskId": () => ({ body: task() }),
    "GET /api/tasks/:taskId/records": () => ({ body: { items: [summary(13), summary(12), summary(11)], total: 3, page: 1, size: 100, from: "a", to: "b" } }),
    "GET /api/tasks/:taskId/records/:recordId/params": () => ({
      body: [
        { name: "image_tag", type: "text", value: "v0.12.0", secret: false },
        { name: "log_level", type: "enum", value: "debug", secret: false },
        { name: "db_password", type: "encrypt", value: null, secret: true },
      ],
    }),
    "POST /api/tasks/:taskId/start": () => opts.start ?? { body: startAnswer() },
    "GET /api/tasks/:taskId/records/:recordId": () => ({ body: polls[Math.min(poll++, polls.length - 1)] }),
  });
}

describe("deploy", () => {
  it("merges -p onto the task's rows, reads --secret from its variable, sends one Idempotency-Key, prints the record id as JSON", async () => {
    const fake = consoleWith();
    const { io, stdout } = fakeIo({ fetch: fake.fetch, env: { ...SIGNED_IN, CODEARTS_SECRET_DB_PASSWORD: "pa55word" } });
    const code = await run(["deploy", "订单服务", "-p", "image_tag=v2.7.1", "--secret", "db_password", "--json"], io, "test");
    expect(code).toBe(EXIT.ok);
    const [sent] = fake.calls("POST", START);
    expect(sent?.body).toEqual({
      params: [
        { key: "image_tag", type: "text", value: "v2.7.1" },
        { key: "log_level", type: "enum", value: "info" },
        { key: "db_password", type: "encrypt", value: "pa55word" },
      ],
    });
    expect(sent?.headers["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);
    const doc = JSON.parse(stdout.text) as Record<string, unknown>;
    expect(doc).toMatchObject({ taskId: TASK_ID, recordId: RECORD_ID, jobName: "job-1", link: `${URL_}/tasks/${TASK_ID}/records/${RECORD_ID}`, record: null });
    expect(stdout.text).not.toContain("pa55word");
  });

  it("reads secrets from stdin, one line per --secret, when no variable is set", async () => {
    const fake = consoleWith();
    const { io } = fakeIo({ fetch: fake.fetch, env: SIGNED_IN, stdin: "from-stdin\n" });
    expect(await run(["deploy", TASK_ID, "--secret", "db_password"], io, "test")).toBe(EXIT.ok);
    expect((fake.calls("POST", START)[0]?.body as { params: { key: string; value: string }[] }).params.at(-1)).toEqual({
      key: "db_password",
      type: "encrypt",
      value: "from-stdin",
    });
  });

  it("keeps the stored secret when no --secret is given", async () => {
    const fake = consoleWith();
    const { io } = fakeIo({ fetch: fake.fetch, env: SIGNED_IN });
    await run(["deploy", TASK_ID], io, "test");
    expect(fake.calls("POST", START)[0]?.body).toMatchObject({ keep_secrets: ["db_password"] });
  });

  it.each([
    [["-p", "imagetag=v2"], "unknown_parameter"],
    [["-p", "db_password=x"], "secret_parameter"],
    [["-p", "image_tag"], "invalid_parameter"],
    [["-p", "image_tag={{x}}"], "invalid_arguments"],
    [["--rollback-to", "#12"], "invalid_arguments"],
    [["--rollback-to", "#99", "--reason", "x"], "release_not_found"],
  ])("%j: %s, exit 2, start never called", async (args, code) => {
    const fake = consoleWith();
    const { io, stderr } = fakeIo({ fetch: fake.fetch, env: SIGNED_IN });
    expect(await run(["deploy", TASK_ID, ...args], io, "test")).toBe(EXIT.usage);
    expect(stderr.text).toMatch(new RegExp(`^error ${code}:`));
    expect(fake.calls("POST", START)).toEqual([]);
  });

  it("resolves --rollback-to '#12' to its record id and starts from that record's rows", async () => {
    const fake = consoleWith();
    const { io } = fakeIo({ fetch: fake.fetch, env: SIGNED_IN });
    expect(await run(["deploy", TASK_ID, "--rollback-to", "#12", "--reason", "v13 breaks checkout", "-p", "log_level=info"], io, "test")).toBe(EXIT.ok);
    expect(fake.calls("POST", START)[0]?.body).toEqual({
      params: [
        { key: "image_tag", type: "text", value: "v0.12.0" },
        { key: "log_level", type: "enum", value: "info" },
      ],
      keep_secrets: ["db_password"],
      record_id: recordIdOf(12),
      reason: "v13 breaks checkout",
    });
  });

  it("passes a protected app's typed name and the reason", async () => {
    const fake = consoleWith();
    const { io } = fakeIo({ fetch: fake.fetch, env: SIGNED_IN });
    await run(["deploy", TASK_ID, "--confirm-name", "订单服务", "--reason", "weekly"], io, "test");
    expect(fake.calls("POST", START)[0]?.body).toMatchObject({ confirm_name: "订单服务", reason: "weekly" });
  });

  it("an ambiguous app name is refused before the task is read", async () => {
    const fake = fakeConsole({
      "GET /api/apps": () => ({ body: { items: [app("api", "1".repeat(32)), app("api", "2".repeat(32))], total: 2, page: 1, size: 100 } }),
    });
    const { io, stderr } = fakeIo({ fetch: fake.fetch, env: SIGNED_IN });
    expect(await run(["deploy", "api"], io, "test")).toBe(EXIT.usage);
    expect(stderr.text).toMatch(/^error ambiguous_app: 2 apps are named "api"/);
    expect(fake.seen.map((s) => s.path)).toEqual(["/api/apps"]);
  });

  it("a refusal prints the console's code and exits 3", async () => {
    const inFlight = {
      by: { id: null, name: "Li Na", email: null },
      at: "2026-12-08T09:58:00Z",
      recordId: RECORD_ID,
      state: "running",
      link: null,
      ledgerId: null,
    };
    const fake = consoleWith({ start: { status: 409, body: { error: { code: "deploy_in_progress", message: "Another deployment is running.", inFlight } } } });
    const { io, stderr } = fakeIo({ fetch: fake.fetch, env: SIGNED_IN });
    expect(await run(["deploy", TASK_ID], io, "test")).toBe(EXIT.refused);
    expect(stderr.text).toContain("error deploy_in_progress: Another deployment is running.");
    expect(stderr.text).toContain(`held by record ${RECORD_ID} (running), started by Li Na`);
  });

  it("--wait follows the record, one line per change without a terminal, exit 0 when it succeeds", async () => {
    const fake = consoleWith({
      records: [
        record("running", ["running", "pending"]),
        record("running", ["running", "pending"]),
        record("running", ["succeeded", "running"]),
        record("succeeded", ["succeeded", "succeeded"]),
      ],
    });
    const { io, stdout } = fakeIo({ fetch: fake.fetch, env: SIGNED_IN });
    expect(await run(["deploy", TASK_ID, "--wait"], io, "test")).toBe(EXIT.ok);
    const lines = stdout.text.trim().split("\n");
    expect(lines.filter((l) => l.includes(" · "))).toEqual([
      "running · step 1/2 Stop Service · 1:00",
      "running · step 2/2 Install · 1:04",
      "succeeded · 2 steps · 1:03",
    ]);
    expect(lines.at(-1)).toBe(`Record ${RECORD_ID} succeeded in 1:03.`);
  });

  it.each([
    ["failed", ["succeeded", "failed"]],
    ["abort", ["stopped", "not_run"]],
    ["timeout", ["succeeded", "failed"]],
  ] as const)("--wait: a record that ends %s exits 1", async (state, steps) => {
    const fake = consoleWith({ records: [record(state, [...steps])] });
    const { io, stdout } = fakeIo({ fetch: fake.fetch, env: SIGNED_IN });
    expect(await run(["deploy", TASK_ID, "--wait", "--json"], io, "test")).toBe(EXIT.deploymentFailed);
    expect(JSON.parse(stdout.text)).toMatchObject({ recordId: RECORD_ID, record: { state } });
  });

  it("--wait --timeout gives up with exit 1", async () => {
    const fake = consoleWith({ records: [record("running", ["running"])] });
    const { io, stderr } = fakeIo({ fetch: fake.fetch, env: SIGNED_IN });
    expect(await run(["deploy", TASK_ID, "--wait", "--timeout", "5"], io, "test")).toBe(EXIT.deploymentFailed);
    expect(stderr.text).toMatch(/^error wait_timeout: Record .* had not finished after 5 s/m);
  });
});
