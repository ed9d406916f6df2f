"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { PASSWORD_MIN_LENGTH, type AdminUser } from "@/lib/schemas/admin";
import type { Role } from "@/lib/schemas/access";
import { adminUsersOptions, useCreateUser, useDeleteUser, useUpdateUser } from "@/lib/queries/admin";
import { cn } from "@/lib/utils";
import { useAnnounce } from "@/components/ui/announcer";
import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/form-controls";
import { PlusIcon, UnlockIcon } from "@/components/ui/icons";
import { Time } from "@/components/ui/time";
import { ApiErrorAlert } from "@/components/errors/api-error-alert";
import { useErrorText } from "@/components/errors/use-error-text";
import { useRoleLabel } from "@/components/access/access-text";
import { AddForm, AdminSection, ConfirmRemoval, EditDeleteCell, RoleOptions } from "@/components/admin/admin-ui";
import { DataTable, td } from "@/components/ui/data-table";
import { Tag } from "@/components/ui/tag";
import { UserEditDialog } from "@/components/admin/user-edit-dialog";

const PASSWORD_MIN = PASSWORD_MIN_LENGTH;

interface NewUserFields {
  email: string;
  name: string;
  password: string;
  role: Role | "";
}

/** Users: add a local account; per user set the global role and teams, unlock, delete. */
export function UsersPanel({ meId }: { meId: string }) {
  const t = useTranslations("admin.users");
  const ta = useTranslations("admin");
  const roleLabel = useRoleLabel();
  const announce = useAnnounce();
  const errorText = useErrorText();
  const users = useQuery(adminUsersOptions());
  const update = useUpdateUser();
  const remove = useDeleteUser();
  const [editing, setEditing] = useState<AdminUser | null>(null);
  const [deleting, setDeleting] = useState<AdminUser | null>(null);
  // "Locked" as of the moment the list was read (a lock-out ends by itself).
  const readAt = users.dataUpdatedAt;

  const unlock = (user: AdminUser) =>
    update.mutate(
      { id: user.id, changes: { unlock: true } },
      {
        onSuccess: () => announce(t("unlocked", { email: user.email }), "success"),
        onError: (e) => announce(t("failed", { reason: errorText(e).title }), "error"),
      },
    );

  return (
    <AdminSection id="users" testId="admin-users" title={t("title")} description={t("description")} form={<NewUserForm />}>
      <DataTable
        query={users}
        empty={t("empty")}
        loading={t("loading")}
        caption={t("caption")}
        columns={[{ label: t("colUser") }, { label: t("colRole") }, { label: t("colTeams"), className: "hidden md:table-cell" }, { label: t("colStatus") }]}
        notice={
          update.isError &&
          !editing && (
            <div className="px-4 pt-3">
              <ApiErrorAlert error={update.error} />
            </div>
          )
        }
      >
        {(rows) =>
          rows.map((u) => {
            const locked = u.lockedUntil !== null && Date.parse(u.lockedUntil) > readAt;
            const self = u.id === meId;
            return (
              <tr key={u.id} data-testid="admin-user-row" data-email={u.email}>
                <td className={cn(td, "max-w-72")}>
                  <div className="flex flex-wrap items-center gap-1.5">
                    <span className="truncate font-medium text-zinc-900">{u.email}</span>
                    {self && <Tag tone="blue">{t("you")}</Tag>}
                    <Tag>{u.source === "oidc" ? t("sourceOidc") : t("sourceLocal")}</Tag>
                  </div>
                  {u.name && <p className="truncate text-xs text-zinc-500">{u.name}</p>}
                </td>
                <td className={td} data-testid="admin-user-role">
                  {roleLabel(u.role)}
                </td>
                <td className={cn(td, "hidden text-zinc-600 md:table-cell")}>
                  {u.teams.length > 0 ? u.teams.map((team) => team.name).join(", ") : t("noTeam")}
                </td>
                <td className={td}>
                  {locked ? (
                    <span className="flex flex-wrap items-center gap-2">
                      <Tag tone="amber">
                        {t("lockedUntil")} <Time value={u.lockedUntil} />
                      </Tag>
                      <Button
                        size="sm"
                        data-testid="admin-user-unlock"
                        pending={update.isPending && update.variables?.id === u.id && !editing}
                        onClick={() => unlock(u)}
                      >
                        <UnlockIcon />
                        {t("unlock")}
                        <span className="sr-only">{u.email}</span>
                      </Button>
                    </span>
                  ) : (
                    <span className="text-zinc-600">{t("active")}</span>
                  )}
                </td>
                <EditDeleteCell
                  editTestId="admin-user-edit"
                  deleteTestId="admin-user-delete"
                  editLabel={t("editLabel", { email: u.email })}
                  deleteLabel={t("deleteLabel", { email: u.email })}
                  deleteDisabled={self}
                  deleteTitle={self ? t("selfDelete") : undefined}
                  onEdit={() => {
                    update.reset();
                    setEditing(u);
                  }}
                  onDelete={() => {
                    remove.reset();
                    setDeleting(u);
                  }}
                />
              </tr>
            );
          })
        }
      </DataTable>
      {editing && (
        <UserEditDialog
          key={editing.id}
          user={editing}
          mutation={update}
          onClose={() => {
            update.reset();
            setEditing(null);
          }}
          onSaved={() => {
            announce(t("saved", { email: editing.email }), "success");
            setEditing(null);
          }}
        />
      )}
      <ConfirmRemoval
        id={deleting?.id ?? null}
        title={t("deleteTitle", { email: deleting?.email ?? "" })}
        sentence={t("deleteSentence", { email: deleting?.email ?? "" })}
        confirmLabel={ta("delete")}
        done={t("deleted", { email: deleting?.email ?? "" })}
        mutation={remove}
        onClose={() => setDeleting(null)}
      />
    </AdminSection>
  );
}

function NewUserForm() {
  const t = useTranslations("admin.users");
  const uid = useId();
  const announce = useAnnounce();
  const create = useCreateUser();
  const form = useForm<NewUserFields>({ defaultValues: { email: "", name: "", password: "", role: "" } });
  const { errors } = form.formState;

  const onSubmit = ({ email, name, password, role }: NewUserFields) =>
    create.mutate(
      { email: email.trim(), name: name.trim(), password, ...(role ? { role } : {}) },
      {
        onSuccess: () => {
          announce(t("created", { email: email.trim() }), "success");
          form.reset();
        },
      },
    );

  const field = (name: keyof NewUserFields) => ({
    id: `${uid}-${name}`,
    invalid: Boolean(errors[name]),
    "aria-describedby": errors[name] ? `${uid}-${name}-error` : undefined,
  });
  const fieldError = (name: keyof NewUserFields) =>
    errors[name] && (
      <p id={`${uid}-${name}-error`} className="mt-1 text-xs text-red-700">
        {errors[name].message}
      </p>
    );

  return (
    <AddForm
      label={t("formLabel")}
      onSubmit={(event) => void form.handleSubmit(onSubmit)(event)}
      gridClassName="grid gap-3 sm:grid-cols-2 lg:grid-cols-[repeat(4,minmax(0,1fr))_auto] lg:items-start"
      submitClassName="lg:pt-5"
      submitTestId="admin-user-submit"
      submitLabel={t("submit")}
      icon={<PlusIcon />}
      pending={create.isPending}
      error={create.error}
    >
      <div>
        <Label htmlFor={`${uid}-email`}>{t("email")}</Label>
        <Input
          {...field("email")}
          data-testid="admin-user-email"
          type="email"
          autoComplete="off"
          spellCheck={false}
          {...form.register("email", {
            required: t("emailRequired"),
            pattern: { value: /^[^\s@]+@[^\s@]+$/, message: t("emailInvalid") },
          })}
        />
        {fieldError("email")}
      </div>
      <div>
        <Label htmlFor={`${uid}-name`}>{t("name")}</Label>
        <Input
          {...field("name")}
          data-testid="admin-user-name"
          autoComplete="off"
          {...form.register("name", { validate: (v) => v.trim() !== "" || t("nameRequired") })}
        />
        {fieldError("name")}
      </div>
      <div>
        <Label htmlFor={`${uid}-password`}>{t("password")}</Label>
        <Input
          {...field("password")}
          data-testid="admin-user-password"
          type="password"
          autoComplete="new-password"
          {...form.register("password", {
            required: t("passwordRequired"),
            minLength: { value: PASSWORD_MIN, message: t("passwordTooShort", { min: PASSWORD_MIN }) },
          })}
        />
        {fieldError("password")}
      </div>
      <div>
        <Label htmlFor={`${uid}-role`}>{t("role")}</Label>
        <Select id={`${uid}-role`} data-testid="admin-user-role-select" {...form.register("role")}>
          <option value="">{t("roleNone")}</option>
          <RoleOptions />
        </Select>
      </div>
    </AddForm>
  );
}
