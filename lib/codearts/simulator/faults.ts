/**
 * Fault injection (admin API only): rules matched by method and pathname regex, applied before authentication,
 * like a misbehaving network or gateway in front of the service.
 */
import { z } from "zod";
import type { Reply } from "./http";

export const faultRuleSchema = z.strictObject({
  method: z.string().min(1).optional(),
  /** Regular-expression source tested against the request pathname. */
  path: z.string().min(1).optional(),
  /** How many matching requests the rule applies to; unlimited when absent. */
  times: z.number().int().positive().optional(),
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  status: z.number().int().min(100).max(599).optional(),
  /** JSON value, or a string sent verbatim. */
  body: z.unknown().optional(),
  contentType: z.string().optional(),
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

export type FaultEffect =
  | { kind: "continue" }
  | { kind: "reply"; reply: Reply }
  | { kind: "reset" }
  | { kind: "hang" };

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
      (r) =>
        (r.rule.method === undefined || r.rule.method.toUpperCase() === method.toUpperCase()) &&
        (r.pattern === null || r.pattern.test(pathname)),
    );
    if (!found) return undefined;
    found.remaining -= 1;
    if (found.remaining <= 0) this.rules = this.rules.filter((r) => r !== found);
    return found.rule;
  }
}

function bodyReply(status: number, body: unknown, contentType: string | undefined): Reply {
  const headers = contentType ? { "Content-Type": contentType } : undefined;
  return typeof body === "string" ? { status, raw: body, headers } : { status, body, headers };
}

/** What a rule does once its latency has passed. */
export function faultEffect(rule: FaultRule, requestId: string): FaultEffect {
  if (rule.hang) return { kind: "hang" };
  if (rule.reset) return { kind: "reset" };
  if (rule.malformedJson) {
    return { kind: "reply", reply: { status: rule.status ?? 200, raw: '{"status":"success","result":{"id":"' } };
  }
  if (rule.errorIn200) {
    const body = rule.body ?? { error_code: "SIM.FAULT", error_msg: "Injected error in a 200 answer" };
    return { kind: "reply", reply: bodyReply(200, body, rule.contentType) };
  }
  if (rule.status !== undefined) {
    const body = rule.body ?? { error_msg: "Injected fault", error_code: "SIM.FAULT", request_id: requestId };
    return { kind: "reply", reply: bodyReply(rule.status, body, rule.contentType) };
  }
  return { kind: "continue" };
}
