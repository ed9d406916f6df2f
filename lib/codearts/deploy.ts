/**
 * CodeArts Deploy as the console uses it: one operation per intention, each taking one input object and returning
 * the console's own types (lib/schemas/); vendor shapes are reshaped in lib/codearts and go no further. The code of
 * each job lives in its module: apps (the picker), task-detail, records (history, status, parameters), releases,
 * logs, runs (start and stop), triggers. This binds them to what they share — the client, the task cache, the release cache —
 * with `bind`, so no frame of its own stands between a caller and the module that does the work. It is also the
 * deploy service's DeployUpstream (lib/server/deploy/deploy-deps.ts).
 */
import { listApps } from "./apps";
import type { CodeArtsClient } from "./client";
import { getLogs, logChunks, wholeLog } from "./logs";
import { getRecord, getRecordParams, latestRecord, listRecords, recordProgress, recordState, recordStatuses, recordsSince, upstreamToday } from "./records";
import { ReleaseIds } from "./releases";
import { startTask, stopRecord } from "./runs";
import { getTask } from "./task-detail";
import { TaskLookup } from "./tasks";
import { TriggerRules } from "./triggers";

export function codeartsDeploy(client: CodeArtsClient) {
  /** Task detail via ShowDeployTaskDetail, or ListAllApp + ShowAppDetailById once that API is retired. */
  const tasks = new TaskLookup(client);
  const releases = new ReleaseIds();
  const triggers = new TriggerRules(client);
  /** ShowDeployStatus answers shared between the pages polling a record and the deploy service. */
  const statuses = recordStatuses();
  /** ShowAppLog chunks shared between the pages following a record's log. */
  const chunks = logChunks();
  return {
    client,
    tasks,
    /** Today in the cloud's calendar (the default end of a history range). */
    today: upstreamToday.bind(undefined, client),
    listApps: listApps.bind(undefined, client, tasks),
    getTask: getTask.bind(undefined, client, tasks, triggers),
    /** Who may start each task of a picker page (ListAllApp does not say): ShowTaskTrigger, cached briefly. */
    triggerSources: triggers.of.bind(triggers),
    latestRecord: latestRecord.bind(undefined, client),
    /** Every history page read feeds the release-number cache. */
    listRecords: listRecords.bind(undefined, client, (rows) => releases.remember(rows)),
    releaseIdsOf: releases.of.bind(releases, client),
    getRecord: getRecord.bind(undefined, client, tasks, statuses),
    getRecordParams: getRecordParams.bind(undefined, client),
    recordState: recordState.bind(undefined, client, statuses),
    recordProgress: recordProgress.bind(undefined, client, statuses),
    recordsSince: recordsSince.bind(undefined, client),
    getLogs: getLogs.bind(undefined, client, tasks, chunks),
    wholeLog: wholeLog.bind(undefined, client, tasks),
    startTask: startTask.bind(undefined, client),
    stopRecord: stopRecord.bind(undefined, client),
  };
}

export type CodeArtsDeploy = ReturnType<typeof codeartsDeploy>;
