import "server-only";
/**
 * Freeze windows: periods in which starts are refused (423 change_freeze) unless an administrator overrides them
 * with a reason. The admins' windows live in `freeze_windows`; whether one is in force is computed from its
 * schedule at the moment of the check (lib/change-control/freeze.ts), so nothing needs to open or close them.
 * Every create, change and delete is a ledger row (action `freeze`, in the same transaction as the change); an
 * override travels on the start's own rows (`override_window`), a refusal is the pipeline's `denied` row.
 */
import { randomUUID } from "node:crypto";
import { nextOccurrences, type Occurrence, occurrenceAt, occurrencesBetween } from "../../change-control/freeze";
import { ALL_APPS } from "../../schemas/access";
import {
  type FreezeNotice,
  type FreezeScope,
  type FreezeSchedule,
  type FreezeWindow,
  type FreezeWindowBody,
  type FreezeWindowView,
  PREVIEW_OCCURRENCES,
  type TaskFreeze,
  scopeCovers,
  scopeText,
} from "../../schemas/freeze-windows";
import type { FreezeOverride, LedgerActor } from "../../schemas/ledger";
import type { Db } from "../db/schema";
import type { FreezeWindowsTable } from "../db/schema-ledger";
import { ApiError } from "../errors";
import { appendRow, type ClientInfo } from "../ledger/store";
import type { Principal } from "../permissions";
import { actorOf, clientOf } from "./requester";

/** How far ahead the task page warns of a window. */
const UPCOMING_MS = 7 * 24 * 3_600_000;

const iso = (ms: number) => new Date(ms).toISOString();

function toWindow(r: FreezeWindowsTable): FreezeWindow & { updatedBy: string | null; updatedAt: string | null } {
  return {
    id: r.id,
    name: r.name,
    timeZone: r.time_zone,
    schedule: JSON.parse(r.schedule) as FreezeSchedule,
    scope: JSON.parse(r.scope) as FreezeScope,
    rollbacksAllowed: Boolean(Number(r.rollbacks_allowed)),
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  };
}

const occurrenceJson = (o: Occurrence) => ({ from: iso(o.from), to: iso(o.to) });

/** The next occurrences of a definition (saved or not), the one in force first. */
export function previewOf(def: Pick<FreezeWindowBody, "timeZone" | "schedule">, nowMs: number) {
  return nextOccurrences(def, nowMs, PREVIEW_OCCURRENCES).map(occurrenceJson);
}

function viewOf(w: ReturnType<typeof toWindow>, nowMs: number): FreezeWindowView {
  const next = previewOf(w, nowMs);
  return { ...w, next, active: next.length > 0 && Date.parse(next[0]!.from) <= nowMs };
}

async function allWindows(db: Db) {
  return (await db.selectFrom("freeze_windows").selectAll().orderBy("created_at").execute()).map(toWindow);
}

export async function listFreezeWindows(db: Db, nowMs: number): Promise<FreezeWindowView[]> {
  return (await allWindows(db)).map((w) => viewOf(w, nowMs));
}

export interface Admin {
  actor: LedgerActor & { id: string; email: string };
  client: ClientInfo;
}

/** The administrator behind an admin API call, as the ledger names them. */
export const adminOf = (user: Principal, headers: Headers, requestId: string | null): Admin => ({
  actor: { ...actorOf(user), id: user.id, email: user.email },
  client: clientOf(headers, requestId),
});

function describe(w: FreezeWindowBody): string {
  const s = w.schedule;
  const when =
    s.kind === "once"
      ? `${s.from} – ${s.to}`
      : s.kind === "weekly"
        ? `${s.days.join(",")} ${s.start}–${s.end}${s.endDayOffset ? ` (+${s.endDayOffset} d)` : ""}`
        : `cron "${s.cron}" for ${s.durationMinutes} min`;
  const scope = scopeText(w.scope);
  return `${when} ${w.timeZone}; ${scope}; rollbacks ${w.rollbacksAllowed ? "allowed" : "refused"}`;
}

async function ledgerFreezeRow(db: Db, who: Admin, message: string, at: Date): Promise<void> {
  await appendRow(db, { action: "freeze", phase: "recorded", attempted: null, actor: who.actor, client: who.client, message }, at);
}

const rowOf = (body: FreezeWindowBody) => ({
  name: body.name,
  time_zone: body.timeZone,
  schedule: JSON.stringify(body.schedule),
  scope: JSON.stringify(body.scope),
  rollbacks_allowed: body.rollbacksAllowed ? 1 : 0,
});

export async function createFreezeWindow(db: Db, who: Admin, body: FreezeWindowBody, now: Date): Promise<FreezeWindowView> {
  const row: FreezeWindowsTable = {
    id: randomUUID(),
    ...rowOf(body),
    created_by: who.actor.email,
    created_at: now.toISOString(),
    updated_by: null,
    updated_at: null,
  };
  await db.transaction().execute(async (tx) => {
    await tx.insertInto("freeze_windows").values(row).execute();
    await ledgerFreezeRow(tx, who, `created freeze window “${body.name}” (${row.id}): ${describe(body)}`, now);
  });
  return viewOf(toWindow(row), now.getTime());
}

const notFound = (id: string) => new ApiError("not_found", `There is no freeze window ${id} (it may have been deleted).`);

/** Replaces the window's whole definition (a schedule is only checkable whole). */
export async function updateFreezeWindow(db: Db, who: Admin, id: string, body: FreezeWindowBody, now: Date): Promise<FreezeWindowView> {
  const saved = await db.transaction().execute(async (tx) => {
    const r = await tx
      .updateTable("freeze_windows")
      .set({ ...rowOf(body), updated_by: who.actor.email, updated_at: now.toISOString() })
      .where("id", "=", id)
      .executeTakeFirst();
    if (r.numUpdatedRows === 0n) throw notFound(id);
    await ledgerFreezeRow(tx, who, `changed freeze window “${body.name}” (${id}): ${describe(body)}`, now);
    return tx.selectFrom("freeze_windows").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  });
  return viewOf(toWindow(saved), now.getTime());
}

export async function deleteFreezeWindow(db: Db, who: Admin, id: string, now: Date): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const w = await tx.selectFrom("freeze_windows").select(["name"]).where("id", "=", id).executeTakeFirst();
    if (!w) throw notFound(id);
    await tx.deleteFrom("freeze_windows").where("id", "=", id).execute();
    await ledgerFreezeRow(tx, who, `deleted freeze window “${w.name}” (${id})`, now);
  });
}

/** Those of `teams` whose grants reach a task: a grant on it, or on all apps. */
export async function teamsOnTask(db: Db, teams: string[], taskId: string): Promise<Set<string>> {
  if (teams.length === 0) return new Set();
  const rows = await db
    .selectFrom("grants")
    .select("team_id")
    .where("team_id", "in", teams)
    .where((eb) => eb.or([eb("task_id", "=", taskId), eb("app_id", "=", ALL_APPS)]))
    .execute();
  return new Set(rows.map((r) => r.team_id));
}

async function windowsOfTask(db: Db, taskId: string) {
  const windows = await allWindows(db);
  const teams = [...new Set(windows.flatMap((w) => (w.scope.kind === "teams" ? w.scope.teams : [])))];
  const reached = await teamsOnTask(db, teams, taskId);
  return windows.filter((w) => scopeCovers(w.scope, taskId, reached));
}

const noticeOf = (w: FreezeWindow, o: Occurrence): FreezeNotice => ({
  id: w.id,
  name: w.name,
  timeZone: w.timeZone,
  from: iso(o.from),
  until: iso(o.to),
  rollbacksAllowed: w.rollbacksAllowed,
});

/** The windows in force on the task now and those opening within 7 days (task page, picker row, start check). */
export async function freezeOfTask(db: Db, taskId: string, nowMs: number, canOverride: boolean): Promise<TaskFreeze> {
  const active: FreezeNotice[] = [];
  const upcoming: FreezeNotice[] = [];
  for (const w of await windowsOfTask(db, taskId)) {
    const now = occurrenceAt(w, nowMs);
    if (now) active.push(noticeOf(w, now));
    const next = occurrencesBetween(w, nowMs, nowMs + UPCOMING_MS).find((o) => o.from > nowMs);
    if (next) upcoming.push(noticeOf(w, next));
  }
  const byFrom = (a: FreezeNotice, b: FreezeNotice) => a.from.localeCompare(b.from);
  return { active: active.sort(byFrom), upcoming: upcoming.sort(byFrom), canOverride };
}

/** When deployments open again: the end of the last of the windows (they are all in force now). */
const openAgain = (windows: FreezeNotice[]) =>
  windows
    .map((w) => w.until)
    .sort()
    .at(-1)!;

/** The 423 a start inside a freeze window answers with. */
export function frozenError(windows: FreezeNotice[], canOverride: boolean): ApiError {
  const names = windows.map((w) => `“${w.name}”`).join(", ");
  return new ApiError(
    "change_freeze",
    `Deployments are frozen by ${names} until ${openAgain(windows)}.${canOverride ? " As an administrator you may override it: send override_freeze: true with a reason." : ""}`,
    undefined,
    { freeze: { active: windows, upcoming: [], canOverride } },
  );
}

/** What the ledger keeps of an override: the windows as they were. */
export const overrideOf = (windows: FreezeNotice[]): FreezeOverride[] => windows.map((w) => ({ id: w.id, name: w.name, until: w.until }));
