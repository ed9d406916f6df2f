import { describe, expect, it } from "vitest";
import type { z } from "zod";
import type { CodeArtsClient } from "./client";
import { codeartsDeploy } from "./deploy";

const TASK = "t".repeat(32);
const APP = "a".repeat(32);
const RECORD = "r".repeat(32);

/** ShowDeployTaskDetail + ShowAppLog over `log`, answering at most `chunk` characters per read (the cloud's choice). */
function fakeLogs(log: string, opts: { chunk: number; stuckAt?: number }) {
  const reads: { offset: number; end: number }[] = [];
  const client = {
    config: { codeartsProjectId: "p".repeat(32), upstreamUtcOffsetMinutes: 480 },
    deploy: async (spec: { operation: string; path: string; query?: Record<string, string>; schema: z.ZodType }) => {
      if (spec.operation === "ShowDeployTaskDetail") return spec.schema.parse({ id: TASK, task_id: TASK, app_id: APP, name: "orders" });
      if (spec.operation !== "ShowAppLog") throw new Error(`unexpected ${spec.operation}`);
      expect(spec.path).toBe(`/v1/applications/${APP}/records/${RECORD}/logs`);
      const offset = Number(spec.query?.offset);
      const asked = Number(spec.query?.end_offset);
      const end = opts.stuckAt !== undefined && offset >= opts.stuckAt ? offset : Math.min(asked, offset + opts.chunk, log.length);
      reads.push({ offset, end });
      return spec.schema.parse({
        status: "success",
        result: { has_more: log.length > end, text: log.slice(offset, end), offset: String(offset), end_offset: String(end) },
      });
    },
  };
  return { deploy: codeartsDeploy(client as unknown as CodeArtsClient), reads };
}

async function collect(gen: AsyncGenerator<{ text: string; truncated: boolean }>) {
  const parts: { text: string; truncated: boolean }[] = [];
  for await (const p of gen) parts.push(p);
  return { text: parts.map((p) => p.text).join(""), truncated: parts.at(-1)?.truncated ?? false, reads: parts.length };
}

const LOG = Array.from({ length: 500 }, (_, i) => `[2026-11-29 10:00:${String(i % 60).padStart(2, "0")}] [INFO] line ${i} 部署\n`).join("");

describe("wholeLog (the download)", () => {
  it("walks end_offset while has_more and returns the whole log", async () => {
    const { deploy, reads } = fakeLogs(LOG, { chunk: 1000 });
    const out = await collect(deploy.wholeLog({ taskId: TASK, recordId: RECORD, maxChunks: 1000, maxChars: 1e9 }));
    expect(out.text).toBe(LOG);
    expect(out.truncated).toBe(false);
    expect(reads.length).toBe(Math.ceil(LOG.length / 1000));
    for (let i = 1; i < reads.length; i++) expect(reads[i]!.offset).toBe(reads[i - 1]!.end);
  });

  it("stops at the chunk bound and says so", async () => {
    const { deploy, reads } = fakeLogs(LOG, { chunk: 1000 });
    const out = await collect(deploy.wholeLog({ taskId: TASK, recordId: RECORD, maxChunks: 3, maxChars: 1e9 }));
    expect(reads).toHaveLength(3);
    expect(out.text).toBe(LOG.slice(0, 3000));
    expect(out.truncated).toBe(true);
  });

  it("stops at the character bound", async () => {
    const { deploy } = fakeLogs(LOG, { chunk: 1000 });
    const out = await collect(deploy.wholeLog({ taskId: TASK, recordId: RECORD, maxChunks: 1000, maxChars: 2500 }));
    expect(out.text).toBe(LOG.slice(0, 3000));
    expect(out.truncated).toBe(true);
  });

  it("does not loop when the cloud says has_more without moving the offset", async () => {
    const { deploy, reads } = fakeLogs(LOG, { chunk: 1000, stuckAt: 2000 });
    const out = await collect(deploy.wholeLog({ taskId: TASK, recordId: RECORD, maxChunks: 1000, maxChars: 1e9 }));
    expect(out.text).toBe(LOG.slice(0, 2000));
    expect(reads).toHaveLength(3);
  });

  it("yields an empty log once", async () => {
    const { deploy } = fakeLogs("", { chunk: 1000 });
    const out = await collect(deploy.wholeLog({ taskId: TASK, recordId: RECORD, maxChunks: 10, maxChars: 1e9 }));
    expect(out).toEqual({ text: "", truncated: false, reads: 1 });
  });
});
