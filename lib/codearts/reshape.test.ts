import { describe, expect, it } from "vitest";
import { aomComponentsOf } from "../schemas/record-views";
import { stepReferences, taskStateOf, toAppSummary, toParamDefinitions, toRecordParam, toRecordStatus, toRunState } from "./reshape";
import { upstreamTimeToIso } from "./time";

describe("toRunState", () => {
  it.each([
    ["succeeded", "succeeded"],
    ["SUCCEEDED", "succeeded"],
    ["success", "succeeded"],
    ["abort", "abort"],
    ["aborted", "abort"],
    ["Available", "unknown"],
    [undefined, "unknown"],
  ])("%s → %s", (input, expected) => expect(toRunState(input)).toBe(expected));
});

describe("upstreamTimeToIso", () => {
  it("reads zone-less strings at the upstream offset and tolerates the .0 suffix", () => {
    expect(upstreamTimeToIso("2026-04-17 17:26:47.0", 480)).toBe("2026-04-17T09:26:47.000Z");
    expect(upstreamTimeToIso("2026-04-17 17:26:47", 480)).toBe("2026-04-17T09:26:47.000Z");
    expect(upstreamTimeToIso("", 480)).toBeNull();
    expect(upstreamTimeToIso("garbage", 480)).toBeNull();
  });
});

describe("parameter definitions", () => {
  const steps = {
    step1: { id: "1", name: "pull", params: { image: "repo/app:${image_tag}", env: "${host_group}" }, enable: true },
    step2: { id: "2", name: "run", params: { cmd: "run --port ${service_port} --level ${log_level}", pwd: "${db_password}" } },
  };

  it("finds ${name} references in step order", () => {
    expect(stepReferences(steps)).toEqual(["image_tag", "host_group", "service_port", "log_level", "db_password"]);
  });

  it("takes types and values from the newest record, never keeps secrets, gathers enum options", () => {
    const newest = [
      { name: "image_tag", type: "text", value: "v2" },
      { name: "service_port", type: "text", value: "8080" },
      { name: "log_level", type: "enum", value: "info" },
      { name: "db_password", type: "encrypt", value: "" },
      { name: "extra", type: "text", value: "x" },
    ];
    const older = [
      { name: "log_level", type: "enum", value: "debug" },
      { name: "image_tag", type: "text", value: "v1" },
      { name: "db_password", type: "encrypt", value: "leaked?" },
    ];
    const defs = toParamDefinitions(steps, [newest, older]);
    expect(defs.map((d) => d.name)).toEqual(["image_tag", "host_group", "service_port", "log_level", "db_password", "extra"]);
    expect(defs.find((d) => d.name === "image_tag")).toMatchObject({ type: "text", value: "v2", source: "last_run", options: ["v2"] });
    expect(defs.find((d) => d.name === "host_group")).toMatchObject({ type: "text", value: null, source: "step_reference" });
    expect(defs.find((d) => d.name === "log_level")).toMatchObject({ type: "enum", value: "info", options: ["info", "debug"] });
    expect(defs.find((d) => d.name === "db_password")).toMatchObject({ type: "encrypt", value: null, options: [] });
  });

  it("masks encrypt values of a record", () => {
    expect(toRecordParam({ name: "pwd", type: "encrypt", value: "s3cret" })).toEqual({ name: "pwd", type: "encrypt", value: null, secret: true });
    expect(toRecordParam({ name: "port", type: "text", value: "8080" })).toEqual({ name: "port", type: "text", value: "8080", secret: false });
  });
});

describe("aomComponentsOf", () => {
  it("maps state '1' (string or number) to effective", () => {
    const c = aomComponentsOf([
      { app_id: "a", comp_id: "c", state: "1" },
      { app_id: "b", state: "0" },
    ]);
    expect(c.map((x) => x.effective)).toEqual([true, false]);
  });
});

describe("a run result in `state` (the doc's ListDeployTasks example)", () => {
  const app = { id: "a".repeat(32), name: "demo" };
  it.each([
    [{ arrange_infos: [{ id: "t", state: "failed" }] }, "failed"],
    [{ arrange_infos: [{ id: "t", state: "Available" }], execution_state: "succeeded" }, "succeeded"],
    [{ arrange_infos: [{ id: "t", state: "succeeded" }], execution_state: "running" }, "running"],
    [{ arrange_infos: [{ id: "t", state: "Draft" }] }, "not_executed"],
    [{}, "not_executed"],
  ])("%j → last state %s", (fields, expected) => {
    expect(toAppSummary({ ...app, ...fields }, 480).lastState).toBe(expected);
  });

  // Issue 16 point 7: the picker row must know a draft (CodeArts refuses it) before the task page is opened.
  it.each([
    [{ arrange_infos: [{ id: "t", state: "Draft" }], execution_state: "not_executed" }, true],
    [{ arrange_infos: [{ id: "t", state: "Available" }] }, false],
    [{ arrange_infos: [{ id: "t", state: "failed" }] }, false],
    [{}, false],
  ])("%j → draft %s; the trigger rule is not in ListAllApp", (fields, draft) => {
    expect(toAppSummary({ ...app, ...fields }, 480)).toMatchObject({ draft, triggerSource: null });
  });

  it.each([
    ["Draft", null, { draft: true, lastRun: null }],
    ["draft", "succeeded", { draft: true, lastRun: "succeeded" }],
    ["Available", null, { draft: false, lastRun: null }],
    ["succeeded", null, { draft: false, lastRun: "succeeded" }],
    ["FAILED", "running", { draft: false, lastRun: "running" }],
    ["something new", null, { draft: false, lastRun: null }],
  ])("taskStateOf(%j, %j)", (state, execution, expected) => expect(taskStateOf(state, execution)).toEqual(expected));
});

describe("step states (StepInfo has none: derived from the record's state and each step's progress)", () => {
  const wire = (over: Record<string, unknown>[]) => ({
    status: "running",
    step: "running",
    step_state: over.map((o, i) => ({ id: i + 1, name: `s${i + 1}`, enable: true, elapsed_time: 0, offset: 0, current_offset: 0, faq_url: "", ...o })),
  });
  const states = (status: string, steps: Record<string, unknown>[]) =>
    toRecordStatus({ ...wire(steps), status, step: status === "running" ? "running" : "finish" }, { taskId: "t", recordId: "r" }, 480).steps.map(
      (s) => s.state,
    );

  it("running: done before the last step that progressed, that one running, the rest pending; disabled skipped", () => {
    expect(states("running", [{ elapsed_time: 3000 }, { enable: false }, { elapsed_time: 1200, current_offset: 40, offset: 10 }, {}])).toEqual([
      "succeeded",
      "skipped",
      "running",
      "pending",
    ]);
    // Nothing progressed yet: the first enabled step is the one running.
    expect(states("running", [{ enable: false }, {}, {}])).toEqual(["skipped", "running", "pending"]);
  });

  it("log progress alone counts (a step that just began has no elapsed time yet)", () => {
    expect(states("running", [{ elapsed_time: 3000 }, { offset: 100, current_offset: 180 }, {}])).toEqual(["succeeded", "running", "pending"]);
  });

  it("succeeded: every enabled step succeeded", () => {
    expect(states("succeeded", [{ elapsed_time: 1 }, { enable: false }, { elapsed_time: 1 }])).toEqual(["succeeded", "skipped", "succeeded"]);
  });

  it("failed: the step with a faq_url failed, the ones after it did not run", () => {
    expect(states("failed", [{ elapsed_time: 3000 }, { elapsed_time: 3000, faq_url: "https://support/faq" }, {}])).toEqual(["succeeded", "failed", "not_run"]);
    // Without a faq_url, the last step that progressed.
    expect(states("failed", [{ elapsed_time: 3000 }, { elapsed_time: 10 }, {}])).toEqual(["succeeded", "failed", "not_run"]);
    // Failed before any step ran.
    expect(states("failed", [{}, {}])).toEqual(["not_run", "not_run"]);
  });

  it("aborted: the step under way when stopped is stopped", () => {
    expect(states("abort", [{ elapsed_time: 3000 }, { elapsed_time: 200 }, {}])).toEqual(["succeeded", "stopped", "not_run"]);
  });

  it("a state that says nothing about the steps leaves them unknown; queued ones pending", () => {
    expect(states("weird", [{}, { enable: false }])).toEqual(["unknown", "skipped"]);
    expect(states("queued", [{}])).toEqual(["pending"]);
  });
});
