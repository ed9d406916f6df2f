import { describe, expect, it } from "vitest";
import type { CodeArtsClient } from "./client";
import { CodeArtsError } from "./errors";
import { TriggerRules } from "./triggers";

/** A client whose ShowTaskTrigger answers are scripted per task; counts the calls per task. */
function fakeClient(answer: (taskId: string) => Promise<unknown>) {
  const calls = new Map<string, number>();
  const client = {
    deploy: (req: { query: { task_id: string } }) => {
      const id = req.query.task_id;
      calls.set(id, (calls.get(id) ?? 0) + 1);
      return answer(id);
    },
  } as unknown as CodeArtsClient;
  return { client, calls };
}

describe("TriggerRules", () => {
  it("reads the rules of a picker page together, reuses them for a minute, and reads again after", async () => {
    let now = 5_000_000;
    const fake = fakeClient((id) => Promise.resolve({ trigger_source: id === "pipe" ? "1" : "0" }));
    const rules = new TriggerRules(fake.client, () => now);
    expect(await rules.of(["any", "pipe", "any"])).toEqual(
      new Map([
        ["any", "0"],
        ["pipe", "1"],
      ]),
    );
    now += 59_999;
    expect(await rules.of(["pipe"])).toEqual(new Map([["pipe", "1"]]));
    expect(fake.calls.get("pipe")).toBe(1);
    now += 1;
    await rules.of(["pipe"]);
    expect(fake.calls.get("pipe")).toBe(2);
  });

  it("says null when the cloud does not know the rule, and when reading it fails", async () => {
    const fake = fakeClient((id) =>
      id === "gone"
        ? Promise.reject(new CodeArtsError("http", "ShowTaskTrigger", 404, null, "no such API", null))
        : id === "down"
          ? Promise.reject(new CodeArtsError("http", "ShowTaskTrigger", 503, null, "unavailable", null))
          : Promise.resolve({ trigger_source: "7" }),
    );
    const rules = new TriggerRules(fake.client);
    expect(await rules.of(["gone", "down", "odd"])).toEqual(
      new Map([
        ["gone", null],
        ["down", null],
        ["odd", null],
      ]),
    );
  });

  it("a task page's read refreshes what the picker shows", async () => {
    let source = "0";
    const fake = fakeClient(() => Promise.resolve({ trigger_source: source }));
    const rules = new TriggerRules(fake.client);
    expect(await rules.of(["t"])).toEqual(new Map([["t", "0"]]));
    source = "1";
    expect(await rules.read("t")).toBe("1");
    expect(await rules.of(["t"])).toEqual(new Map([["t", "1"]]));
    expect(fake.calls.get("t")).toBe(2);
  });
});
