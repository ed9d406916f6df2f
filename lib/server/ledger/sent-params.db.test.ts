/** The diff's database side on both dialects: what the console sent for a record, and "my last run". */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { myLastRun, rememberMyRun } from "../db/my-last-run";
import { DIALECTS } from "../db/testing";
import { ACTOR, type Fixture, input, newTaskId, openFixture, SECRET } from "../deploy/db-fixture";
import { fingerprint } from "./fingerprint";
import { sentParams } from "./sent-params";
import { startDeployment } from "../deploy/start";

describe.each(DIALECTS)("sent params and my last run on %s", (dialect) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await openFixture(dialect); // ACTOR exists as a user there
  });
  afterAll(async () => {
    await f.t.close();
  });

  it("returns the parameters the console sent for a record it started, secrets as fingerprints", async () => {
    const task = newTaskId();
    const out = await startDeployment(
      f.deps,
      input(task, {
        body: {
          params: [
            { key: "image_tag", value: "v9", type: "text" },
            { key: "pwd", value: "s3cret", type: "encrypt" },
          ],
        },
      }),
    );
    const recordId = out.kind === "started" ? out.result.id : "";
    expect(await sentParams(f.t.db, task, recordId)).toEqual([
      { key: "image_tag", type: "text", value: "v9" },
      { key: "pwd", type: "encrypt", value: fingerprint("s3cret", SECRET) },
    ]);
  });

  it("returns null for a record the console did not start, or of another task", async () => {
    const task = newTaskId();
    const out = await startDeployment(f.deps, input(task));
    const recordId = out.kind === "started" ? out.result.id : "";
    expect(await sentParams(f.t.db, task, "z".repeat(32))).toBeNull();
    expect(await sentParams(f.t.db, newTaskId(), recordId)).toBeNull();
  });

  it("remembers a user's last non-secret values per task, the newest winning", async () => {
    const task = newTaskId();
    expect(await myLastRun(f.t.db, ACTOR.id, task)).toBeNull();
    await rememberMyRun(f.t.db, { userId: ACTOR.id, taskId: task, params: [{ key: "a", type: "text", value: "1" }], recordId: "r".repeat(32) });
    await rememberMyRun(f.t.db, {
      userId: ACTOR.id,
      taskId: task,
      params: [
        { key: "a", type: "text", value: "2" },
        { key: "pwd", type: "encrypt", value: "never-stored" },
      ],
      recordId: "s".repeat(32),
    });
    const mine = await myLastRun(f.t.db, ACTOR.id, task);
    expect(mine).toMatchObject({ params: [{ key: "a", type: "text", value: "2" }], recordId: "s".repeat(32) });
    const raw = await f.t.db.selectFrom("user_task_params").select("params").execute();
    expect(JSON.stringify(raw)).not.toContain("never-stored");
  });
});
