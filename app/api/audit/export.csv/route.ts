// GET /api/audit/export.csv – the whole filtered ledger as CSV, streamed (same filters and visibility as /api/audit)
import { consoleApi } from "@/lib/schemas/api";
import { db } from "@/lib/server/db";
import { CSV_HEADER, batchCsv } from "@/lib/server/ledger/csv";
import { ledgerBatches } from "@/lib/server/ledger/query";
import { log } from "@/lib/server/log";
import { visibleTasks } from "@/lib/server/permissions";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";

export const GET = route(consoleApi["GET /api/audit/export.csv"], async ({ query, user, requestId }) => {
  const batches = ledgerBatches(db(), query, visibleTasks(user));
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(CSV_HEADER));
    },
    // One batch per pull: the client's pace decides how fast the database is read.
    async pull(controller) {
      try {
        const next = await batches.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(batchCsv(next.value)));
      } catch (err) {
        log.error("audit export failed", { requestId, detail: String(err) });
        controller.error(err);
      }
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="deploy-ledger-${stamp}.csv"`,
    },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
