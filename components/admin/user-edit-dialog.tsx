"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import type { AdminUser } from "@/lib/schemas/admin";
import type { Role } from "@/lib/schemas/access";
import { adminTeamsOptions, type useUpdateUser } from "@/lib/queries/admin";
import { Input, Label, Select } from "@/components/ui/form-controls";
import { RoleOptions } from "@/components/admin/admin-ui";
import { FormDialog } from "@/components/ui/form-dialog";

/** A user's name, global role and teams (mounted per opening, so it starts from the user as listed). */
export function UserEditDialog({
  user,
  mutation,
  onClose,
  onSaved,
}: {
  user: AdminUser;
  mutation: ReturnType<typeof useUpdateUser>;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useTranslations("admin.users");
  const uid = useId();
  const teams = useQuery(adminTeamsOptions());
  const [name, setName] = useState(user.name);
  const [role, setRole] = useState<Role | "">(user.role ?? "");
  const [teamIds, setTeamIds] = useState(() => new Set(user.teams.map((team) => team.id)));
  const [nameError, setNameError] = useState(false);

  const save = () => {
    if (name.trim() === "") {
      setNameError(true);
      return;
    }
    mutation.mutate({ id: user.id, changes: { name: name.trim(), role: role === "" ? null : role, teamIds: [...teamIds] } }, { onSuccess: onSaved });
  };

  return (
    <FormDialog
      open
      title={t("editTitle", { email: user.email })}
      pending={mutation.isPending}
      error={mutation.error}
      saveTestId="admin-user-save"
      onSubmit={save}
      onCancel={onClose}
    >
      <div>
        <Label htmlFor={`${uid}-name`}>{t("name")}</Label>
        <Input
          id={`${uid}-name`}
          data-testid="admin-user-edit-name"
          value={name}
          invalid={nameError}
          aria-describedby={nameError ? `${uid}-name-error` : undefined}
          onChange={(e) => {
            setName(e.target.value);
            setNameError(false);
          }}
          autoFocus
        />
        {nameError && (
          <p id={`${uid}-name-error`} className="mt-1 text-xs text-red-700">
            {t("nameRequired")}
          </p>
        )}
      </div>
      <div>
        <Label htmlFor={`${uid}-role`}>{t("role")}</Label>
        <Select
          id={`${uid}-role`}
          data-testid="admin-user-edit-role"
          value={role}
          aria-describedby={`${uid}-role-help`}
          onChange={(e) => setRole(e.target.value as Role | "")}
        >
          <option value="">{t("roleNone")}</option>
          <RoleOptions />
        </Select>
        <p id={`${uid}-role-help`} className="mt-1 text-xs text-zinc-500">
          {t("roleHelp")}
        </p>
      </div>
      <fieldset>
        <legend className="mb-1 text-xs font-medium text-zinc-600">{t("teams")}</legend>
        {teams.data && teams.data.length === 0 && <p className="text-xs text-zinc-500">{t("noTeamsYet")}</p>}
        {teams.isPending && <p className="text-xs text-zinc-500">{t("teamsLoading")}</p>}
        {teams.data && teams.data.length > 0 && (
          <ul className="max-h-48 space-y-1 overflow-y-auto rounded-md border border-zinc-200 p-2">
            {teams.data.map((team) => (
              <li key={team.id}>
                <label className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    data-testid="admin-user-team"
                    data-team={team.name}
                    className="size-4 accent-blue-600"
                    checked={teamIds.has(team.id)}
                    onChange={(e) => {
                      const next = new Set(teamIds);
                      if (e.target.checked) next.add(team.id);
                      else next.delete(team.id);
                      setTeamIds(next);
                    }}
                  />
                  {team.name}
                  {team.oidcGroup && <span className="font-mono text-xs text-zinc-500">({team.oidcGroup})</span>}
                </label>
              </li>
            ))}
          </ul>
        )}
        {user.source === "oidc" && <p className="mt-1 text-xs text-zinc-500">{t("oidcTeamsHint")}</p>}
      </fieldset>
    </FormDialog>
  );
}
