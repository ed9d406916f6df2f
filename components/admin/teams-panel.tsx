"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useForm, type UseFormReturn } from "react-hook-form";
import type { AdminTeam } from "@/lib/schemas/admin";
import { adminTeamsOptions, useCreateTeam, useDeleteTeam, useUpdateTeam } from "@/lib/queries/admin";
import { cn } from "@/lib/utils";
import { useAnnounce } from "@/components/ui/announcer";
import { Input, Label } from "@/components/ui/form-controls";
import { PlusIcon } from "@/components/ui/icons";
import { AddForm, AdminSection, ConfirmRemoval, EditDeleteCell } from "@/components/admin/admin-ui";
import { DataTable, td } from "@/components/ui/data-table";
import { FormDialog } from "@/components/ui/form-dialog";

interface TeamFormFields {
  name: string;
  oidcGroup: string;
}

/** Teams: create, rename (and set the OIDC group whose members join at sign-in), delete. */
export function TeamsPanel() {
  const t = useTranslations("admin.teams");
  const ta = useTranslations("admin");
  const tc = useTranslations("common");
  const announce = useAnnounce();
  const teams = useQuery(adminTeamsOptions());
  const update = useUpdateTeam();
  const remove = useDeleteTeam();
  const [editing, setEditing] = useState<AdminTeam | null>(null);
  const [deleting, setDeleting] = useState<AdminTeam | null>(null);

  return (
    <AdminSection id="teams" testId="admin-teams" title={t("title")} description={t("description")} form={<NewTeamForm />}>
      <DataTable
        query={teams}
        empty={t("empty")}
        loading={t("loading")}
        caption={t("caption")}
        columns={[{ label: t("colName") }, { label: t("colOidc") }, { label: t("colMembers") }]}
      >
        {(rows) =>
          rows.map((team) => (
            <tr key={team.id} data-testid="admin-team-row" data-team={team.name}>
              <td className={cn(td, "font-medium text-zinc-900")}>{team.name}</td>
              <td className={cn(td, "font-mono text-xs text-zinc-600")}>{team.oidcGroup ?? tc("none")}</td>
              <td className={cn(td, "text-zinc-600 tabular-nums")}>{t("members", { count: team.members })}</td>
              <EditDeleteCell
                editTestId="admin-team-edit"
                deleteTestId="admin-team-delete"
                editLabel={t("editLabel", { team: team.name })}
                deleteLabel={t("deleteLabel", { team: team.name })}
                onEdit={() => {
                  update.reset();
                  setEditing(team);
                }}
                onDelete={() => {
                  remove.reset();
                  setDeleting(team);
                }}
              />
            </tr>
          ))
        }
      </DataTable>
      {editing && (
        <TeamEditDialog
          key={editing.id}
          team={editing}
          pending={update.isPending}
          error={update.error}
          onCancel={() => setEditing(null)}
          onSave={(fields) =>
            update.mutate(
              { id: editing.id, changes: { name: fields.name, oidcGroup: fields.oidcGroup || null } },
              {
                onSuccess: () => {
                  announce(t("saved", { team: fields.name }), "success");
                  setEditing(null);
                },
              },
            )
          }
        />
      )}
      <ConfirmRemoval
        id={deleting?.id ?? null}
        title={t("deleteTitle", { team: deleting?.name ?? "" })}
        sentence={t("deleteSentence", { team: deleting?.name ?? "", count: deleting?.members ?? 0 })}
        confirmLabel={ta("delete")}
        done={t("deleted", { team: deleting?.name ?? "" })}
        mutation={remove}
        onClose={() => setDeleting(null)}
      />
    </AdminSection>
  );
}

function TeamFields({ uid, form, prefix }: { uid: string; form: UseFormReturn<TeamFormFields>; prefix: string }) {
  const t = useTranslations("admin.teams");
  const { errors } = form.formState;
  return (
    <>
      <div>
        <Label htmlFor={`${uid}-name`}>{t("name")}</Label>
        <Input
          id={`${uid}-name`}
          data-testid={`${prefix}-name`}
          autoComplete="off"
          maxLength={100}
          invalid={Boolean(errors.name)}
          aria-describedby={errors.name ? `${uid}-name-error` : undefined}
          {...form.register("name", { validate: (v) => v.trim() !== "" || t("nameRequired") })}
        />
        {errors.name && (
          <p id={`${uid}-name-error`} className="mt-1 text-xs text-red-700">
            {errors.name.message}
          </p>
        )}
      </div>
      <div>
        <Label htmlFor={`${uid}-oidc`}>{t("oidcGroup")}</Label>
        <Input
          id={`${uid}-oidc`}
          data-testid={`${prefix}-oidc`}
          autoComplete="off"
          spellCheck={false}
          maxLength={200}
          className="font-mono"
          aria-describedby={`${uid}-oidc-help`}
          {...form.register("oidcGroup")}
        />
        <p id={`${uid}-oidc-help`} className="mt-1 text-xs text-zinc-500">
          {t("oidcGroupHelp")}
        </p>
      </div>
    </>
  );
}

function NewTeamForm() {
  const t = useTranslations("admin.teams");
  const uid = useId();
  const announce = useAnnounce();
  const create = useCreateTeam();
  const form = useForm<TeamFormFields>({ defaultValues: { name: "", oidcGroup: "" } });

  const onSubmit = ({ name, oidcGroup }: TeamFormFields) => {
    const group = oidcGroup.trim();
    create.mutate(
      { name: name.trim(), ...(group ? { oidcGroup: group } : {}) },
      {
        onSuccess: () => {
          announce(t("created", { team: name.trim() }), "success");
          form.reset();
        },
      },
    );
  };

  return (
    <AddForm
      label={t("formLabel")}
      onSubmit={(event) => void form.handleSubmit(onSubmit)(event)}
      gridClassName="grid gap-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto] sm:items-start"
      submitClassName="sm:pt-5"
      submitTestId="admin-team-submit"
      submitLabel={t("submit")}
      icon={<PlusIcon />}
      pending={create.isPending}
      error={create.error}
    >
      <TeamFields uid={uid} form={form} prefix="admin-team" />
    </AddForm>
  );
}

function TeamEditDialog({
  team,
  pending,
  error,
  onSave,
  onCancel,
}: {
  team: AdminTeam;
  pending: boolean;
  error: unknown;
  onSave: (fields: TeamFormFields) => void;
  onCancel: () => void;
}) {
  const t = useTranslations("admin.teams");
  const uid = useId();
  const form = useForm<TeamFormFields>({ defaultValues: { name: team.name, oidcGroup: team.oidcGroup ?? "" } });
  return (
    <FormDialog
      open
      title={t("editTitle", { team: team.name })}
      pending={pending}
      error={error}
      saveTestId="admin-team-save"
      onCancel={onCancel}
      onSubmit={() => void form.handleSubmit(({ name, oidcGroup }) => onSave({ name: name.trim(), oidcGroup: oidcGroup.trim() }))()}
    >
      <TeamFields uid={uid} form={form} prefix="admin-team-edit" />
    </FormDialog>
  );
}
