// GET /api/metrics – Prometheus text format, for a scraper holding METRICS_TOKEN (Authorization: Bearer); 404 when
// METRICS_TOKEN is not set. Not a console API token: the scraper needs no user.
import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/server/env";
import { ApiError } from "@/lib/server/errors";
import { metricsText } from "@/lib/server/metrics";
import { otherMethods } from "@/lib/server/methods";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

const digest = (v: string) => createHash("sha256").update(v).digest();

export const GET = route({ permission: "public" }, async ({ req }) => {
  const token = env().metricsToken;
  if (!token) throw new ApiError("not_found", "Metrics are off: set METRICS_TOKEN to turn them on.");
  const sent = /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "")?.[1] ?? "";
  if (!timingSafeEqual(digest(sent), digest(token))) throw new ApiError("unauthenticated", "Send the metrics token: Authorization: Bearer METRICS_TOKEN.");
  const { contentType, body } = await metricsText();
  return new Response(body, { headers: { "content-type": contentType } });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
