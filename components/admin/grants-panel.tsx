"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import type { Role } from "@/lib/schemas/access";
import { ALL_APPS } from "@/lib/schemas/roles";
import type { AdminGrant } from "@/lib/schemas/admin";
import { adminGrantsOptions, adminTeamsOptions, useCreateGrant, useDeleteGrant } from "@/lib/queries/admin";
import { cn } from "@/lib/utils";
import { useAnnounce } from "@/components/ui/announcer";
import { Label, Select } from "@/components/ui/form-controls";
import { PlusIcon, TrashIcon } from "@/components/ui/icons";
import { ApiErrorAlert } from "@/components/errors/api-error-alert";
import { useErrorText } from "@/components/errors/use-error-text";
import { useRoleLabel } from "@/components/access/access-text";
import { AppPicker, type AppChoice } from "@/components/admin/app-picker";
import { AddForm, AdminSection, RoleOptions, RowAction } from "@/components/admin/admin-ui";
import { DataTable, td } from "@/components/ui/data-table";
import { Tag } from "@/components/ui/tag";

/** Grants: team × application (or all) × role. A user's rights are the union of their teams' grants. */
export function GrantsPanel() {
  const t = useTranslations("admin.grants");
  const ta = useTranslations("admin");
  const roleLabel = useRoleLabel();
  const announce = useAnnounce();
  const errorText = useErrorText();
  const grants = useQuery(adminGrantsOptions());
  const remove = useDeleteGrant();
  const appLabel = (g: AdminGrant) => (g.appId === ALL_APPS ? t("allApps") : (g.appName ?? g.appId));

  return (
    <AdminSection id="grants" testId="admin-grants" title={t("title")} description={t("description")} form={<NewGrantForm />}>
      <DataTable
        query={grants}
        empty={t("empty")}
        loading={t("loading")}
        caption={t("caption")}
        columns={[{ label: t("colTeam") }, { label: t("colApp") }, { label: t("colRole") }]}
        notice={
          remove.isError && (
            <div className="px-4 pt-3">
              <ApiErrorAlert error={remove.error} />
            </div>
          )
        }
      >
        {(rows) =>
          rows.map((g) => (
            <tr
              key={g.id}
              data-testid="admin-grant-row"
              data-team={g.teamName}
              data-app={g.appId === ALL_APPS ? ALL_APPS : (g.appName ?? g.appId)}
              data-role={g.role}
            >
              <td className={cn(td, "font-medium text-zinc-900")}>{g.teamName}</td>
              <td className={td}>{g.appId === ALL_APPS ? <Tag tone="blue">{t("allApps")}</Tag> : appLabel(g)}</td>
              <td className={td}>{roleLabel(g.role)}</td>
              <td className={cn(td, "text-right")}>
                <RowAction
                  data-testid="admin-grant-remove"
                  aria-label={t("removeLabel", { team: g.teamName, app: appLabel(g) })}
                  pending={remove.isPending && remove.variables === g.id}
                  onClick={() =>
                    remove.mutate(g.id, {
                      onSuccess: () => announce(t("removed", { team: g.teamName, app: appLabel(g) }), "success"),
                      onError: (e) => announce(t("failed", { reason: errorText(e).title }), "error"),
                    })
                  }
                >
                  <TrashIcon />
                  {ta("remove")}
                </RowAction>
              </td>
            </tr>
          ))
        }
      </DataTable>
    </AdminSection>
  );
}

function NewGrantForm() {
  const t = useTranslations("admin.grants");
  const roleLabel = useRoleLabel();
  const uid = useId();
  const announce = useAnnounce();
  const teams = useQuery(adminTeamsOptions());
  const create = useCreateGrant();
  const [teamId, setTeamId] = useState("");
  const [app, setApp] = useState<AppChoice | null>(null);
  const [role, setRole] = useState<Role>("viewer");
  const [tried, setTried] = useState(false);
  const noTeams = teams.data?.length === 0;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!teamId || !app) return;
    const teamName = teams.data?.find((x) => x.id === teamId)?.name ?? "";
    const appName = app.kind === "all" ? t("allApps") : app.name;
    create.mutate(app.kind === "all" ? { teamId, appId: ALL_APPS, role } : { teamId, appId: app.appId, taskId: app.taskId, appName: app.name, role }, {
      onSuccess: () => {
        announce(t("created", { team: teamName, app: appName, role: roleLabel(role) }), "success");
        setApp(null);
        setTried(false);
      },
    });
  };

  return (
    <AddForm
      label={t("formLabel")}
      onSubmit={onSubmit}
      gridClassName="grid gap-3 lg:grid-cols-[minmax(0,12rem)_minmax(0,1fr)_minmax(0,9rem)_auto] lg:items-start"
      submitClassName="lg:pt-5"
      submitTestId="admin-grant-submit"
      submitLabel={t("submit")}
      icon={<PlusIcon />}
      pending={create.isPending}
      disabled={noTeams}
      error={create.error}
      before={noTeams && <p className="text-sm text-amber-900">{t("noTeams")}</p>}
    >
      <div>
        <Label htmlFor={`${uid}-team`}>{t("team")}</Label>
        <Select id={`${uid}-team`} data-testid="admin-grant-team" value={teamId} invalid={tried && !teamId} onChange={(e) => setTeamId(e.target.value)}>
          <option value="">{t("teamPlaceholder")}</option>
          {teams.data?.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </Select>
        {tried && !teamId && <p className="mt-1 text-xs text-red-700">{t("teamRequired")}</p>}
      </div>
      <div>
        <AppPicker id={`${uid}-app`} testId="admin-grant-app" value={app} onChange={setApp} allowAll invalid={tried && !app} />
        {tried && !app && <p className="mt-1 text-xs text-red-700">{t("appRequired")}</p>}
      </div>
      <div>
        <Label htmlFor={`${uid}-role`}>{t("role")}</Label>
        <Select id={`${uid}-role`} data-testid="admin-grant-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          <RoleOptions />
        </Select>
      </div>
    </AddForm>
  );
}
