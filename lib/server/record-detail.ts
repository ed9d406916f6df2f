import "server-only";
/**
 * GET /api/tasks/{taskId}/records/{recordId}: the cloud's record (state, steps) with what only the console knows —
 * who started it and why (the ledger), the job the start answer named, the release #, and the AOM mapping the
 * record produced. The cloud reports the mapping of the task, whose state follows the task's latest record: a later
 * run overwrites it. So the first time the console sees a record finished while it is still the task's latest, it
 * captures the mapping (record_results); later reads show that capture, and a record first seen after a later
 * run says so instead of passing the task's current state off as its own.
 */
import type { CodeArtsDeploy } from "../codearts/deploy";
import { aomComponentSchema, type AomComponent, type RecordDetail } from "../schemas/records";
import type { Db } from "./db/schema";
import { releaseMarkerOfRecord } from "./deploy/in-flight";
import { type RecordOrigin, recordOrigins } from "./ledger/origins";
import { log } from "./log";
import { z } from "zod";

type Reads = Pick<CodeArtsDeploy, "getRecord" | "releaseIdsOf" | "recordState">;

const componentsSchema = z.array(aomComponentSchema);

interface Captured {
  components: AomComponent[] | null;
  capturedAt: string;
}

async function readCaptured(db: Db, recordId: string): Promise<Captured | null> {
  const row = await db.selectFrom("record_results").select(["components", "captured_at"]).where("record_id", "=", recordId).executeTakeFirst();
  if (!row) return null;
  const parsed = row.components === null ? null : componentsSchema.safeParse(JSON.parse(row.components));
  return { components: parsed?.success ? parsed.data : null, capturedAt: row.captured_at };
}

/** Keeps the first capture (several readers may race: the primary key lets one win). */
async function capture(db: Db, record: RecordDetail, components: AomComponent[] | null, at: string): Promise<void> {
  await db
    .insertInto("record_results")
    .values({ record_id: record.recordId, task_id: record.taskId, state: record.state, components: components && JSON.stringify(components), captured_at: at })
    .onConflict((oc) => oc.column("record_id").doNothing())
    .execute();
}

type Mapping = Pick<RecordDetail, "components" | "componentsAsOf" | "componentsCapturedAt">;

async function mappingOf(deploy: Reads, db: Db, record: RecordDetail, captured: Captured | null, now: () => Date): Promise<Mapping> {
  const current = (asOf: NonNullable<RecordDetail["componentsAsOf"]>): Mapping => ({
    components: record.components,
    componentsAsOf: asOf,
    componentsCapturedAt: null,
  });
  if (!record.finished) return current("running");
  if (captured) {
    return captured.components ? { components: captured.components, componentsAsOf: "finished", componentsCapturedAt: captured.capturedAt } : current("later");
  }
  // Read after the record's task detail: if this record is still the latest now, it was when the mapping was read.
  const latest = await deploy.recordState({ taskId: record.taskId, recordId: null }).catch(() => undefined);
  if (latest === undefined) return current("current");
  const at = now().toISOString();
  const isLatest = latest?.recordId === record.recordId;
  await capture(db, record, isLatest ? record.components : null, at).catch((err: unknown) => {
    log.warn("record: AOM mapping not captured", { recordId: record.recordId, detail: String(err) });
  });
  return isLatest ? { components: record.components, componentsAsOf: "finished", componentsCapturedAt: at } : current("later");
}

export async function recordDetail(
  deploy: Reads,
  db: Db,
  params: { taskId: string; recordId: string },
  ctx: { requestId: string | null; now?: () => Date },
): Promise<RecordDetail> {
  const warn = (what: string) => (err: unknown) => {
    log.warn(`record: ${what} unavailable`, { requestId: ctx.requestId, detail: String(err) });
    return null;
  };
  // The release # (what people call a deployment) is only in the history; usually known from a page already read.
  // Presentation only, like the ledger's facts: without them the page shows the short id and the IAM user.
  const [record, releases, origins, captured] = await Promise.all([
    deploy.getRecord(params),
    deploy.releaseIdsOf({ taskId: params.taskId, recordIds: [params.recordId] }).catch(warn("release #")),
    recordOrigins(db, params.taskId, [params.recordId]).catch(warn("ledger facts")),
    readCaptured(db, params.recordId).catch(warn("captured AOM mapping")),
  ]);
  const origin: RecordOrigin | undefined = origins?.get(params.recordId);
  const mapping = await mappingOf(deploy, db, record, captured, ctx.now ?? (() => new Date()));
  // The first read that sees the record finished frees its task for the next start at once: that start need not
  // ask the cloud whether the deployment still runs, nor wait for the reconciler's sweep.
  if (record.finished && !captured) await releaseMarkerOfRecord(db, params.taskId, params.recordId).catch(warn("in-flight release"));
  const target = origin?.action === "rollback" ? origin.targetRecordId : null;
  const targetRelease = target ? await deploy.releaseIdsOf({ taskId: params.taskId, recordIds: [target] }).catch(warn("release # of the target")) : null;
  return {
    ...record,
    ...mapping,
    releaseId: releases?.get(params.recordId) ?? null,
    startedBy: origin?.startedBy ?? null,
    jobName: origin?.jobName ?? null,
    reason: origin?.reason ?? null,
    rollbackOf: target ? { recordId: target, releaseId: targetRelease?.get(target) ?? null } : null,
  };
}
