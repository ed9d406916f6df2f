import { describe, expect, it } from "vitest";
import { startBlockOf } from "./start-block";

const ok = { access: { canDeploy: true }, disabled: false, draft: false, triggerSource: "0" as const, inFlight: null };

describe("startBlockOf", () => {
  it.each([
    ["a task anyone may start", ok, null],
    ["no trigger rule reported", { ...ok, triggerSource: null }, null],
    ["no deploy right", { ...ok, access: { canDeploy: false } }, "denied"],
    ["a disabled app", { ...ok, disabled: true }, "disabled"],
    ["a draft task that never ran", { ...ok, draft: true }, "draft"],
    ["a pipeline-only task (trigger_source 1)", { ...ok, triggerSource: "1" as const }, "pipeline_only"],
    ["a deployment still running", { ...ok, inFlight: { state: "running" as const } }, "running"],
    ["a start in doubt", { ...ok, inFlight: { state: "in_doubt" as const } }, "in_doubt"],
    // The user's own right comes first: it is the one they can do something about.
    ["no right on a pipeline-only draft", { ...ok, access: { canDeploy: false }, draft: true, triggerSource: "1" as const }, "denied"],
    ["a disabled draft", { ...ok, disabled: true, draft: true }, "disabled"],
    ["a pipeline-only task with a deployment running", { ...ok, triggerSource: "1" as const, inFlight: { state: "running" as const } }, "pipeline_only"],
    ["someone else's deploy lock", { ...ok, lock: { mine: false } }, "locked"],
    ["one's own lock: the owner may deploy", { ...ok, lock: { mine: true } }, null],
    // The lock comes right after the right, before what CodeArts would refuse (one order with the server's checks).
    ["a lock on a draft", { ...ok, draft: true, lock: { mine: false } }, "locked"],
    ["no right on a locked task", { ...ok, access: { canDeploy: false }, lock: { mine: false } }, "denied"],
    ["a freeze window in force", { ...ok, freeze: { active: [{ rollbacksAllowed: false }], canOverride: false } }, "frozen"],
    ["a freeze that lets rollbacks through, for a start", { ...ok, freeze: { active: [{ rollbacksAllowed: true }], canOverride: false } }, "frozen"],
    ["… and for a rollback", { ...ok, rollback: true, freeze: { active: [{ rollbacksAllowed: true }], canOverride: false } }, null],
    [
      "two windows, one refusing rollbacks",
      { ...ok, rollback: true, freeze: { active: [{ rollbacksAllowed: true }, { rollbacksAllowed: false }], canOverride: false } },
      "frozen",
    ],
    ["an administrator may override a freeze", { ...ok, freeze: { active: [{ rollbacksAllowed: false }], canOverride: true } }, null],
    ["no freeze in force (only upcoming)", { ...ok, freeze: { active: [], canOverride: false } }, null],
    // After the lock, before what CodeArts would refuse: the server's order.
    ["a freeze on a locked task", { ...ok, lock: { mine: false }, freeze: { active: [{ rollbacksAllowed: false }], canOverride: false } }, "locked"],
    ["a freeze on a draft", { ...ok, draft: true, freeze: { active: [{ rollbacksAllowed: false }], canOverride: false } }, "frozen"],
  ])("%s", (_, task, expected) => {
    expect(startBlockOf(task)).toBe(expected);
  });
});
