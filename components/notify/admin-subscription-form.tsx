"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { useForm, useWatch } from "react-hook-form";
import { EVENT_KINDS, type EventKind } from "@/lib/schemas/notify-kinds";
import type { SubscriptionBody, SubscriptionScope } from "@/lib/schemas/notify";
import { adminTeamsOptions } from "@/lib/queries/admin";
import { isApiError } from "@/lib/queries/api";
import { channelsOptions, useCreateSubscription } from "@/lib/queries/notify";
import { useAnnounce } from "@/components/ui/announcer";
import { Label, Select } from "@/components/ui/form-controls";
import { PlusIcon } from "@/components/ui/icons";
import { HydratedFieldset } from "@/components/ui/hydrated-fieldset";
import { AppPicker, type AppChoice } from "@/components/admin/app-picker";
import { AddForm } from "@/components/admin/admin-ui";
import { useEventLabel } from "@/components/notify/admin-labels";

interface SubscriptionFields {
  channelId: string;
  scope: SubscriptionScope["kind"];
  teams: string[];
  apps: { taskId: string; name: string }[];
  events: EventKind[];
}

const DEFAULT_EVENTS: EventKind[] = ["deploy.succeeded", "deploy.failed"];

function scopeOf(f: SubscriptionFields): SubscriptionScope {
  if (f.scope === "teams") return { kind: "teams", teams: f.teams };
  if (f.scope === "apps") return { kind: "apps", taskIds: f.apps.map((a) => a.taskId) };
  return { kind: "all" };
}

/** Route events to a channel: which channel, which apps (all, a team's, listed ones — as a freeze window's), which kinds. */
export function NewSubscriptionForm() {
  const t = useTranslations("notifyAdmin.subscriptions");
  const uid = useId();
  const announce = useAnnounce();
  const create = useCreateSubscription();
  const channels = useQuery(channelsOptions());
  const teams = useQuery(adminTeamsOptions());
  const eventLabel = useEventLabel();
  const form = useForm<SubscriptionFields>({ defaultValues: { channelId: "", scope: "all", teams: [], apps: [], events: DEFAULT_EVENTS } });
  const { errors } = form.formState;
  const [scope, chosenTeams, apps] = useWatch({ control: form.control, name: ["scope", "teams", "apps"] });

  // Teams and apps are picked, not typed: their rules are checked here and set on the fields by hand.
  const scopeValid = (f: SubscriptionFields) => {
    if (f.scope === "teams" && f.teams.length === 0) form.setError("teams", { type: "required", message: t("teamsRequired") });
    else if (f.scope === "apps" && f.apps.length === 0) form.setError("apps", { type: "required", message: t("appsRequired") });
    else return true;
    return false;
  };

  const onSubmit = (f: SubscriptionFields) => {
    if (!scopeValid(f)) return;
    const body: SubscriptionBody = { channelId: f.channelId, scope: scopeOf(f), events: EVENT_KINDS.filter((k) => f.events.includes(k)) };
    const channelName = channels.data?.find((c) => c.id === f.channelId)?.name ?? "";
    create.mutate(body, {
      onSuccess: () => {
        announce(t("created", { channel: channelName }), "success");
        form.reset({ channelId: "", scope: "all", teams: [], apps: [], events: DEFAULT_EVENTS });
      },
      onError: (error) => {
        if (!isApiError(error)) return;
        for (const issue of error.issues) {
          const field = issue.path[0];
          if (field === "channelId" || field === "events") form.setError(field, { type: "server", message: issue.message });
        }
      },
    });
  };

  const addApp = (pick: AppChoice | null) => {
    if (pick?.kind !== "app" || apps.some((a) => a.taskId === pick.taskId)) return;
    form.setValue("apps", [...apps, { taskId: pick.taskId, name: pick.name }]);
    form.clearErrors("apps");
  };
  const setTeams = (next: string[]) => {
    form.setValue("teams", next);
    form.clearErrors("teams");
  };
  const err = create.error;
  const onFields = isApiError(err) && err.issues.length > 0 && err.issues.every((i) => i.path[0] === "channelId" || i.path[0] === "events");
  const fieldError = (name: keyof SubscriptionFields) =>
    errors[name]?.message && (
      <p id={`${uid}-${name}-error`} data-testid={`notify-subscription-${name}-error`} role="alert" className="mt-1 text-xs break-words text-red-700">
        {errors[name].message}
      </p>
    );

  return (
    <HydratedFieldset className="min-w-0">
      <AddForm
        label={t("formLabel")}
        onSubmit={(event) => void form.handleSubmit(onSubmit)(event)}
        gridClassName="grid gap-3 sm:grid-cols-2"
        submitClassName="sm:col-span-2"
        submitTestId="notify-subscription-submit"
        submitLabel={t("submit")}
        icon={<PlusIcon />}
        pending={create.isPending}
        error={onFields ? null : err}
      >
        <div>
          <Label htmlFor={`${uid}-channel`}>{t("channel")}</Label>
          <Select
            id={`${uid}-channel`}
            data-testid="notify-subscription-channel"
            invalid={Boolean(errors.channelId)}
            aria-describedby={errors.channelId ? `${uid}-channelId-error` : undefined}
            {...form.register("channelId", { required: t("channelRequired") })}
          >
            <option value="">{channels.isPending ? t("loadingChannels") : t("channelPlaceholder")}</option>
            {(channels.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </Select>
          {fieldError("channelId")}
        </div>
        <div>
          <Label htmlFor={`${uid}-scope`}>{t("scope")}</Label>
          <Select
            id={`${uid}-scope`}
            data-testid="notify-subscription-scope"
            {...form.register("scope", { onChange: () => form.clearErrors(["teams", "apps"]) })}
          >
            <option value="all">{t("scopeAll")}</option>
            <option value="teams">{t("scopeTeams")}</option>
            <option value="apps">{t("scopeApps")}</option>
          </Select>
        </div>

        {scope === "teams" && (
          <fieldset className="sm:col-span-2">
            <legend className="text-sm font-medium text-zinc-800">{t("teamsLegend")}</legend>
            <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
              {(teams.data ?? []).map((team) => (
                <label key={team.id} className="inline-flex items-center gap-1.5 text-sm">
                  <input
                    type="checkbox"
                    data-testid="notify-subscription-team"
                    data-team={team.name}
                    className="size-4 accent-blue-600"
                    checked={chosenTeams.includes(team.id)}
                    onChange={(e) => setTeams(e.target.checked ? [...chosenTeams, team.id] : chosenTeams.filter((id) => id !== team.id))}
                  />
                  {team.name}
                </label>
              ))}
              {teams.data?.length === 0 && <span className="text-sm text-zinc-500">{t("noTeams")}</span>}
            </div>
            {fieldError("teams")}
          </fieldset>
        )}
        {scope === "apps" && (
          <div className="sm:col-span-2">
            <AppPicker
              id={`${uid}-app`}
              testId="notify-subscription-app"
              value={null}
              onChange={addApp}
              invalid={Boolean(errors.apps)}
              taken={new Set(apps.map((a) => a.taskId))}
            />
            <ul className="mt-2 flex flex-wrap gap-1.5 empty:hidden">
              {apps.map((a) => (
                <li
                  key={a.taskId}
                  data-testid="notify-subscription-app-chip"
                  className="inline-flex items-center gap-1 rounded bg-zinc-100 px-2 py-0.5 text-xs"
                >
                  {a.name}
                  <button
                    type="button"
                    className="rounded px-1 text-zinc-500 hover:text-zinc-900"
                    aria-label={t("removeApp", { app: a.name })}
                    onClick={() =>
                      form.setValue(
                        "apps",
                        apps.filter((x) => x.taskId !== a.taskId),
                      )
                    }
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
            {fieldError("apps")}
          </div>
        )}

        <fieldset className="sm:col-span-2" aria-describedby={errors.events ? `${uid}-events-error` : undefined}>
          <legend className="text-sm font-medium text-zinc-800">{t("eventsLegend")}</legend>
          <div className="mt-1 grid gap-x-4 gap-y-1 sm:grid-cols-2 lg:grid-cols-3">
            {EVENT_KINDS.map((kind) => (
              <label key={kind} className="inline-flex items-center gap-1.5 text-sm">
                <input
                  type="checkbox"
                  value={kind}
                  data-testid="notify-subscription-event-check"
                  data-kind={kind}
                  className="size-4 accent-blue-600"
                  {...form.register("events", { validate: (v) => v.length > 0 || t("eventsRequired") })}
                />
                {eventLabel(kind)}
              </label>
            ))}
          </div>
          {fieldError("events")}
        </fieldset>
      </AddForm>
    </HydratedFieldset>
  );
}
