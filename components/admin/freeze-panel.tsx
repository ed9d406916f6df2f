"use client";

import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useDeferredValue, useEffect, useId, useState, type FormEvent } from "react";
import { instantOf, wallOf } from "@/lib/change-control/wall-clock";
import type { FreezeSchedule, FreezeScope, FreezeWindowBody, FreezeWindowView } from "@/lib/schemas/freeze-windows";
import { adminTeamsOptions } from "@/lib/queries/admin";
import { freezePreviewOptions, freezeWindowsOptions, useDeleteFreezeWindow, useSaveFreezeWindow } from "@/lib/queries/freeze";
import { isApiError } from "@/lib/queries/api";
import { cn } from "@/lib/utils";
import { useAnnounce } from "@/components/ui/announcer";
import { Button } from "@/components/ui/button";
import { DataTable, td } from "@/components/ui/data-table";
import { Input, Label, Select } from "@/components/ui/form-controls";
import { SnowflakeIcon, SpinnerIcon } from "@/components/ui/icons";
import { Time } from "@/components/ui/time";
import { useHydrated } from "@/components/ui/use-hydrated";
import { HydratedFieldset } from "@/components/ui/hydrated-fieldset";
import { AppPicker, type AppChoice } from "@/components/admin/app-picker";
import { AddForm, AdminSection, ConfirmRemoval, EditDeleteCell } from "@/components/admin/admin-ui";

/** Monday first, in the order the form shows them (the API's names). */
const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
type Day = (typeof DAYS)[number];
/** 2024-01-01 was a Monday: the days' names in the page's language come from Intl, not the catalogs. */
const dayName = (day: Day, locale: string) =>
  new Intl.DateTimeFormat(locale, { weekday: "short", timeZone: "UTC" }).format(Date.UTC(2024, 0, 1 + DAYS.indexOf(day)));

const PREVIEW_DEBOUNCE_MS = 400;

/** The form's fields, as typed (a one-off window's times are wall-clock readings in the chosen zone). */
interface Draft {
  name: string;
  /** null: not chosen yet (the browser's zone is offered). */
  timeZone: string | null;
  kind: FreezeSchedule["kind"];
  from: string;
  to: string;
  days: Day[];
  start: string;
  end: string;
  /** "": the default (an end at or before the start is the next day). */
  endDayOffset: string;
  cron: string;
  durationMinutes: string;
  scope: FreezeScope["kind"];
  teams: string[];
  apps: { taskId: string; name: string }[];
  rollbacksAllowed: boolean;
}

const EMPTY: Draft = {
  name: "",
  timeZone: null,
  kind: "weekly",
  from: "",
  to: "",
  days: ["fri"],
  start: "18:00",
  end: "08:00",
  endDayOffset: "3",
  cron: "",
  durationMinutes: "60",
  scope: "all",
  teams: [],
  apps: [],
  rollbacksAllowed: true,
};

/** datetime-local text (a reading in `zone`) ⇄ an ISO instant. */
const instantOfLocal = (local: string, zone: string) => {
  const wall = Date.parse(`${local}:00Z`);
  return Number.isNaN(wall) ? local : new Date(instantOf(wall, zone, "start")).toISOString();
};
const localOfInstant = (iso: string, zone: string) => new Date(wallOf(Date.parse(iso), zone)).toISOString().slice(0, 16);

function scheduleOf(d: Draft, zone: string): FreezeSchedule | null {
  if (d.kind === "once") return d.from && d.to ? { kind: "once", from: instantOfLocal(d.from, zone), to: instantOfLocal(d.to, zone) } : null;
  if (d.kind === "weekly") {
    if (d.days.length === 0 || !d.start || !d.end) return null;
    return { kind: "weekly", days: d.days, start: d.start, end: d.end, ...(d.endDayOffset === "" ? {} : { endDayOffset: Number(d.endDayOffset) }) };
  }
  return d.cron.trim() ? { kind: "cron", cron: d.cron.trim(), durationMinutes: Number(d.durationMinutes) } : null;
}

function scopeOf(d: Draft): FreezeScope {
  if (d.scope === "teams") return { kind: "teams", teams: d.teams };
  if (d.scope === "apps") return { kind: "apps", taskIds: d.apps.map((a) => a.taskId) };
  return { kind: "all" };
}

function draftOf(w: FreezeWindowView, appNames: Map<string, string>): Draft {
  const s = w.schedule;
  return {
    ...EMPTY,
    name: w.name,
    timeZone: w.timeZone,
    kind: s.kind,
    from: s.kind === "once" ? localOfInstant(s.from, w.timeZone) : "",
    to: s.kind === "once" ? localOfInstant(s.to, w.timeZone) : "",
    days: s.kind === "weekly" ? DAYS.filter((d) => s.days.includes(d)) : EMPTY.days,
    start: s.kind === "weekly" ? s.start : EMPTY.start,
    end: s.kind === "weekly" ? s.end : EMPTY.end,
    endDayOffset: s.kind === "weekly" ? (s.endDayOffset === undefined ? "" : String(s.endDayOffset)) : EMPTY.endDayOffset,
    cron: s.kind === "cron" ? s.cron : "",
    durationMinutes: s.kind === "cron" ? String(s.durationMinutes) : EMPTY.durationMinutes,
    scope: w.scope.kind,
    teams: w.scope.kind === "teams" ? w.scope.teams : [],
    apps: w.scope.kind === "apps" ? w.scope.taskIds.map((taskId) => ({ taskId, name: appNames.get(taskId) ?? taskId })) : [],
    rollbacksAllowed: w.rollbacksAllowed,
  };
}

/** The browser's zone, once hydrated (the server knows none): the default of a new window. */
function useBrowserZone(): string {
  const hydrated = useHydrated();
  return hydrated ? Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC" : "UTC";
}

/** "Fri 18:00 → Mon 08:00", "cron 0 2 * * * for 90 min", "2026-12-24 00:00 – 2026-12-27 00:00" (in the window's zone). */
function useScheduleText(): (w: Pick<FreezeWindowView, "schedule" | "timeZone">) => string {
  const t = useTranslations("freeze.admin");
  const locale = useLocale();
  return ({ schedule: s, timeZone }) => {
    if (s.kind === "once")
      return t("onceText", { from: localOfInstant(s.from, timeZone).replace("T", " "), to: localOfInstant(s.to, timeZone).replace("T", " ") });
    if (s.kind === "cron") return t("cronText", { cron: s.cron, minutes: s.durationMinutes });
    const days = DAYS.filter((d) => s.days.includes(d))
      .map((d) => dayName(d, locale))
      .join(", ");
    const offset = s.endDayOffset ?? (s.end <= s.start ? 1 : 0);
    return t("weeklyText", { days, start: s.start, end: s.end, offset });
  };
}

/** Freeze windows: when deployments are refused (423 change_freeze) unless an administrator overrides them. */
export function FreezePanel() {
  const t = useTranslations("freeze.admin");
  const list = useQuery(freezeWindowsOptions());
  const teams = useQuery(adminTeamsOptions());
  const remove = useDeleteFreezeWindow();
  const scheduleText = useScheduleText();
  const [editing, setEditing] = useState<FreezeWindowView | null>(null);
  const [removing, setRemoving] = useState<FreezeWindowView | null>(null);
  const teamName = new Map((teams.data ?? []).map((x) => [x.id, x.name]));
  const scopeText = (s: FreezeScope) =>
    s.kind === "all"
      ? t("scopeAll")
      : s.kind === "teams"
        ? t("scopeTeamsText", { names: s.teams.map((id) => teamName.get(id) ?? id).join(", ") })
        : t("scopeAppsText", { count: s.taskIds.length });

  return (
    <AdminSection
      id="freeze"
      testId="admin-freeze"
      title={t("title")}
      description={t("description")}
      form={<FreezeForm key={editing?.id ?? "new"} editing={editing} onDone={() => setEditing(null)} />}
    >
      <DataTable
        query={list}
        empty={t("empty")}
        loading={t("loading")}
        caption={t("caption")}
        columns={[{ label: t("colName") }, { label: t("colWhen") }, { label: t("colScope"), className: "hidden md:table-cell" }, { label: t("colNext") }]}
      >
        {(rows) =>
          rows.map((w) => (
            <tr key={w.id} data-testid="admin-freeze-row" data-name={w.name} data-id={w.id} data-active={w.active}>
              <td className={cn(td, "font-medium text-zinc-900")}>
                <span className="inline-flex items-center gap-1.5">
                  <SnowflakeIcon className="size-3.5 text-sky-600" />
                  {w.name}
                </span>
                {w.active && (
                  <span data-testid="admin-freeze-active" className="ml-2 rounded bg-sky-100 px-1.5 py-0.5 text-xs font-medium text-sky-900">
                    {t("activeBadge")}
                  </span>
                )}
                <p className="text-xs font-normal text-zinc-500">{w.rollbacksAllowed ? t("rollbacksAllowed") : t("rollbacksRefused")}</p>
              </td>
              <td className={cn(td, "text-zinc-700")}>
                {scheduleText(w)}
                <p className="text-xs text-zinc-500">{w.timeZone}</p>
              </td>
              <td className={cn(td, "hidden text-zinc-600 md:table-cell")}>{scopeText(w.scope)}</td>
              <td className={cn(td, "text-zinc-600")}>
                {w.next[0] ? (
                  <>
                    <Time value={w.next[0].from} /> – <Time value={w.next[0].to} />
                  </>
                ) : (
                  t("noNext")
                )}
              </td>
              <EditDeleteCell
                editTestId="admin-freeze-edit"
                deleteTestId="admin-freeze-delete"
                editLabel={t("editLabel", { name: w.name })}
                deleteLabel={t("deleteLabel", { name: w.name })}
                onEdit={() => setEditing(w)}
                onDelete={() => {
                  remove.reset();
                  setRemoving(w);
                }}
              />
            </tr>
          ))
        }
      </DataTable>
      <ConfirmRemoval
        id={removing?.id ?? null}
        title={t("deleteTitle", { name: removing?.name ?? "" })}
        sentence={t("deleteSentence", { name: removing?.name ?? "" })}
        confirmLabel={t("delete")}
        done={t("deleted", { name: removing?.name ?? "" })}
        mutation={remove}
        onClose={() => setRemoving(null)}
      />
    </AdminSection>
  );
}

function FreezeForm({ editing, onDone }: { editing: FreezeWindowView | null; onDone: () => void }) {
  const t = useTranslations("freeze.admin");
  const uid = useId();
  const announce = useAnnounce();
  const save = useSaveFreezeWindow();
  const teams = useQuery(adminTeamsOptions());
  const browserZone = useBrowserZone();
  const [draft, setDraft] = useState<Draft>(() => (editing ? draftOf(editing, new Map()) : EMPTY));
  const [tried, setTried] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const zone = draft.timeZone ?? browserZone;
  const schedule = scheduleOf(draft, zone);
  const nameMissing = draft.name.trim() === "";

  // An app picked joins the list (the picker stays empty for the next one).
  const addApp = (pick: AppChoice | null) => {
    if (pick?.kind !== "app") return;
    setDraft((d) => (d.apps.some((a) => a.taskId === pick.taskId) ? d : { ...d, apps: [...d.apps, { taskId: pick.taskId, name: pick.name }] }));
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (nameMissing) return;
    // The schedule may be incomplete: the server says which field (the one validator there is).
    const body = {
      name: draft.name.trim(),
      timeZone: zone,
      schedule: schedule ?? { kind: draft.kind },
      scope: scopeOf(draft),
      rollbacksAllowed: draft.rollbacksAllowed,
    } as FreezeWindowBody;
    save.mutate(
      { id: editing?.id ?? null, body },
      {
        onSuccess: () => {
          announce(editing ? t("saved", { name: body.name }) : t("created", { name: body.name }), "success");
          setDraft(EMPTY);
          setTried(false);
          onDone();
        },
      },
    );
  };

  const field = (name: string) => `${uid}-${name}`;
  // Disabled until hydrated: a kind chosen before then would be lost (the fields below it depend on it).
  return (
    <HydratedFieldset className="min-w-0">
      <AddForm
        label={editing ? t("editFormLabel", { name: editing.name }) : t("formLabel")}
        onSubmit={onSubmit}
        gridClassName="grid gap-3 md:grid-cols-2"
        submitClassName="flex flex-wrap items-end gap-2 md:col-span-2"
        submitTestId="admin-freeze-submit"
        submitLabel={editing ? t("save") : t("submit")}
        icon={<SnowflakeIcon />}
        pending={save.isPending}
        error={save.error}
        before={
          editing && (
            <p data-testid="admin-freeze-editing" className="flex flex-wrap items-center gap-2 text-sm text-zinc-700">
              {t("editing", { name: editing.name })}
              <Button size="sm" variant="ghost" data-testid="admin-freeze-cancel" onClick={onDone}>
                {t("cancelEdit")}
              </Button>
            </p>
          )
        }
      >
        <div>
          <Label htmlFor={field("name")}>{t("name")}</Label>
          <Input
            id={field("name")}
            data-testid="admin-freeze-name"
            maxLength={100}
            value={draft.name}
            invalid={tried && nameMissing}
            onChange={(e) => set("name", e.target.value)}
          />
          {tried && nameMissing && <p className="mt-1 text-xs text-red-700">{t("nameRequired")}</p>}
        </div>
        <div>
          <Label htmlFor={field("zone")}>{t("timeZone")}</Label>
          <Input
            id={field("zone")}
            data-testid="admin-freeze-zone"
            list={field("zones")}
            autoComplete="off"
            spellCheck={false}
            value={zone}
            onChange={(e) => set("timeZone", e.target.value)}
          />
          <ZoneList id={field("zones")} />
          <p className="mt-1 text-xs text-zinc-500">{t("timeZoneHint")}</p>
        </div>
        <div>
          <Label htmlFor={field("kind")}>{t("kind")}</Label>
          <Select id={field("kind")} data-testid="admin-freeze-kind" value={draft.kind} onChange={(e) => set("kind", e.target.value as Draft["kind"])}>
            <option value="once">{t("kindOnce")}</option>
            <option value="weekly">{t("kindWeekly")}</option>
            <option value="cron">{t("kindCron")}</option>
          </Select>
        </div>
        <div>
          <Label htmlFor={field("scope")}>{t("scope")}</Label>
          <Select id={field("scope")} data-testid="admin-freeze-scope" value={draft.scope} onChange={(e) => set("scope", e.target.value as Draft["scope"])}>
            <option value="all">{t("scopeAll")}</option>
            <option value="teams">{t("scopeTeams")}</option>
            <option value="apps">{t("scopeApps")}</option>
          </Select>
        </div>

        {draft.kind === "once" && (
          <>
            <div>
              <Label htmlFor={field("from")}>{t("from", { zone })}</Label>
              <Input
                id={field("from")}
                data-testid="admin-freeze-from"
                type="datetime-local"
                value={draft.from}
                onChange={(e) => set("from", e.target.value)}
              />
            </div>
            <div>
              <Label htmlFor={field("to")}>{t("to", { zone })}</Label>
              <Input id={field("to")} data-testid="admin-freeze-to" type="datetime-local" value={draft.to} onChange={(e) => set("to", e.target.value)} />
            </div>
          </>
        )}
        {draft.kind === "weekly" && <WeeklyFields draft={draft} set={set} field={field} />}
        {draft.kind === "cron" && (
          <>
            <div>
              <Label htmlFor={field("cron")}>{t("cron")}</Label>
              <Input
                id={field("cron")}
                data-testid="admin-freeze-cron"
                className="font-mono"
                placeholder="0 2 * * 1-5"
                spellCheck={false}
                value={draft.cron}
                onChange={(e) => set("cron", e.target.value)}
              />
              <p className="mt-1 text-xs text-zinc-500">{t("cronHint")}</p>
            </div>
            <div>
              <Label htmlFor={field("duration")}>{t("duration")}</Label>
              <Input
                id={field("duration")}
                data-testid="admin-freeze-duration"
                type="number"
                min={1}
                max={20160}
                value={draft.durationMinutes}
                onChange={(e) => set("durationMinutes", e.target.value)}
              />
            </div>
          </>
        )}

        {draft.scope === "teams" && (
          <fieldset className="md:col-span-2">
            <legend className="text-sm font-medium text-zinc-800">{t("teamsLegend")}</legend>
            <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
              {(teams.data ?? []).map((team) => (
                <label key={team.id} className="inline-flex items-center gap-1.5 text-sm">
                  <input
                    type="checkbox"
                    data-testid="admin-freeze-team"
                    data-team={team.name}
                    className="size-4 accent-blue-600"
                    checked={draft.teams.includes(team.id)}
                    onChange={(e) => set("teams", e.target.checked ? [...draft.teams, team.id] : draft.teams.filter((id) => id !== team.id))}
                  />
                  {team.name}
                </label>
              ))}
              {teams.data?.length === 0 && <span className="text-sm text-zinc-500">{t("noTeams")}</span>}
            </div>
          </fieldset>
        )}
        {draft.scope === "apps" && (
          <div className="md:col-span-2">
            <AppPicker id={field("app")} testId="admin-freeze-app" value={null} onChange={addApp} taken={new Set(draft.apps.map((a) => a.taskId))} />
            <ul className="mt-2 flex flex-wrap gap-1.5 empty:hidden">
              {draft.apps.map((a) => (
                <li key={a.taskId} data-testid="admin-freeze-app-chip" className="inline-flex items-center gap-1 rounded bg-zinc-100 px-2 py-0.5 text-xs">
                  {a.name}
                  <button
                    type="button"
                    className="rounded px-1 text-zinc-500 hover:text-zinc-900"
                    aria-label={t("removeApp", { app: a.name })}
                    onClick={() =>
                      set(
                        "apps",
                        draft.apps.filter((x) => x.taskId !== a.taskId),
                      )
                    }
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}

        <label className="inline-flex items-center gap-2 text-sm md:col-span-2">
          <input
            type="checkbox"
            data-testid="admin-freeze-rollbacks"
            className="size-4 accent-blue-600"
            checked={draft.rollbacksAllowed}
            onChange={(e) => set("rollbacksAllowed", e.target.checked)}
          />
          {t("rollbacksAllowedLabel")}
        </label>

        <div className="md:col-span-2">
          <Preview definition={schedule ? { timeZone: zone, schedule } : null} />
        </div>
      </AddForm>
    </HydratedFieldset>
  );
}

function WeeklyFields({ draft, set, field }: { draft: Draft; set: <K extends keyof Draft>(key: K, value: Draft[K]) => void; field: (name: string) => string }) {
  const t = useTranslations("freeze.admin");
  const locale = useLocale();
  return (
    <>
      <fieldset className="md:col-span-2">
        <legend className="text-sm font-medium text-zinc-800">{t("days")}</legend>
        <div className="mt-1 flex flex-wrap gap-x-3 gap-y-1">
          {DAYS.map((day) => (
            <label key={day} className="inline-flex items-center gap-1.5 text-sm">
              <input
                type="checkbox"
                data-testid="admin-freeze-day"
                data-day={day}
                className="size-4 accent-blue-600"
                checked={draft.days.includes(day)}
                onChange={(e) => set("days", e.target.checked ? DAYS.filter((d) => d === day || draft.days.includes(d)) : draft.days.filter((d) => d !== day))}
              />
              {dayName(day, locale)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="grid grid-cols-2 gap-3">
        <div>
          <Label htmlFor={field("start")}>{t("start")}</Label>
          <Input id={field("start")} data-testid="admin-freeze-start" type="time" value={draft.start} onChange={(e) => set("start", e.target.value)} />
        </div>
        <div>
          <Label htmlFor={field("end")}>{t("end")}</Label>
          <Input id={field("end")} data-testid="admin-freeze-end" type="time" value={draft.end} onChange={(e) => set("end", e.target.value)} />
        </div>
      </div>
      <div>
        <Label htmlFor={field("offset")}>{t("endDay")}</Label>
        <Select id={field("offset")} data-testid="admin-freeze-offset" value={draft.endDayOffset} onChange={(e) => set("endDayOffset", e.target.value)}>
          <option value="">{t("endDayAuto")}</option>
          {[0, 1, 2, 3, 4, 5, 6].map((n) => (
            <option key={n} value={String(n)}>
              {t("endDayOffset", { n })}
            </option>
          ))}
        </Select>
      </div>
    </>
  );
}

/** The zones the browser knows, for the zone field's suggestions. */
function ZoneList({ id }: { id: string }) {
  const hydrated = useHydrated();
  if (!hydrated) return null;
  return (
    <datalist id={id}>
      {Intl.supportedValuesOf("timeZone").map((z) => (
        <option key={z} value={z} />
      ))}
    </datalist>
  );
}

/** The first thing the server found wrong with the definition, with the field it is about. */
function issueText(error: unknown): string {
  if (!isApiError(error)) return String(error);
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".")}: ${issue.message}` : error.message;
}

/** What the definition would freeze next, asked of the server as the admin types (its answer, or why it cannot). */
function Preview({ definition }: { definition: Pick<FreezeWindowBody, "timeZone" | "schedule"> | null }) {
  const t = useTranslations("freeze.admin");
  const deferred = useDeferredValue(definition);
  const [asked, setAsked] = useState(deferred);
  useEffect(() => {
    const timer = setTimeout(() => setAsked(deferred), PREVIEW_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [JSON.stringify(deferred)]); // eslint-disable-line react-hooks/exhaustive-deps -- by value
  const preview = useQuery(freezePreviewOptions(asked));

  return (
    <section data-testid="admin-freeze-preview" aria-live="polite" className="rounded-md border border-zinc-200 bg-white px-3 py-2 text-sm">
      <p className="flex items-center gap-2 text-xs font-medium text-zinc-600">
        {t("previewTitle")}
        {preview.isFetching && <SpinnerIcon className="size-3" />}
      </p>
      {!asked ? (
        <p className="text-xs text-zinc-500">{t("previewIncomplete")}</p>
      ) : preview.isError ? (
        <p data-testid="admin-freeze-preview-error" className="text-xs text-red-700">
          {issueText(preview.error)}
        </p>
      ) : preview.data?.next.length === 0 ? (
        <p className="text-xs text-zinc-500">{t("previewNone")}</p>
      ) : (
        <ol className="mt-1 space-y-0.5 text-xs text-zinc-700">
          {preview.data?.next.map((o) => (
            <li key={o.from} data-testid="admin-freeze-occurrence">
              <Time value={o.from} /> – <Time value={o.to} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
