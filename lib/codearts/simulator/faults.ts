/**
 * Fault injection (admin API only): rules matched by method and pathname regex. By default a rule acts before
 * authentication, like a misbehaving network or gateway in front of the service; with `phase: "after"` the
 * service handles the request first and the fault replaces its answer (a start that happened but whose answer
 * was lost). Presets reproduce the gateway's own error answers (reference §8).
 */
import { z } from "zod";
import type { Reply } from "./http";
import { formatIamTime } from "./time";

export const FAULT_PRESETS = [
  "throttle", // 429 APIGW.0308
  "token_expired", // 401 APIGW.0301 "token expires"
  "clock_skew", // 401 APIGW.0303
  "route_not_found", // 404 APIGW.0101 (a retired API)
  "server_error", // 500 with a JSON error body
  "unavailable", // 503 with no body at all
  "bad_gateway", // 502 with an HTML page
  "gateway_timeout", // 504 APIGW.0201 backend timeout
] as const;
export type FaultPreset = (typeof FAULT_PRESETS)[number];

export const faultRuleSchema = z.strictObject({
  method: z.string().min(1).optional(),
  /** Regular-expression source tested against the request pathname. */
  path: z.string().min(1).optional(),
  /** A canned gateway answer; status, body, contentType and headers given alongside override its parts. */
  preset: z.enum(FAULT_PRESETS).optional(),
  /** "before" (default): instead of the service. "after": once the service has handled the request. */
  phase: z.enum(["before", "after"]).optional(),
  /** How many matching requests the rule applies to; unlimited when absent. */
  times: z.number().int().positive().optional(),
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  status: z.number().int().min(100).max(599).optional(),
  /** JSON value, or a string sent verbatim. */
  body: z.unknown().optional(),
  contentType: z.string().optional(),
  /** Extra answer headers, e.g. { "Retry-After": "1" }. */
  headers: z.record(z.string(), z.string()).optional(),
  malformedJson: z.boolean().optional(),
  /** Destroy the socket without answering. */
  reset: z.boolean().optional(),
  /** Never answer. */
  hang: z.boolean().optional(),
  /** Answer HTTP 200 with an error body (the app-detail quirk, generalised). */
  errorIn200: z.boolean().optional(),
});
export type FaultRule = z.infer<typeof faultRuleSchema>;

export const faultRulesBodySchema = z.strictObject({ rules: z.array(faultRuleSchema) });

interface ActiveRule {
  rule: FaultRule;
  pattern: RegExp | null;
  remaining: number;
}

export type FaultEffect = { kind: "continue" } | { kind: "reply"; reply: Reply } | { kind: "reset" } | { kind: "hang" };

export class FaultSet {
  private rules: ActiveRule[] = [];

  /** Add rules after the existing ones; throws on an invalid path regex (nothing is added then). */
  add(rules: readonly FaultRule[]): void {
    const compiled = rules.map((rule) => ({
      rule,
      pattern: rule.path === undefined ? null : new RegExp(rule.path),
      remaining: rule.times ?? Number.POSITIVE_INFINITY,
    }));
    this.rules.push(...compiled);
  }

  clear(): void {
    this.rules = [];
  }

  list(): Array<FaultRule & { remaining: number | null }> {
    return this.rules.map((r) => ({ ...r.rule, remaining: Number.isFinite(r.remaining) ? r.remaining : null }));
  }

  /** The first rule matching the request, consuming one of its uses. */
  take(method: string, pathname: string): FaultRule | undefined {
    const found = this.rules.find(
      (r) => (r.rule.method === undefined || r.rule.method.toUpperCase() === method.toUpperCase()) && (r.pattern === null || r.pattern.test(pathname)),
    );
    if (!found) return undefined;
    found.remaining -= 1;
    if (found.remaining <= 0) this.rules = this.rules.filter((r) => r !== found);
    return found.rule;
  }
}

function bodyReply(status: number, body: unknown, contentType: string | undefined, extra: Record<string, string> | undefined): Reply {
  const headers = { ...(contentType ? { "Content-Type": contentType } : {}), ...extra };
  return typeof body === "string" ? { status, raw: body, headers } : { status, body, headers };
}

const gateway = (status: number, code: string, msg: string, requestId: string) => ({
  status,
  body: { error_msg: msg, error_code: code, request_id: requestId } as unknown,
});

/** Status and body of a preset (the gateway's wording where the reference quotes it). */
function presetReply(preset: FaultPreset, requestId: string, nowMs: number): { status: number; body: unknown; contentType?: string } {
  switch (preset) {
    case "throttle":
      return gateway(429, "APIGW.0308", "The throttling threshold has been reached: policy user over ratelimit,limit:200,time:1 second", requestId);
    case "token_expired":
      return gateway(401, "APIGW.0301", `Incorrect IAM authentication information: token expires, expires_at: ${formatIamTime(nowMs - 1000)}`, requestId);
    case "clock_skew":
      return gateway(
        401,
        "APIGW.0303",
        "Incorrect app authentication information: request expired, x-sdk-date is more than 15 minutes from the server time",
        requestId,
      );
    case "route_not_found":
      return gateway(404, "APIGW.0101", "The API does not exist or has not been published in the environment", requestId);
    case "server_error":
      return { status: 500, body: { error_code: "SIM.FAULT", error_msg: "Internal server error" } };
    case "unavailable":
      return { status: 503, body: "" };
    case "bad_gateway":
      return { status: 502, body: "<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>", contentType: "text/html" };
    case "gateway_timeout":
      return gateway(504, "APIGW.0201", "Backend timeout", requestId);
  }
}

/** What a rule does once its latency has passed. */
export function faultEffect(rule: FaultRule, requestId: string, nowMs = Date.now()): FaultEffect {
  if (rule.hang) return { kind: "hang" };
  if (rule.reset) return { kind: "reset" };
  if (rule.malformedJson) {
    return { kind: "reply", reply: { status: rule.status ?? 200, raw: '{"status":"success","result":{"id":"', headers: rule.headers } };
  }
  if (rule.errorIn200) {
    const body = rule.body ?? { error_code: "SIM.FAULT", error_msg: "Injected error in a 200 answer" };
    return { kind: "reply", reply: bodyReply(200, body, rule.contentType, rule.headers) };
  }
  if (rule.preset !== undefined) {
    const p = presetReply(rule.preset, requestId, nowMs);
    const reply = bodyReply(rule.status ?? p.status, rule.body ?? p.body, rule.contentType ?? p.contentType, rule.headers);
    return { kind: "reply", reply };
  }
  if (rule.status !== undefined) {
    const body = rule.body ?? { error_msg: "Injected fault", error_code: "SIM.FAULT", request_id: requestId };
    return { kind: "reply", reply: bodyReply(rule.status, body, rule.contentType, rule.headers) };
  }
  return { kind: "continue" };
}
