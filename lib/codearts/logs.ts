/** A record's log (ShowAppLog, which needs the app id: read from the task): one chunk, or the whole log bounded. */
import type { LogChunk } from "../schemas/records";
import type { CodeArtsClient } from "./client";
import { CodeArtsError } from "./errors";
import { showAppLogResponseSchema } from "./schemas";
import { SharedReads } from "./shared-reads";
import type { TaskLookup } from "./tasks";

const LOG_CHUNK = 65_536;

/** How long the log's last chunk is handed out again: it grows while the record runs. */
export const LOG_TAIL_KEEP_MS = 1_000;
/** Chunks kept (at most 64 KB each: a few MB at most). */
const LOG_CHUNKS_KEPT = 48;

/**
 * ShowAppLog chunks shared between the record pages polling one record's log (lib/codearts/shared-reads.ts). A chunk
 * with more log after it never changes again (the log only grows at its end) and is kept until evicted; the last
 * one for LOG_TAIL_KEEP_MS.
 */
export const logChunks = () => new SharedReads<LogChunk>((c) => (c.hasMore ? Infinity : LOG_TAIL_KEEP_MS), LOG_CHUNKS_KEPT);

async function appIdOf(tasks: TaskLookup, taskId: string): Promise<string> {
  const task = await tasks.taskInfo(taskId);
  if (!task.app_id) throw new CodeArtsError("malformed", "ShowDeployTaskDetail", 200, null, "the task has no app_id", null);
  return task.app_id;
}

async function appLogChunk(client: CodeArtsClient, appId: string, recordId: string, offset: number): Promise<LogChunk> {
  const answer = await client.deploy({
    operation: "ShowAppLog",
    method: "GET",
    path: `/v1/applications/${appId}/records/${recordId}/logs`,
    query: { offset: String(offset), end_offset: String(offset + LOG_CHUNK) },
    schema: showAppLogResponseSchema,
    idempotent: true,
  });
  const r = answer.result;
  const text = r.text ?? "";
  return {
    text,
    offset: r.offset ?? String(offset),
    endOffset: r.end_offset ?? String(offset + text.length),
    hasMore: r.has_more,
    utcOffsetMinutes: client.config.upstreamUtcOffsetMinutes,
  };
}

/**
 * One chunk of the record's log from `offset`, shared with every other reader of the same chunk. `final` (the reader
 * knows the record has ended): read afresh, so the end of the log is in it.
 */
export async function getLogs(
  client: CodeArtsClient,
  tasks: TaskLookup,
  chunks: SharedReads<LogChunk>,
  input: { taskId: string; recordId: string; offset: number; final?: boolean },
): Promise<LogChunk> {
  const appId = await appIdOf(tasks, input.taskId);
  const load = () => appLogChunk(client, appId, input.recordId, input.offset);
  return chunks.read(`${appId}/${input.recordId}/${input.offset}`, load, input.final === true);
}

/**
 * The whole log as it stands, chunk after chunk (ShowAppLog's `end_offset` while `has_more`). Reads the task once
 * before the first chunk, so an unknown task or record fails before anything is yielded. Bounded: at most
 * `maxChunks` upstream reads and about `maxChars` characters; `truncated` on the last item says a bound stopped it.
 */
export async function* wholeLog(
  client: CodeArtsClient,
  tasks: TaskLookup,
  input: { taskId: string; recordId: string; maxChunks: number; maxChars: number },
): AsyncGenerator<{ text: string; truncated: boolean }> {
  const appId = await appIdOf(tasks, input.taskId);
  let offset = 0;
  let chars = 0;
  for (let n = 1; ; n++) {
    const chunk = await appLogChunk(client, appId, input.recordId, offset);
    chars += chunk.text.length;
    const next = Number(chunk.endOffset);
    // A chunk that does not move the offset forward would loop forever: stop as if the log had ended.
    const more = chunk.hasMore && Number.isSafeInteger(next) && next > offset;
    const truncated = more && (n >= input.maxChunks || chars >= input.maxChars);
    yield { text: chunk.text, truncated };
    if (!more || truncated) return;
    offset = next;
  }
}
