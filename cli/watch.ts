/**
 * Following a record to its end: its status every 2 s (--wait, --watch), and its log chunk after chunk
 * (offset = the previous endOffset) until the record has finished and one last read with `final` has the rest.
 */
import type { RecordDetail } from "../lib/schemas/records";
import { CliError, EXIT } from "./exit-codes";
import type { ConsoleClient } from "./http";
import type { Io } from "./io";
import type { ProgressView } from "./progress";

const POLL_MS = 2000;
/** A record just started may not be listed by the cloud yet: a few 404s are waited out. */
const NOT_FOUND_GRACE = 3;

type Clock = Pick<Io, "now" | "sleep">;

export interface WaitOptions {
  view: ProgressView | null;
  /** Give up after this long (exit 1, wait_timeout); null: until the record ends. */
  timeoutMs: number | null;
  intervalMs?: number;
}

async function readRecord(client: ConsoleClient, taskId: string, recordId: string): Promise<RecordDetail> {
  return (await client.call("GET /api/tasks/:taskId/records/:recordId", { params: { taskId, recordId } })).body;
}

export async function waitForRecord(client: ConsoleClient, clock: Clock, taskId: string, recordId: string, opts: WaitOptions): Promise<RecordDetail> {
  const interval = opts.intervalMs ?? POLL_MS;
  const deadline = opts.timeoutMs === null ? null : clock.now() + opts.timeoutMs;
  let misses = 0;
  for (;;) {
    let record: RecordDetail | null = null;
    try {
      record = await readRecord(client, taskId, recordId);
      misses = 0;
    } catch (err) {
      if (!(err instanceof CliError && err.status === 404 && ++misses <= NOT_FOUND_GRACE)) {
        opts.view?.end();
        throw err;
      }
    }
    if (record) {
      opts.view?.show(record);
      if (record.finished) {
        opts.view?.end();
        return record;
      }
    }
    if (deadline !== null && clock.now() >= deadline) {
      opts.view?.end();
      throw new CliError({
        exitCode: EXIT.deploymentFailed,
        detail: {
          code: "wait_timeout",
          message: `Record ${recordId} had not finished after ${Math.round(opts.timeoutMs! / 1000)} s (it may still be running).`,
        },
      });
    }
    for (let waited = 0; waited < interval; waited += 1000) {
      await clock.sleep(Math.min(1000, interval - waited));
      opts.view?.tick();
    }
  }
}

/**
 * Writes the record's log to `write`: what there is now, or (follow) until the record has finished. Returns the
 * record as last read.
 */
export async function streamLog(
  client: ConsoleClient,
  clock: Clock,
  taskId: string,
  recordId: string,
  write: (text: string) => void,
  opts: { follow: boolean; intervalMs?: number },
): Promise<RecordDetail> {
  let offset: string | undefined;
  let endsWithNewline = true;
  for (;;) {
    // Read the state before the log: a read that began after the end holds the whole log.
    const record = await readRecord(client, taskId, recordId);
    for (;;) {
      const { body: chunk } = await client.call("GET /api/tasks/:taskId/records/:recordId/logs", {
        params: { taskId, recordId },
        query: { offset, final: record.finished ? "1" : undefined },
      });
      if (chunk.text) {
        write(chunk.text);
        endsWithNewline = chunk.text.endsWith("\n");
      }
      const advanced = chunk.endOffset !== offset;
      offset = chunk.endOffset;
      if (!(chunk.hasMore && advanced)) break;
    }
    if (!opts.follow || record.finished) {
      if (!endsWithNewline) write("\n");
      return record;
    }
    await clock.sleep(opts.intervalMs ?? POLL_MS);
  }
}
