"use client";

import { useLocale, useTranslations } from "next-intl";
import { useId } from "react";
import { useForm, useWatch, type FieldPath } from "react-hook-form";
import { CHANNEL_KINDS, NOTIFY_LANGUAGES, WEBHOOK_SECRET_PATTERN, type ChannelKind, type NotifyLanguage } from "@/lib/schemas/notify-kinds";
import { isApiError } from "@/lib/queries/api";
import { type NewChannelBody, useCreateChannel } from "@/lib/queries/notify";
import { useAnnounce } from "@/components/ui/announcer";
import { Button } from "@/components/ui/button";
import { Input, Label, Select, Textarea } from "@/components/ui/form-controls";
import { PlusIcon } from "@/components/ui/icons";
import { HydratedFieldset } from "@/components/ui/hydrated-fieldset";
import { AddForm } from "@/components/admin/admin-ui";
import { useChannelKindLabel, useLanguageLabel } from "@/components/notify/admin-labels";

interface ChannelFields {
  name: string;
  kind: ChannelKind;
  language: NotifyLanguage;
  url: string;
  secret: string;
  /** E-mail recipients, one per line or separated by commas. */
  to: string;
  enabled: boolean;
}

/** The kinds that take a signing secret: the generic webhook must (Standard Webhooks), Feishu and DingTalk may. */
type SignedKind = "webhook" | "feishu" | "dingtalk";
const signedKind = (kind: ChannelKind): SignedKind | null => (kind === "webhook" || kind === "feishu" || kind === "dingtalk" ? kind : null);

/** What each platform's bot URL looks like (the platforms' own hosts; not translated). */
const URL_PLACEHOLDER: Record<Exclude<ChannelKind, "email">, string> = {
  webhook: "https://hooks.example.com/codearts",
  feishu: "https://open.feishu.cn/open-apis/bot/v2/hook/…",
  wecom: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…",
  dingtalk: "https://oapi.dingtalk.com/robot/send?access_token=…",
  slack: "https://hooks.slack.com/services/…",
};

/** The fields a server 400 can name; its issues land on them (others show in the alert below the form). */
const FIELDS = ["name", "url", "secret", "to"] as const satisfies readonly FieldPath<ChannelFields>[];
const isField = (p: unknown): p is (typeof FIELDS)[number] => (FIELDS as readonly unknown[]).includes(p);

/** A Standard Webhooks secret: `whsec_` and the base64 of 32 random bytes. */
function newWebhookSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `whsec_${btoa(String.fromCharCode(...bytes))}`;
}

const recipientsOf = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** "Add channel": the fields follow the kind (a URL and maybe a secret for the chat tools, recipients for e-mail). */
export function NewChannelForm() {
  const t = useTranslations("notifyAdmin.form");
  const uid = useId();
  const locale = useLocale();
  const announce = useAnnounce();
  const create = useCreateChannel();
  const kindLabel = useChannelKindLabel();
  const languageLabel = useLanguageLabel();
  const form = useForm<ChannelFields>({
    defaultValues: { name: "", kind: "webhook", language: locale === "zh-CN" ? "zh-CN" : "en", url: "", secret: "", to: "", enabled: true },
  });
  const { errors } = form.formState;
  const kind = useWatch({ control: form.control, name: "kind" });
  const secretKind = signedKind(kind);

  const onSubmit = (f: ChannelFields) => {
    const secret = f.secret.trim();
    const body: NewChannelBody = {
      name: f.name.trim(),
      kind: f.kind,
      language: f.language,
      enabled: f.enabled,
      ...(f.kind === "email" ? { to: recipientsOf(f.to) } : { url: f.url.trim() }),
      ...(signedKind(f.kind) && secret ? { secret } : {}),
    };
    create.mutate(body, {
      onSuccess: (channel) => {
        announce(t("created", { name: channel.name }), "success");
        form.reset({ ...form.getValues(), name: "", url: "", secret: "", to: "" });
      },
      onError: (error) => {
        // The server checks what the browser cannot (https in cloud mode, the platform's URL shape): on the field.
        if (!isApiError(error)) return;
        for (const issue of error.issues) {
          const field = issue.path[0];
          if (isField(field)) form.setError(field, { type: "server", message: issue.message });
        }
      },
    });
  };

  // Issues that are all on fields show there; anything else (or no issues) in the alert below the form.
  const err = create.error;
  const onFields = isApiError(err) && err.issues.length > 0 && err.issues.every((i) => isField(i.path[0]));
  const field = (name: (typeof FIELDS)[number]) => ({
    id: `${uid}-${name}`,
    invalid: Boolean(errors[name]),
    "aria-describedby": `${uid}-${name}-hint${errors[name] ? ` ${uid}-${name}-error` : ""}`,
  });
  const fieldError = (name: (typeof FIELDS)[number]) =>
    errors[name] && (
      <p id={`${uid}-${name}-error`} data-testid={`notify-channel-${name}-error`} className="mt-1 text-xs break-words text-red-700">
        {errors[name].message}
      </p>
    );
  const hint = (name: (typeof FIELDS)[number], text: string) => (
    <p id={`${uid}-${name}-hint`} className="mt-1 text-xs text-zinc-500">
      {text}
    </p>
  );

  return (
    <HydratedFieldset className="min-w-0">
      <AddForm
        label={t("label")}
        onSubmit={(event) => void form.handleSubmit(onSubmit)(event)}
        gridClassName="grid gap-3 sm:grid-cols-2 lg:grid-cols-4"
        submitClassName="flex flex-wrap items-center gap-x-4 gap-y-2 sm:col-span-2 lg:col-span-4"
        submitTestId="notify-channel-submit"
        submitLabel={t("submit")}
        icon={<PlusIcon />}
        pending={create.isPending}
        error={onFields ? null : err}
      >
        <div className="sm:col-span-2">
          <Label htmlFor={`${uid}-name`}>{t("name")}</Label>
          <Input
            {...field("name")}
            data-testid="notify-channel-name"
            autoComplete="off"
            maxLength={100}
            {...form.register("name", { validate: (v) => v.trim() !== "" || t("nameRequired") })}
          />
          {hint("name", t("nameHint"))}
          {fieldError("name")}
        </div>
        <div>
          <Label htmlFor={`${uid}-kind`}>{t("kind")}</Label>
          <Select id={`${uid}-kind`} data-testid="notify-channel-kind" {...form.register("kind", { onChange: () => form.clearErrors() })}>
            {CHANNEL_KINDS.map((k) => (
              <option key={k} value={k}>
                {kindLabel(k)}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <Label htmlFor={`${uid}-language`}>{t("language")}</Label>
          <Select id={`${uid}-language`} data-testid="notify-channel-language" {...form.register("language")}>
            {NOTIFY_LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {languageLabel(l)}
              </option>
            ))}
          </Select>
        </div>

        {kind === "email" ? (
          <div className="sm:col-span-2 lg:col-span-4">
            <Label htmlFor={`${uid}-to`}>{t("to")}</Label>
            <Textarea
              {...field("to")}
              data-testid="notify-channel-to"
              rows={2}
              spellCheck={false}
              placeholder="ops@example.com, release@example.com"
              {...form.register("to", { validate: (v) => recipientsOf(v).length > 0 || t("toRequired") })}
            />
            {hint("to", t("toHint"))}
            {fieldError("to")}
          </div>
        ) : (
          <div className="sm:col-span-2 lg:col-span-4">
            <Label htmlFor={`${uid}-url`}>{t("url")}</Label>
            <Input
              {...field("url")}
              data-testid="notify-channel-url"
              type="url"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              className="font-mono"
              placeholder={URL_PLACEHOLDER[kind]}
              {...form.register("url", {
                validate: (v) => (v.trim() === "" ? t("urlRequired") : URL.canParse(v.trim()) || t("urlInvalid")),
              })}
            />
            {hint("url", t(`urlHint.${kind}`))}
            {fieldError("url")}
          </div>
        )}

        {secretKind && (
          <div className="sm:col-span-2 lg:col-span-4">
            <Label htmlFor={`${uid}-secret`}>{secretKind === "webhook" ? t("secret") : t("secretOptional")}</Label>
            <div className="flex gap-2">
              <Input
                {...field("secret")}
                data-testid="notify-channel-secret"
                autoComplete="off"
                spellCheck={false}
                className="min-w-0 flex-1 font-mono"
                placeholder={kind === "webhook" ? "whsec_…" : kind === "dingtalk" ? "SEC…" : ""}
                {...form.register("secret", {
                  validate: (v) =>
                    kind !== "webhook" ? true : v.trim() === "" ? t("secretRequired") : WEBHOOK_SECRET_PATTERN.test(v.trim()) || t("secretInvalid"),
                })}
              />
              {kind === "webhook" && (
                <Button
                  data-testid="notify-channel-secret-generate"
                  onClick={() => form.setValue("secret", newWebhookSecret(), { shouldValidate: Boolean(errors.secret) })}
                >
                  {t("generate")}
                </Button>
              )}
            </div>
            {hint("secret", t(`secretHint.${secretKind}`))}
            {fieldError("secret")}
          </div>
        )}

        <label className="inline-flex items-center gap-2 text-sm">
          <input type="checkbox" data-testid="notify-channel-enabled" className="size-4 accent-blue-600" {...form.register("enabled")} />
          {t("enabled")}
        </label>
      </AddForm>
    </HydratedFieldset>
  );
}
