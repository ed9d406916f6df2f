import { describe, expect, it } from "vitest";
import type { CodeArtsClient } from "./client";
import { CodeArtsError } from "./errors";
import { TASK_INFO_TTL_MS, TaskLookup } from "./tasks";

/** A client whose ShowDeployTaskDetail answers are scripted; counts the calls. */
function fakeClient(answer: (taskId: string, call: number) => Promise<unknown>) {
  let calls = 0;
  const client = {
    config: { codeartsProjectId: "p" },
    deploy: (req: { path: string }) => answer(req.path.split("/").at(-1) ?? "", ++calls),
  } as unknown as CodeArtsClient;
  return { client, calls: () => calls };
}

describe("TaskLookup.recentTaskInfo", () => {
  it("reuses a task's detail within the TTL, reads it again after, and says which it was", async () => {
    let now = 1_000_000;
    const fake = fakeClient((id, call) => Promise.resolve({ id, task_id: id, name: `v${call}` }));
    const tasks = new TaskLookup(fake.client, () => now);
    const first = await tasks.recentTaskInfo("t1");
    expect(first).toMatchObject({ cached: false, info: { name: "v1" } });
    now += TASK_INFO_TTL_MS - 1;
    expect(await tasks.recentTaskInfo("t1")).toEqual({ cached: true, askedAt: 1_000_000, info: first.info });
    expect(fake.calls()).toBe(1);
    now += 1;
    expect(await tasks.recentTaskInfo("t1")).toMatchObject({ cached: false, info: { name: "v2" } });
    expect(fake.calls()).toBe(2);
  });

  it("shares one upstream call between concurrent reads of a task, and keeps tasks apart", async () => {
    const fake = fakeClient((id) => new Promise((r) => setTimeout(() => r({ id, name: id }), 5)));
    const tasks = new TaskLookup(fake.client);
    const answers = await Promise.all([tasks.recentTaskInfo("a"), tasks.recentTaskInfo("a"), tasks.recentTaskInfo("b")]);
    expect(answers.map((a) => a.info.name)).toEqual(["a", "a", "b"]);
    expect(fake.calls()).toBe(2);
  });

  it("does not keep a failure: the next read asks again", async () => {
    const fake = fakeClient((id, call) =>
      call === 1 ? Promise.reject(new CodeArtsError("http", "ShowDeployTaskDetail", 500, null, "boom", null)) : Promise.resolve({ id, name: "ok" }),
    );
    const tasks = new TaskLookup(fake.client);
    await expect(tasks.recentTaskInfo("t")).rejects.toBeInstanceOf(CodeArtsError);
    expect((await tasks.recentTaskInfo("t")).info.name).toBe("ok");
  });

  it("taskInfo always reads anew and refreshes what recentTaskInfo hands out", async () => {
    const fake = fakeClient((id, call) => Promise.resolve({ id, name: `v${call}` }));
    const tasks = new TaskLookup(fake.client);
    await tasks.recentTaskInfo("t");
    expect((await tasks.taskInfo("t")).name).toBe("v2");
    expect(await tasks.recentTaskInfo("t")).toMatchObject({ cached: true, info: { name: "v2" } });
  });
});
