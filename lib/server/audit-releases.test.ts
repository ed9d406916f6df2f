import { describe, expect, it } from "vitest";
import { withReleases } from "./audit-releases";

const row = (taskId: string | null, recordId: string | null, targetRecordId: string | null = null) => ({ taskId, recordId, targetRecordId });

describe("withReleases: the audit's records by release #", () => {
  it("asks each task's history once for all its records and rollback targets", async () => {
    const asked: [string, string[]][] = [];
    const deploy = {
      releaseIdsOf: ({ taskId, recordIds }: { taskId: string; recordIds: readonly string[] }) => {
        asked.push([taskId, [...recordIds]]);
        return Promise.resolve(new Map(recordIds.filter((id) => id !== "gone").map((id) => [id, Number(id.replace(/\D/g, ""))])));
      },
    };
    const out = await withReleases(deploy, [row("t1", "r12"), row("t1", "r13", "r12"), row("t2", "gone"), row(null, null), row("t3", null)], null);
    expect(asked).toEqual([
      ["t1", ["r12", "r13"]],
      ["t2", ["gone"]],
    ]);
    expect(out.map((e) => [e.releaseId, e.targetReleaseId])).toEqual([
      [12, null],
      [13, 12],
      [null, null],
      [null, null],
      [null, null],
    ]);
  });

  it("a failed lookup leaves the short ids, nothing else", async () => {
    const deploy = { releaseIdsOf: () => Promise.reject(new Error("APIGW.0308")) };
    const out = await withReleases(deploy, [row("t1", "r1")], "req");
    expect(out).toEqual([{ ...row("t1", "r1"), releaseId: null, targetReleaseId: null }]);
  });

  it("looks up a bounded number of tasks per answer", async () => {
    let calls = 0;
    const deploy = { releaseIdsOf: () => (calls++, Promise.resolve(new Map<string, number>())) };
    await withReleases(
      deploy,
      Array.from({ length: 50 }, (_, i) => row(`t${i}`, `r${i}`)),
      null,
    );
    expect(calls).toBe(20);
  });
});
