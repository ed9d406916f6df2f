// GET /api/metrics – Prometheus text format, for a scraper holding METRICS_TOKEN (Authorization: Bearer); 404 when
// METRICS_TOKEN is not set. A plain handler like the probes (outside the contract table and the request log: a
// scrape every few seconds is no console request); not a console API token: the scraper needs no user.
import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/server/env";
import { ApiError, toErrorResponse } from "@/lib/server/errors";
import { metricsText } from "@/lib/server/metrics";
import { otherMethods } from "@/lib/server/methods";

export const dynamic = "force-dynamic";

const digest = (v: string) => createHash("sha256").update(v).digest();
const NO_STORE = { "cache-control": "no-store" };

export async function GET(req: Request) {
  const token = env().metricsToken;
  const refuse = (e: ApiError) => {
    const answer = toErrorResponse(e);
    return Response.json(answer.body, { status: answer.status, headers: NO_STORE });
  };
  if (!token) return refuse(new ApiError("not_found", "Metrics are off: set METRICS_TOKEN to turn them on."));
  const sent = /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "")?.[1] ?? "";
  if (!timingSafeEqual(digest(sent), digest(token)))
    return refuse(new ApiError("unauthenticated", "Send the metrics token: Authorization: Bearer METRICS_TOKEN."));
  const { contentType, body } = await metricsText();
  return new Response(body, { headers: { "content-type": contentType, ...NO_STORE } });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
