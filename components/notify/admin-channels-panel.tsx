"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { NOTIFY_LANGUAGES, type NotifyLanguage } from "@/lib/schemas/notify-kinds";
import type { ChannelView, TestAnswer } from "@/lib/schemas/notify";
import { channelsOptions, useDeleteChannel, useTestChannel, useUpdateChannel } from "@/lib/queries/notify";
import { cn } from "@/lib/utils";
import { useAnnounce } from "@/components/ui/announcer";
import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/form-controls";
import { FormDialog } from "@/components/ui/form-dialog";
import { PencilIcon, RocketIcon, TrashIcon } from "@/components/ui/icons";
import { SkeletonRows } from "@/components/ui/skeleton";
import { ApiErrorAlert, QueryErrorAlert } from "@/components/errors/api-error-alert";
import { AdminSection, ConfirmRemoval, RowAction } from "@/components/admin/admin-ui";
import { NewChannelForm } from "@/components/notify/admin-channel-form";
import { DeliveryLog } from "@/components/notify/admin-delivery-log";
import { BacklogBadges, useChannelKindLabel, useLanguageLabel } from "@/components/notify/admin-labels";

/**
 * Channels: where notifications go. A list rather than a table: each channel has its actions, the answer of its
 * test message and its delivery log below it, which must fit a phone.
 */
export function ChannelsPanel() {
  const t = useTranslations("notifyAdmin.channels");
  const list = useQuery(channelsOptions());
  const remove = useDeleteChannel();
  const [editing, setEditing] = useState<ChannelView | null>(null);
  const [removing, setRemoving] = useState<ChannelView | null>(null);

  return (
    <AdminSection id="channels" testId="notify-channels" title={t("title")} description={t("description")} form={<NewChannelForm />}>
      {list.isError && list.data === undefined ? (
        <QueryErrorAlert query={list} />
      ) : list.isPending ? (
        <SkeletonRows rows={3} columns={4} label={t("loading")} />
      ) : list.data.length === 0 ? (
        <p className="px-4 py-6 text-center text-sm text-zinc-500">{t("empty")}</p>
      ) : (
        <ul aria-label={t("title")} className="divide-y divide-zinc-100">
          {list.data.map((c) => (
            <ChannelItem
              key={c.id}
              channel={c}
              onEdit={() => setEditing(c)}
              onDelete={() => {
                remove.reset();
                setRemoving(c);
              }}
            />
          ))}
        </ul>
      )}
      {editing && <ChannelEditDialog key={editing.id} channel={editing} onClose={() => setEditing(null)} />}
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

function ChannelItem({ channel: c, onEdit, onDelete }: { channel: ChannelView; onEdit: () => void; onDelete: () => void }) {
  const t = useTranslations("notifyAdmin.channels");
  const uid = useId();
  const announce = useAnnounce();
  const kindLabel = useChannelKindLabel();
  const languageLabel = useLanguageLabel();
  const update = useUpdateChannel();
  const test = useTestChannel();
  const [logOpen, setLogOpen] = useState(false);
  const logId = `${uid}-log`;

  const toggle = (enabled: boolean) =>
    update.mutate(
      { id: c.id, patch: { enabled } },
      { onSuccess: () => announce(enabled ? t("enabledDone", { name: c.name }) : t("disabledDone", { name: c.name }), "success") },
    );
  const sendTest = () =>
    test.mutate(c.id, {
      onSuccess: (a) => announce(a.ok ? t("testOk", { name: c.name }) : t("testRefused", { name: c.name }), a.ok ? "success" : "error"),
    });

  return (
    <li data-testid="notify-channel" data-name={c.name} data-kind={c.kind} data-id={c.id} data-enabled={c.enabled} className="px-4 py-3">
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
        <div className="min-w-0 flex-1 basis-64">
          <p className="flex flex-wrap items-center gap-1.5 text-sm font-medium text-zinc-900">
            <span className="break-words">{c.name}</span>
            <span className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs font-medium text-zinc-700">{kindLabel(c.kind)}</span>
            <span className="rounded bg-blue-50 px-1.5 py-0.5 text-xs font-medium text-blue-800">{languageLabel(c.language)}</span>
            {!c.enabled && <span className="rounded bg-zinc-200 px-1.5 py-0.5 text-xs font-medium text-zinc-700">{t("off")}</span>}
            <BacklogBadges pending={c.pending} dead={c.dead} />
          </p>
          <p data-testid="notify-channel-target" className="mt-0.5 font-mono text-xs break-all text-zinc-600">
            {c.target}
          </p>
          <p className="mt-0.5 text-xs text-zinc-500">
            {c.kind === "email" ? t("byEmail", { by: c.createdBy }) : c.hasSecret ? t("signed", { by: c.createdBy }) : t("unsigned", { by: c.createdBy })}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-1">
          <label className="mr-1 inline-flex items-center gap-1.5 text-xs text-zinc-700">
            <input
              type="checkbox"
              role="switch"
              data-testid="notify-channel-toggle"
              className="size-4 accent-blue-600"
              checked={c.enabled}
              disabled={update.isPending}
              aria-label={t("enabledLabel", { name: c.name })}
              onChange={(e) => toggle(e.target.checked)}
            />
            {t("enabled")}
          </label>
          <Button size="sm" data-testid="notify-channel-test" pending={test.isPending} aria-label={t("testLabel", { name: c.name })} onClick={sendTest}>
            <RocketIcon />
            {t("test")}
          </Button>
          <RowAction
            data-testid="notify-channel-log"
            aria-expanded={logOpen}
            aria-controls={logId}
            aria-label={t("logLabel", { name: c.name })}
            onClick={() => setLogOpen((o) => !o)}
          >
            {logOpen ? t("hideLog") : t("log")}
          </RowAction>
          <RowAction data-testid="notify-channel-edit" aria-label={t("editLabel", { name: c.name })} onClick={onEdit}>
            <PencilIcon />
            {t("edit")}
          </RowAction>
          <RowAction data-testid="notify-channel-delete" aria-label={t("deleteLabel", { name: c.name })} onClick={onDelete}>
            <TrashIcon />
            {t("delete")}
          </RowAction>
        </div>
      </div>
      {update.error != null && (
        <div className="mt-2">
          <ApiErrorAlert error={update.error} />
        </div>
      )}
      {/* The receiver's answer to the test message, read out when it arrives. */}
      <div aria-live="polite" data-testid="notify-test-result" className="empty:hidden">
        {test.isError && (
          <div className="mt-2">
            <ApiErrorAlert error={test.error} />
          </div>
        )}
        {test.data && <TestResult answer={test.data} />}
      </div>
      {logOpen && <DeliveryLog id={logId} channel={c} />}
    </li>
  );
}

function TestResult({ answer }: { answer: TestAnswer }) {
  const t = useTranslations("notifyAdmin.channels");
  return (
    <div
      data-testid="notify-test-answer"
      data-ok={answer.ok}
      data-status={answer.status ?? ""}
      className={cn(
        "mt-2 rounded-md border px-3 py-2 text-xs",
        answer.ok ? "border-emerald-200 bg-emerald-50 text-emerald-950" : "border-red-200 bg-red-50 text-red-950",
      )}
    >
      <p className="font-medium">
        {answer.ok ? t("testAnswerOk") : t("testAnswerRefused")}{" "}
        <span data-testid="notify-test-status">{answer.status === null ? t("noAnswer") : t("status", { status: answer.status })}</span>
      </p>
      {answer.body !== "" && (
        <pre data-testid="notify-test-body" className="mt-1 max-h-40 overflow-auto font-mono break-all whitespace-pre-wrap">
          {answer.body}
        </pre>
      )}
    </div>
  );
}

interface EditFields {
  name: string;
  language: NotifyLanguage;
}

/** Rename a channel or change the language its messages are written in (its URL and secret stay as they are). */
function ChannelEditDialog({ channel, onClose }: { channel: ChannelView; onClose: () => void }) {
  const t = useTranslations("notifyAdmin.channels");
  const tf = useTranslations("notifyAdmin.form");
  const uid = useId();
  const announce = useAnnounce();
  const update = useUpdateChannel();
  const languageLabel = useLanguageLabel();
  const form = useForm<EditFields>({ defaultValues: { name: channel.name, language: channel.language } });
  const { errors } = form.formState;
  const save = (f: EditFields) =>
    update.mutate(
      { id: channel.id, patch: { name: f.name.trim(), language: f.language } },
      {
        onSuccess: (c) => {
          announce(t("saved", { name: c.name }), "success");
          onClose();
        },
      },
    );
  return (
    <FormDialog
      open
      title={t("editTitle", { name: channel.name })}
      pending={update.isPending}
      error={update.error}
      saveTestId="notify-channel-save"
      onCancel={onClose}
      onSubmit={() => void form.handleSubmit(save)()}
    >
      <div>
        <Label htmlFor={`${uid}-name`}>{tf("name")}</Label>
        <Input
          id={`${uid}-name`}
          data-testid="notify-channel-edit-name"
          autoComplete="off"
          maxLength={100}
          invalid={Boolean(errors.name)}
          {...form.register("name", { validate: (v) => v.trim() !== "" || tf("nameRequired") })}
        />
        {errors.name && <p className="mt-1 text-xs text-red-700">{errors.name.message}</p>}
      </div>
      <div>
        <Label htmlFor={`${uid}-language`}>{tf("language")}</Label>
        <Select id={`${uid}-language`} data-testid="notify-channel-edit-language" {...form.register("language")}>
          {NOTIFY_LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {languageLabel(l)}
            </option>
          ))}
        </Select>
      </div>
    </FormDialog>
  );
}
