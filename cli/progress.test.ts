import { describe, expect, it } from "vitest";
import { ProgressView, changeKey, formatElapsed, progressLine } from "./progress";
import { record } from "./testing/fixtures";
import { StringStream } from "./testing/fake-console";

// The fixtures' records start at 09:59:00 and end at 10:00:03.
const NOW = Date.parse("2026-12-08T09:59:42Z");

describe("formatElapsed", () => {
  it.each([
    [0, "0:00"],
    [7_400, "0:07"],
    [63_000, "1:03"],
    [3_723_000, "1:02:03"],
    [-5, "0:00"],
  ])("%d ms → %s", (ms, text) => expect(formatElapsed(ms)).toBe(text));
});

describe("progressLine", () => {
  it.each([
    [record("running", ["succeeded", "running", "pending"]), "running · step 2/3 Install · 0:42"],
    [record("running", ["pending", "pending", "pending"]), "running · step 1/3 Stop Service pending · 0:42"],
    [record("succeeded", ["succeeded", "succeeded", "succeeded"]), "succeeded · 3 steps · 1:03"],
    [record("failed", ["succeeded", "succeeded", "failed"]), "failed · step 3/3 Health Test · 1:03"],
    [record("abort", ["succeeded", "stopped", "not_run"]), "abort · step 2/3 Install stopped · 1:03"],
    [record("running", []), "running · 0:42"],
  ])("%#: %s", (r, line) => expect(progressLine(r, NOW)).toBe(line));

  it("counts from when the CLI began waiting when the cloud gave no start time", () => {
    expect(progressLine(record("pending", [], { startTime: null }), NOW, NOW - 5_000)).toBe("pending · 0:05");
  });

  it("leaves disabled steps out of the count", () => {
    const r = record("running", ["succeeded", "running", "pending"]);
    r.steps[0]!.enabled = false;
    expect(progressLine(r, NOW)).toBe("running · step 1/2 Install · 0:42");
  });
});

describe("ProgressView", () => {
  it("without a terminal: one line per change of state or step, none for the clock", () => {
    const stream = new StringStream(false);
    let now = NOW;
    const view = new ProgressView(stream, () => now);
    view.show(record("running", ["running", "pending"]));
    now += 2000;
    view.show(record("running", ["running", "pending"]));
    view.tick();
    view.show(record("running", ["succeeded", "running"]));
    view.show(record("succeeded", ["succeeded", "succeeded"]));
    view.end();
    expect(stream.text).toBe(["running · step 1/2 Stop Service · 0:42", "running · step 2/2 Install · 0:44", "succeeded · 2 steps · 1:03", ""].join("\n"));
  });

  it("on a terminal: one line redrawn in place, the clock ticking, a newline at the end", () => {
    const stream = new StringStream(true, 40);
    let now = NOW;
    const view = new ProgressView(stream, () => now);
    view.show(record("running", ["running"]));
    now += 1000;
    view.tick();
    view.end();
    expect(stream.text).toBe("\r\x1b[2Krunning · step 1/1 Stop Service · 0:42\r\x1b[2Krunning · step 1/1 Stop Service · 0:43\n");
  });

  it("truncates to the terminal's width", () => {
    const stream = new StringStream(true, 20);
    new ProgressView(stream, () => NOW).show(record("running", ["running"]));
    expect(stream.text).toBe("\r\x1b[2Krunning · step 1/1…");
  });

  it("changeKey ignores the clock", () => {
    expect(changeKey(record("running", ["running"]))).toBe(changeKey(record("running", ["running"], { startTime: "2026-12-08T09:00:00Z" })));
  });
});
