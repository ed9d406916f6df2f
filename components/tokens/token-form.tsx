"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { meOptions } from "@/lib/queries/me";
import { adminUsersOptions } from "@/lib/queries/admin";
import { useCreateToken } from "@/lib/queries/tokens";
import { ROLES } from "@/lib/schemas/roles";
import { AddForm } from "@/components/admin/admin-ui";
import { type AppChoice, AppPicker } from "@/components/admin/app-picker";
import { useRoleLabel } from "@/components/access/access-text";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Input, Label, Select } from "@/components/ui/form-controls";
import { PlusIcon, XIcon } from "@/components/ui/icons";

type Role = (typeof ROLES)[number];
const DAYS = [7, 30, 90, 180, 365] as const;

interface Fields {
  name: string;
  days: string;
  role: Role;
  owner: string;
}

/** The highest role the signed-in user holds anywhere (a token's role may not exceed it). */
function useHighestRole(): Role | null {
  const me = useQuery(meOptions()).data;
  const ranks = (me?.grants ?? []).map((g) => ROLES.indexOf(g.role));
  const best = Math.max(-1, ...ranks);
  return best >= 0 ? ROLES[best]! : null;
}

/** New API token: name, expiry (≤ a year), role (≤ one's own), apps (none = all); admins pick a service account. */
export function NewTokenForm({ isAdmin }: { isAdmin: boolean }) {
  const t = useTranslations("tokens");
  const uid = useId();
  const roleLabel = useRoleLabel();
  const highest = useHighestRole();
  const create = useCreateToken();
  const services = useQuery({ ...adminUsersOptions(), enabled: isAdmin, select: (users) => users.filter((u) => u.kind === "service") });
  const [apps, setApps] = useState<Extract<AppChoice, { kind: "app" }>[]>([]);
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  const form = useForm<Fields>({ defaultValues: { name: "", days: "90", role: "viewer", owner: "" } });
  const { errors } = form.formState;
  const owner = useWatch({ control: form.control, name: "owner" });
  const offered = isAdmin && owner ? ROLES : ROLES.filter((r) => highest && ROLES.indexOf(r) <= ROLES.indexOf(highest));

  const onSubmit = (f: Fields) =>
    create.mutate(
      {
        name: f.name.trim(),
        expiresInDays: Number(f.days),
        role: f.role,
        taskIds: apps.length > 0 ? apps.map((a) => a.taskId) : null,
        ...(f.owner ? { ownerId: f.owner } : {}),
      },
      {
        onSuccess: (answer) => {
          setSecret({ name: answer.token.name, value: answer.secret });
          form.reset();
          setApps([]);
        },
      },
    );

  return (
    <>
      <AddForm
        label={t("formLabel")}
        onSubmit={(event) => void form.handleSubmit(onSubmit)(event)}
        gridClassName="grid gap-3 sm:grid-cols-2 lg:grid-cols-4 sm:items-start"
        submitClassName="sm:pt-5"
        submitTestId="token-submit"
        submitLabel={t("submit")}
        icon={<PlusIcon />}
        pending={create.isPending}
        error={create.error}
      >
        <div>
          <Label htmlFor={`${uid}-name`}>{t("name")}</Label>
          <Input
            id={`${uid}-name`}
            data-testid="token-name"
            autoComplete="off"
            maxLength={100}
            placeholder={t("namePlaceholder")}
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
          <Label htmlFor={`${uid}-days`}>{t("expires")}</Label>
          <Select id={`${uid}-days`} data-testid="token-days" {...form.register("days")}>
            {DAYS.map((d) => (
              <option key={d} value={String(d)}>
                {t("days", { count: d })}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <Label htmlFor={`${uid}-role`}>{t("role")}</Label>
          <Select id={`${uid}-role`} data-testid="token-role" aria-describedby={`${uid}-role-help`} {...form.register("role")}>
            {offered.map((r) => (
              <option key={r} value={r}>
                {roleLabel(r)}
              </option>
            ))}
          </Select>
          <p id={`${uid}-role-help`} className="mt-1 text-xs text-zinc-500">
            {t("roleHelp")}
          </p>
        </div>
        {isAdmin && (
          <div>
            <Label htmlFor={`${uid}-owner`}>{t("owner")}</Label>
            <Select id={`${uid}-owner`} data-testid="token-owner" {...form.register("owner")}>
              <option value="">{t("ownerMe")}</option>
              {(services.data ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {t("ownerService", { name: s.name })}
                </option>
              ))}
            </Select>
          </div>
        )}
        <div className="sm:col-span-2 lg:col-span-4">
          <AppPicker
            id={`${uid}-app`}
            testId="token-app"
            value={null}
            taken={new Set(apps.map((a) => a.taskId))}
            onChange={(c) => c?.kind === "app" && setApps((list) => [...list, c])}
          />
          <p className="mt-1 text-xs text-zinc-500">{apps.length === 0 ? t("appsAll") : t("appsSome", { count: apps.length })}</p>
          {apps.length > 0 && (
            <ul className="mt-2 flex flex-wrap gap-2" aria-label={t("appsLabel")}>
              {apps.map((a) => (
                <li key={a.taskId} data-testid="token-app-chip" className="inline-flex items-center gap-1 rounded-full bg-zinc-100 py-0.5 pr-1 pl-2.5 text-sm">
                  {a.name}
                  <button
                    type="button"
                    className="rounded-full p-0.5 text-zinc-500 hover:bg-zinc-200 hover:text-zinc-900"
                    aria-label={t("appRemove", { app: a.name })}
                    onClick={() => setApps((list) => list.filter((x) => x.taskId !== a.taskId))}
                  >
                    <XIcon />
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      </AddForm>
      {secret && <SecretDialog name={secret.name} secret={secret.value} onClose={() => setSecret(null)} />}
    </>
  );
}

/** The secret, once: copy it now; the console keeps only its hash. */
function SecretDialog({ name, secret, onClose }: { name: string; secret: string; onClose: () => void }) {
  const t = useTranslations("tokens");
  const [copied, setCopied] = useState(false);
  return (
    <Dialog
      open
      onClose={onClose}
      testId="token-secret-dialog"
      title={t("secretTitle", { name })}
      footer={
        <>
          <Button
            data-testid="token-copy"
            onClick={() =>
              void navigator.clipboard?.writeText(secret).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {copied ? t("copied") : t("copy")}
          </Button>
          <Button variant="primary" data-testid="token-secret-done" onClick={onClose} autoFocus>
            {t("secretDone")}
          </Button>
        </>
      }
    >
      <p className="text-sm text-zinc-700">{t("secretOnce")}</p>
      <code data-testid="token-secret" className="mt-3 block rounded-md bg-zinc-900 p-3 font-mono text-sm break-all text-zinc-100 select-all">
        {secret}
      </code>
      <p className="mt-3 text-xs text-zinc-500">{t("secretUse")}</p>
    </Dialog>
  );
}
