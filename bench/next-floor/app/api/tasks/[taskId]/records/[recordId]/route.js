// The console read route's upstream calls in a bare Next.js route handler (see bench/lib/floor-proxy.mjs).
import { callRaw } from "../../../../../../../../lib/codearts/http";
import { floorSettings, makeRecordReader } from "../../../../../../../lib/floor-proxy.mjs";

export const dynamic = "force-dynamic";

let read;

export async function GET(_req, { params }) {
  read ??= makeRecordReader({ ...floorSettings(process.env), callRaw });
  const { taskId, recordId } = await params;
  const { status, body } = await read(taskId, recordId);
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}
