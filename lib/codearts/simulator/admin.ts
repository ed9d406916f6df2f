/**
 * The simulator's own control API under /__sim (never part of CodeArts): health always; faults, calls, clock,
 * step duration and reset only when an admin token is configured, and then only with `X-Sim-Admin: <token>`.
 */
import { timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { faultRulesBodySchema } from "./faults";
import { GatewayError, type Reply, ReplyError, describeIssues } from "./http";
import type { Ctx } from "./state";

function adminError(status: number, message: string): ReplyError {
  return new ReplyError({ status, body: { error_code: "SIM.ADMIN", error_msg: message } });
}

const clockBodySchema = z.strictObject({
  offsetMs: z
    .number()
    .int()
    .min(-10 * 365 * 86_400_000)
    .max(10 * 365 * 86_400_000),
});

/** Step duration of the records started afterwards (a benchmark's record that keeps running while it is watched). */
const stepsBodySchema = z.strictObject({ stepMs: z.number().int().min(1).max(3_600_000) });

function jsonBody(ctx: Ctx): unknown {
  try {
    return JSON.parse(ctx.body.toString("utf8"));
  } catch {
    throw adminError(400, "body is not valid JSON");
  }
}

function tokenMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function routeNotFound(): GatewayError {
  return new GatewayError(404, "APIGW.0101", "The API does not exist or has not been published in the environment");
}

export function handleAdmin(ctx: Ctx): Reply {
  const { sim } = ctx;
  const path = ctx.pathname.replace(/\/+$/, "");
  if (path === "/__sim/health" && ctx.method === "GET") return { status: 200, body: { ok: true } };
  if (!sim.adminToken) throw routeNotFound();
  const given = ctx.headers["x-sim-admin"];
  if (!tokenMatches(sim.adminToken, Array.isArray(given) ? given[0] : given)) {
    throw adminError(401, "X-Sim-Admin header missing or wrong");
  }

  switch (`${ctx.method} ${path}`) {
    case "GET /__sim/faults":
      return { status: 200, body: { rules: sim.faults.list() } };
    case "POST /__sim/faults": {
      const parsed = faultRulesBodySchema.safeParse(jsonBody(ctx));
      if (!parsed.success) throw adminError(400, describeIssues(parsed.error));
      try {
        sim.faults.add(parsed.data.rules);
      } catch (error) {
        throw adminError(400, `invalid path regex: ${(error as Error).message}`);
      }
      return { status: 200, body: { rules: sim.faults.list() } };
    }
    case "DELETE /__sim/faults":
      sim.faults.clear();
      return { status: 200, body: { rules: [] } };
    case "GET /__sim/calls":
      return { status: 200, body: sim.calls.snapshot() };
    case "GET /__sim/clock":
      return { status: 200, body: { nowMs: sim.now(), offsetMs: sim.clockOffsetMs } };
    case "POST /__sim/clock": {
      const parsed = clockBodySchema.safeParse(jsonBody(ctx));
      if (!parsed.success) throw adminError(400, describeIssues(parsed.error));
      sim.clockOffsetMs = parsed.data.offsetMs;
      return { status: 200, body: { nowMs: sim.now(), offsetMs: sim.clockOffsetMs } };
    }
    case "GET /__sim/steps":
      return { status: 200, body: { stepMs: sim.stepMs } };
    case "POST /__sim/steps": {
      const parsed = stepsBodySchema.safeParse(jsonBody(ctx));
      if (!parsed.success) throw adminError(400, describeIssues(parsed.error));
      sim.stepMs = parsed.data.stepMs;
      return { status: 200, body: { stepMs: sim.stepMs } };
    }
    case "POST /__sim/reset":
      sim.reset();
      return { status: 200, body: { ok: true } };
    default:
      throw routeNotFound();
  }
}
