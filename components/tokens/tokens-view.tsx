"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { meOptions } from "@/lib/queries/me";
import { adminUsersOptions } from "@/lib/queries/admin";
import { tokensOptions, useCreateServiceAccount, useRevokeToken } from "@/lib/queries/tokens";
import type { ApiToken } from "@/lib/schemas/tokens";
import { ROLES } from "@/lib/schemas/roles";
import { cn } from "@/lib/utils";
import { AddForm, AdminSection, ConfirmRemoval, RoleOptions, RowAction } from "@/components/admin/admin-ui";
import { useRoleLabel } from "@/components/access/access-text";
import { useAnnounce } from "@/components/ui/announcer";
import { DataTable, td } from "@/components/ui/data-table";
import { Input, Label, Select } from "@/components/ui/form-controls";
import { BanIcon, PlusIcon } from "@/components/ui/icons";
import { Time } from "@/components/ui/time";
import { NewTokenForm } from "@/components/tokens/token-form";

const STATE_CLASS: Record<ApiToken["state"], string> = {
  active: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  expired: "bg-zinc-100 text-zinc-700 ring-zinc-500/20",
  revoked: "bg-red-50 text-red-800 ring-red-600/20",
};

/** The Tokens page: one's tokens (admins: every token, and service accounts). */
export function TokensView() {
  const t = useTranslations("tokens");
  const isAdmin = useQuery(meOptions()).data?.user.isAdmin ?? false;
  const [scope, setScope] = useState<"mine" | "all">("mine");
  return (
    <div className="space-y-5">
      <AdminSection id="tokens" testId="tokens" title={t("listTitle")} description={t("listDescription")} form={<NewTokenForm isAdmin={isAdmin} />}>
        {isAdmin && (
          <div className="flex gap-2 border-b border-zinc-200 px-4 py-2" role="group" aria-label={t("scopeLabel")}>
            {(["mine", "all"] as const).map((s) => (
              <RowAction key={s} data-testid={`tokens-scope-${s}`} aria-pressed={scope === s} onClick={() => setScope(s)}>
                {t(s === "mine" ? "scopeMine" : "scopeAll")}
              </RowAction>
            ))}
          </div>
        )}
        <TokenTable scope={isAdmin ? scope : "mine"} />
      </AdminSection>
      {isAdmin && <ServiceAccounts />}
    </div>
  );
}

function TokenTable({ scope }: { scope: "mine" | "all" }) {
  const t = useTranslations("tokens");
  const roleLabel = useRoleLabel();
  const tokens = useQuery(tokensOptions(scope));
  const revoke = useRevokeToken();
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  return (
    <>
      <DataTable
        query={tokens}
        empty={t("empty")}
        loading={t("loading")}
        caption={t("caption")}
        columns={[
          { label: t("colName") },
          { label: t("colRole") },
          { label: t("colApps"), className: "hidden md:table-cell" },
          { label: t("colExpires"), className: "hidden sm:table-cell" },
          { label: t("colLastUsed"), className: "hidden lg:table-cell" },
          { label: t("colState") },
        ]}
      >
        {(rows) =>
          rows.map((tok) => (
            <tr key={tok.id} data-testid="token-row" data-token={tok.name} data-state={tok.state}>
              <td className={cn(td, "min-w-0")}>
                <span className="block font-medium text-zinc-900">{tok.name}</span>
                <span className="block font-mono text-xs text-zinc-500">{tok.prefix}…</span>
                {(scope === "all" || tok.owner.kind === "service") && (
                  <span data-testid="token-owner-cell" className="block text-xs text-zinc-600">
                    {tok.owner.kind === "service" ? t("ownerService", { name: tok.owner.name }) : tok.owner.email}
                  </span>
                )}
              </td>
              <td className={cn(td, "text-zinc-700")}>{roleLabel(tok.role)}</td>
              <td className={cn(td, "hidden text-zinc-700 md:table-cell")}>
                {tok.apps ? tok.apps.map((a) => a.appName ?? a.taskId).join(", ") : t("appsAllShort")}
              </td>
              <td className={cn(td, "hidden text-zinc-600 sm:table-cell")}>
                <Time value={tok.expiresAt} />
              </td>
              <td className={cn(td, "hidden text-zinc-600 lg:table-cell")}>
                <Time value={tok.lastUsedAt} />
              </td>
              <td className={td}>
                <span
                  data-testid="token-state"
                  className={cn("inline-flex rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset", STATE_CLASS[tok.state])}
                >
                  {t(`state.${tok.state}`)}
                </span>
              </td>
              <td className={cn(td, "text-right whitespace-nowrap")}>
                {tok.state === "active" && (
                  <RowAction
                    data-testid="token-revoke"
                    aria-label={t("revokeLabel", { name: tok.name })}
                    onClick={() => {
                      revoke.reset();
                      setRevoking(tok);
                    }}
                  >
                    <BanIcon />
                    {t("revoke")}
                  </RowAction>
                )}
              </td>
            </tr>
          ))
        }
      </DataTable>
      <ConfirmRemoval
        id={revoking?.id ?? null}
        title={t("revokeTitle", { name: revoking?.name ?? "" })}
        sentence={t("revokeSentence", { name: revoking?.name ?? "" })}
        confirmLabel={t("revoke")}
        done={t("revoked", { name: revoking?.name ?? "" })}
        mutation={revoke}
        onClose={() => setRevoking(null)}
      />
    </>
  );
}

/** Service accounts (admins): non-human users whose tokens pipelines use; teams are set on the Admin page. */
function ServiceAccounts() {
  const t = useTranslations("tokens.service");
  const tc = useTranslations("common");
  const roleLabel = useRoleLabel();
  const users = useQuery({ ...adminUsersOptions(), select: (all) => all.filter((u) => u.kind === "service") });
  return (
    <AdminSection id="service-accounts" testId="service-accounts" title={t("title")} description={t("description")} form={<NewServiceAccountForm />}>
      <DataTable
        query={users}
        empty={t("empty")}
        loading={t("loading")}
        caption={t("caption")}
        columns={[{ label: t("colName") }, { label: t("colRole") }, { label: t("colTeams") }]}
      >
        {(rows) =>
          rows.map((u) => (
            <tr key={u.id} data-testid="service-account-row" data-name={u.name}>
              <td className={td}>
                <span className="block font-medium text-zinc-900">{u.name}</span>
                <span className="block font-mono text-xs break-all text-zinc-500">{u.email}</span>
              </td>
              <td className={cn(td, "text-zinc-700")}>{u.role ? roleLabel(u.role) : tc("none")}</td>
              <td className={cn(td, "text-zinc-700")}>{u.teams.length > 0 ? u.teams.map((x) => x.name).join(", ") : tc("none")}</td>
              <td className={td} />
            </tr>
          ))
        }
      </DataTable>
    </AdminSection>
  );
}

function NewServiceAccountForm() {
  const t = useTranslations("tokens.service");
  const uid = useId();
  const announce = useAnnounce();
  const create = useCreateServiceAccount();
  const form = useForm<{ name: string; role: string }>({ defaultValues: { name: "", role: "" } });
  const { errors } = form.formState;
  return (
    <AddForm
      label={t("formLabel")}
      onSubmit={(event) =>
        void form.handleSubmit(({ name, role }) =>
          create.mutate(
            { name: name.trim(), role: (ROLES as readonly string[]).includes(role) ? (role as (typeof ROLES)[number]) : null },
            {
              onSuccess: () => {
                announce(t("created", { name: name.trim() }), "success");
                form.reset();
              },
            },
          ),
        )(event)
      }
      gridClassName="grid gap-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,12rem)_auto] sm:items-start"
      submitClassName="sm:pt-5"
      submitTestId="service-account-submit"
      submitLabel={t("submit")}
      icon={<PlusIcon />}
      pending={create.isPending}
      error={create.error}
    >
      <div>
        <Label htmlFor={`${uid}-name`}>{t("name")}</Label>
        <Input
          id={`${uid}-name`}
          data-testid="service-account-name"
          autoComplete="off"
          maxLength={100}
          invalid={Boolean(errors.name)}
          {...form.register("name", { validate: (v) => v.trim() !== "" || t("nameRequired") })}
        />
        {errors.name && <p className="mt-1 text-xs text-red-700">{errors.name.message}</p>}
      </div>
      <div>
        <Label htmlFor={`${uid}-role`}>{t("role")}</Label>
        <Select id={`${uid}-role`} data-testid="service-account-role" {...form.register("role")}>
          <option value="">{t("roleNone")}</option>
          <RoleOptions />
        </Select>
      </div>
    </AddForm>
  );
}
