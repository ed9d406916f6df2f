import { describe, expect, it } from "vitest";
import { EXIT } from "../exit-codes";
import { run } from "../program";
import { TASK_ID } from "../testing/fixtures";
import { SIGNED_IN, fakeConsole, fakeIo } from "../testing/fake-console";
import { minutesUntil } from "./locks";

const NOW = Date.parse("2026-12-08T10:00:00Z");

describe("minutesUntil", () => {
  it.each([
    ["90m", 90],
    ["2h", 120],
    ["1d", 1440],
    ["1h30m", 90],
    ["2026-12-08T17:00:00Z", 420],
    ["2026-12-08T10:15:30Z", 16],
  ])("%s → %d minutes", (value, minutes) => expect(minutesUntil(value, NOW)).toBe(minutes));

  it.each(["soon", "", "2026-12-08T09:00:00Z", "2026-12-08"])("refuses %j", (value) => expect(() => minutesUntil(value, NOW)).toThrow());
});

describe("lock", () => {
  it("sends the reason and minutes; a lock too short is a usage error before any call", async () => {
    const lock = { by: { id: "u", name: "Dev", email: null }, reason: "db migration", note: null, since: "x", until: "2026-12-08T12:00:00Z", mine: true };
    const fake = fakeConsole({ "POST /api/tasks/:taskId/lock": () => ({ body: lock }) });
    const { io, stdout } = fakeIo({ fetch: fake.fetch, env: SIGNED_IN });
    expect(await run(["lock", TASK_ID, "--reason", "db migration", "--until", "2h"], io, "test")).toBe(EXIT.ok);
    expect(fake.seen[0]?.body).toEqual({ reason: "db migration", minutes: 120 });
    expect(stdout.text).toContain("until 2026-12-08T12:00:00Z");

    const { io: io2, stderr } = fakeIo({ fetch: fake.fetch, env: SIGNED_IN });
    expect(await run(["lock", TASK_ID, "--reason", "x", "--until", "5m"], io2, "test")).toBe(EXIT.usage);
    expect(stderr.text).toContain("minutes: must be at least 15 minutes");
    expect(fake.seen).toHaveLength(1);
  });
});
