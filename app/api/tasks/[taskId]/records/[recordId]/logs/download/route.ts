// GET /api/tasks/[taskId]/records/[recordId]/logs/download – the record's whole log as a text file
import { consoleApi } from "@/lib/schemas/api";
import { codearts } from "@/lib/server/codearts";
import { log } from "@/lib/server/log";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";

/**
 * Bounds of one download: ShowAppLog is read in 64 Ki-character chunks, so 256 chunks or 16 Mi characters,
 * whichever comes first (a record's log is normally far smaller). A cut log ends with a marker line (the
 * headers are gone by the time a later chunk hits the bound, so the file itself says it).
 */
const MAX_CHUNKS = 256;
const MAX_CHARS = 16 * 1024 * 1024;

export const GET = route(consoleApi["GET /api/tasks/:taskId/records/:recordId/logs/download"], async ({ params, requestId }) => {
  const chunks = codearts().wholeLog({ ...params, maxChunks: MAX_CHUNKS, maxChars: MAX_CHARS });
  // The first chunk is read before answering: an unknown task or record (or an upstream failure) still leaves as
  // a JSON error with its status, not as a broken file.
  const first = await chunks.next();
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      if (first.done) return controller.close();
      controller.enqueue(encoder.encode(first.value.text));
      if (first.value.truncated) {
        controller.enqueue(encoder.encode(cutMarker()));
        controller.close();
      }
    },
    // One upstream read per pull: the client's pace decides how fast the cloud is asked.
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) return controller.close();
        controller.enqueue(encoder.encode(next.value.text));
        if (next.value.truncated) {
          controller.enqueue(encoder.encode(cutMarker()));
          controller.close();
        }
      } catch (err) {
        log.error("log download failed", { requestId, recordId: params.recordId, detail: String(err) });
        controller.error(err);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "content-disposition": `attachment; filename="${params.recordId}.log"`,
    },
  });
});

const cutMarker = () => `\n[download stopped after ${MAX_CHUNKS} chunks or ${MAX_CHARS} characters; the log continues]\n`;

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
