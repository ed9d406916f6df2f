import { describe, expect, it } from "vitest";
import { EXIT, exitCodeOfStatus } from "./exit-codes";
import { run } from "./program";
import { TASK_ID } from "./testing/fixtures";
import { SIGNED_IN, TOKEN, fakeConsole, fakeIo, type Reply } from "./testing/fake-console";

describe("exitCodeOfStatus", () => {
  it.each([
    [200, EXIT.ok],
    [401, EXIT.unauthenticated],
    [403, EXIT.refused],
    [409, EXIT.refused],
    [422, EXIT.refused],
    [423, EXIT.refused],
    [428, EXIT.refused],
    [429, EXIT.refused],
    [500, EXIT.unavailable],
    [502, EXIT.unavailable],
    [0, EXIT.unavailable],
  ])("%d → %d", (status, code) => expect(exitCodeOfStatus(status)).toBe(code));
});

const refusal = (status: number, code: string, extra: object = {}): Reply => ({
  status,
  body: { error: { code, message: `the console says ${code}`, ...extra } },
});

describe("a command's exit code and stderr", () => {
  const cases: { name: string; reply: Reply; exit: number; stderr: RegExp[] }[] = [
    {
      name: "revoked token",
      reply: refusal(401, "token_revoked"),
      exit: EXIT.unauthenticated,
      stderr: [/^error token_revoked: the console says token_revoked$/m],
    },
    { name: "expired token", reply: refusal(401, "token_expired"), exit: EXIT.unauthenticated, stderr: [/^error token_expired:/m] },
    { name: "role too low", reply: refusal(403, "forbidden"), exit: EXIT.refused, stderr: [/^error forbidden:/m, /^request id req-1$/m] },
    {
      name: "upstream failure",
      reply: refusal(502, "upstream_error", { upstream: { status: 500, error_code: "Deploy.00000500", error_msg: "boom", request_id: "cloud-req-9" } }),
      exit: EXIT.unavailable,
      stderr: [/^error upstream_error:/m, /^upstream Deploy\.00000500 \(request cloud-req-9\)$/m, /^request id req-\d+$/m],
    },
    { name: "unreachable", reply: "network-error", exit: EXIT.unavailable, stderr: [/^error network_error: Could not reach the console/m] },
  ];

  it.each(cases)("$name → exit $exit", async ({ reply, exit, stderr }) => {
    const fake = fakeConsole({ "GET /api/tasks/:taskId": () => reply });
    const { io, stderr: err } = fakeIo({ fetch: fake.fetch, env: SIGNED_IN });
    expect(await run(["tasks", "show", TASK_ID], io, "test")).toBe(exit);
    for (const line of stderr) expect(err.text).toMatch(line);
    expect(err.text).not.toContain(TOKEN);
  });

  it("--json: one document on stdout, the error with its code and request id", async () => {
    const fake = fakeConsole({ "GET /api/tasks/:taskId/records/:recordId": () => refusal(404, "not_found") });
    const { io, stdout, stderr } = fakeIo({ fetch: fake.fetch, env: SIGNED_IN });
    expect(await run(["status", TASK_ID, "f".repeat(32), "--json"], io, "test")).toBe(EXIT.refused);
    expect(JSON.parse(stdout.text)).toEqual({
      error: { code: "not_found", message: "the console says not_found", status: 404, requestId: "req-1", exitCode: 3 },
    });
    expect(stderr.text).toMatch(/^error not_found:/);
  });

  it.each([
    [["deploy"], EXIT.usage],
    [["deploy", TASK_ID, "--bogus"], EXIT.usage],
    [["nonsense"], EXIT.usage],
    [["reject", "x"], EXIT.usage],
    [["--help"], EXIT.ok],
    [["--version"], EXIT.ok],
  ])("commander: %j → exit %d, nothing sent", async (argv, exit) => {
    const fake = fakeConsole({});
    const { io } = fakeIo({ fetch: fake.fetch, env: SIGNED_IN });
    expect(await run(argv, io, "test")).toBe(exit);
    expect(fake.seen).toEqual([]);
  });

  it("--help lists the exit codes", async () => {
    const { io, stdout } = fakeIo({ fetch: fakeConsole({}).fetch });
    await run(["--help"], io, "test");
    expect(stdout.text).toContain("3  refused by the console (4xx; its error code is printed)");
  });

  it("a token in a console message is redacted all the same", async () => {
    const fake = fakeConsole({ "GET /api/me": () => refusal(401, "token_invalid", { message: `unknown token ${TOKEN}` }) });
    const { io, stdout, stderr } = fakeIo({ fetch: fake.fetch, env: { ...SIGNED_IN, DEBUG: "codearts-console" } });
    expect(await run(["whoami", "--json"], io, "test")).toBe(EXIT.unauthenticated);
    expect(stdout.text + stderr.text).not.toContain(TOKEN);
    expect(stderr.text).toContain("unknown token cdc_<redacted>");
    expect(stderr.text).toMatch(/^debug → GET \/api\/me/m);
  });
});
