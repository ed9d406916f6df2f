import "server-only";
/**
 * Prometheus metrics of this console process (GET /api/metrics, bearer METRICS_TOKEN). Every label value is from a
 * closed set: route templates (never raw ids), HTTP statuses, CodeArts operation names, ledger phases, and error
 * codes that look like CodeArts' own (`Deploy.00011147`), at most MAX_ERROR_CODES of them — anything else is
 * "other". The background queues' backlog and lag are read from the database when scraped.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { sql } from "kysely";
import type { ClientEvent } from "../codearts/client";
import { db } from "./db";

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

function build() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const m = {
    registry,
    http: new Histogram({
      name: "console_http_request_duration_seconds",
      help: "Console API requests by route template, method and status.",
      labelNames: ["method", "route", "status"] as const,
      buckets: SECONDS,
      registers: [registry],
    }),
    upstream: new Histogram({
      name: "console_upstream_request_duration_seconds",
      help: "Calls to CodeArts (each attempt) by operation, HTTP status (0: no answer) and error_code.",
      labelNames: ["operation", "status", "error_code"] as const,
      buckets: SECONDS,
      registers: [registry],
    }),
    retries: new Counter({
      name: "console_upstream_retries_total",
      help: "Upstream attempts that failed and were retried, by operation and kind of failure.",
      labelNames: ["operation", "failure"] as const,
      registers: [registry],
    }),
    renewals: new Counter({
      name: "console_upstream_token_renewals_total",
      help: "IAM token renewals, by reason (expiring soon, or rejected by the gateway).",
      labelNames: ["reason"] as const,
      registers: [registry],
    }),
    deployments: new Counter({
      name: "console_deployments_total",
      help: "Outcomes of starts, rollbacks, redeploys and stops written by this process, by action and outcome.",
      labelNames: ["action", "outcome"] as const,
      registers: [registry],
    }),
    ledgerWrites: new Histogram({
      name: "console_ledger_write_duration_seconds",
      help: "Deploy ledger writes (with the effects in their transaction), by kind: write_ahead, row, outcome.",
      labelNames: ["kind"] as const,
      buckets: SECONDS,
      registers: [registry],
    }),
  };
  // One read of the database for both gauges, shared by their two collect calls of a scrape.
  let reading: Promise<QueueState[]> | null = null;
  const state = () => {
    reading ??= readQueues().finally(() => setTimeout(() => (reading = null), 1_000).unref());
    return reading;
  };
  new Gauge({
    name: "console_background_backlog",
    help: "Work waiting for the background loops (cluster-wide, from the database): reconciler, watcher, outbox.",
    labelNames: ["queue"] as const,
    registers: [registry],
    async collect() {
      for (const q of await state()) this.set({ queue: q.queue }, q.backlog);
    },
  });
  new Gauge({
    name: "console_background_lag_seconds",
    help: "Age of the oldest due item of each background queue (0 when none is due).",
    labelNames: ["queue"] as const,
    registers: [registry],
    async collect() {
      for (const q of await state()) this.set({ queue: q.queue }, q.lagSeconds);
    },
  });
  return m;
}

interface QueueState {
  queue: "reconciler" | "watcher" | "outbox";
  backlog: number;
  lagSeconds: number;
}

async function readQueues(): Promise<QueueState[]> {
  const now = new Date();
  const iso = now.toISOString();
  const d = db();
  const [open, watch, outbox] = await Promise.all([
    d
      .selectFrom("ledger_open")
      .select([sql<number>`count(*)`.as("n"), sql<string | null>`min(at)`.as("oldest")])
      .executeTakeFirstOrThrow(),
    d
      .selectFrom("record_watch")
      .select([sql<number>`count(*)`.as("n"), sql<string | null>`min(case when next_at <= ${iso} then next_at end)`.as("oldest")])
      .executeTakeFirstOrThrow(),
    d
      .selectFrom("notify_deliveries")
      .where("state", "=", "pending")
      .select([sql<number>`count(*)`.as("n"), sql<string | null>`min(case when next_at <= ${iso} then next_at end)`.as("oldest")])
      .executeTakeFirstOrThrow(),
  ]);
  const age = (oldest: string | null) => (oldest ? Math.max(0, (now.getTime() - Date.parse(oldest)) / 1000) : 0);
  return [
    { queue: "reconciler", backlog: Number(open.n), lagSeconds: age(open.oldest) },
    { queue: "watcher", backlog: Number(watch.n), lagSeconds: age(watch.oldest) },
    { queue: "outbox", backlog: Number(outbox.n), lagSeconds: age(outbox.oldest) },
  ];
}

// On globalThis: `next dev` reloads modules, and a metric name may be registered once per registry.
const holder = globalThis as typeof globalThis & { __codeartsMetrics?: ReturnType<typeof build> };
const metrics = () => (holder.__codeartsMetrics ??= build());

/** The Prometheus text of everything above. */
export async function metricsText(): Promise<{ contentType: string; body: string }> {
  const { registry } = metrics();
  return { contentType: registry.contentType, body: await registry.metrics() };
}

const MAX_ERROR_CODES = 100;
const seenCodes = new Set<string>();
/** An upstream error code as a label: CodeArts-shaped and among the first MAX_ERROR_CODES seen, else "other". */
function errorCodeLabel(code: string | null): string {
  if (!code) return "";
  if (!/^[A-Za-z][A-Za-z0-9_]{0,30}\.[0-9A-Za-z]{1,16}$/.test(code)) return "other";
  if (seenCodes.has(code)) return code;
  if (seenCodes.size >= MAX_ERROR_CODES) return "other";
  seenCodes.add(code);
  return code;
}

export function observeRequest(method: string, route: string, status: number, seconds: number): void {
  metrics().http.observe({ method, route, status: String(status) }, seconds);
}

export function observeClientEvent(event: ClientEvent): void {
  const m = metrics();
  if (event.kind === "call") {
    m.upstream.observe({ operation: event.operation, status: String(event.status), error_code: errorCodeLabel(event.errorCode) }, event.durationMs / 1000);
  } else if (event.kind === "retry") {
    m.retries.inc({ operation: event.operation, failure: event.failure });
  } else {
    m.renewals.inc({ reason: event.reason });
  }
}

export function countDeployment(action: string, outcome: string): void {
  metrics().deployments.inc({ action, outcome });
}

/** Times `write` as a ledger write of `kind`. */
export async function timedLedgerWrite<T>(kind: "write_ahead" | "row" | "outcome", write: () => Promise<T>): Promise<T> {
  const end = metrics().ledgerWrites.startTimer({ kind });
  try {
    return await write();
  } finally {
    end();
  }
}
