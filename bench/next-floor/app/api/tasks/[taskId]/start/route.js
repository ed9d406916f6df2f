// The console start route's upstream call in a bare Next.js route handler (see bench/lib/floor-proxy.mjs).
import { callRaw } from "../../../../../../../lib/codearts/http";
import { floorSettings, makeStarter } from "../../../../../../lib/floor-proxy.mjs";

export const dynamic = "force-dynamic";

let start;

export async function POST(req, { params }) {
  start ??= makeStarter({ ...floorSettings(process.env), callRaw });
  const { taskId } = await params;
  const { status, body } = await start(taskId, await req.text());
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}
