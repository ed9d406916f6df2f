"use client";

import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useId, useState } from "react";
import type { RecordSummary, StartDeployBody } from "@/lib/schemas/deploy";
import { recordParamsOptions } from "@/lib/queries/records";
import { formatInstant } from "@/lib/utils";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Input, Label, Textarea } from "@/components/ui/form-controls";
import { AlertIcon, ShieldIcon } from "@/components/ui/icons";
import { diffParams } from "@/components/deploy/param-diff";
import { SECRET_MASK } from "@/components/records/record-params-list";

/** Same limit as startDeployBodySchema's `reason`. */
export const REASON_MAX = 500;

/** What a protected app's start carries besides the form: the typed app name and the reason. */
export interface ProtectedConfirmation {
  confirm_name?: string;
  reason?: string;
}

/**
 * States the consequence in one sentence; a rollback also lists what differs from the target release. On a
 * protected app, confirming needs the app's name typed exactly and a reason (1–500 characters).
 */
export function ConfirmDeployDialog({
  open,
  appName,
  body,
  rollback,
  taskId,
  pipelineOnly,
  protectedApp,
  pending,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  appName: string;
  body: StartDeployBody | null;
  rollback: RecordSummary | null;
  taskId: string;
  pipelineOnly: boolean;
  protectedApp: boolean;
  pending: boolean;
  onConfirm: (confirmation: ProtectedConfirmation) => void;
  onCancel: () => void;
}) {
  const t = useTranslations("confirm");
  const tc = useTranslations("common");
  const locale = useLocale();
  const uid = useId();
  const previous = useQuery({
    ...recordParamsOptions(taskId, rollback?.recordId ?? ""),
    enabled: open && rollback !== null,
  });
  // The name is typed afresh on every opening (that is the point of typing it); the reason is kept for a retry.
  const [typedName, setTypedName] = useState("");
  const [reason, setReason] = useState("");
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) setTypedName("");
  }
  if (!body) return null;

  const trimmedReason = reason.trim();
  const nameMatches = typedName === appName;
  const reasonOk = trimmedReason.length >= 1 && trimmedReason.length <= REASON_MAX;
  const canConfirm = !protectedApp || (nameMatches && reasonOk);
  const confirm = () => {
    if (!canConfirm || pending) return;
    onConfirm(protectedApp ? { confirm_name: typedName, reason: trimmedReason } : {});
  };

  const release = rollback
    ? rollback.releaseId !== null
      ? `#${rollback.releaseId}`
      : rollback.recordId.slice(0, 8)
    : "";
  const sentence = rollback
    ? t("rollbackSentence", {
        app: appName,
        release,
        time: formatInstant(rollback.startTime, locale)?.local ?? tc("none"),
      })
    : t("deploySentence", { app: appName, count: body.params.length });
  const changes = rollback && previous.data ? diffParams(body.params, previous.data) : [];
  const emptySecrets = body.params.filter((p) => p.type === "encrypt" && p.value === "").map((p) => p.key);
  const show = (v: string | null, secret: boolean) => (secret ? SECRET_MASK : v === null || v === "" ? "∅" : v);

  return (
    <Dialog
      open={open}
      onClose={onCancel}
      busy={pending}
      testId="confirm-dialog"
      title={rollback ? t("rollbackTitle", { release }) : t("deployTitle")}
      footer={
        <>
          <Button onClick={onCancel} disabled={pending} autoFocus={!protectedApp}>
            {tc("cancel")}
          </Button>
          <Button
            data-testid="confirm-button"
            variant={rollback ? "danger" : "primary"}
            pending={pending}
            disabled={!canConfirm}
            aria-describedby={protectedApp && !canConfirm ? `${uid}-needs` : undefined}
            onClick={confirm}
          >
            {pending ? t("starting") : rollback ? t("confirmRollback") : t("confirmDeploy")}
          </Button>
        </>
      }
    >
      <p data-testid="confirm-sentence">{sentence}</p>
      {protectedApp && (
        <div
          data-testid="protected-confirm"
          className="mt-3 space-y-3 rounded-md border border-violet-200 bg-violet-50/60 px-3 py-3"
        >
          <p className="flex gap-2 text-violet-950">
            <ShieldIcon className="mt-0.5 shrink-0 text-violet-700" />
            <span id={`${uid}-needs`}>{t("protectedIntro")}</span>
          </p>
          <div>
            <Label htmlFor={`${uid}-name`}>{t("protectedNameLabel", { app: appName })}</Label>
            <Input
              id={`${uid}-name`}
              data-testid="protected-confirm-name"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              autoFocus
              value={typedName}
              invalid={typedName !== "" && !appName.startsWith(typedName)}
              aria-describedby={`${uid}-name-hint`}
              onChange={(e) => setTypedName(e.target.value)}
              onKeyDown={(e) => {
                // The dialog sits inside the start form: Enter must not submit that form again.
                if (e.key === "Enter") {
                  e.preventDefault();
                  confirm();
                }
              }}
            />
            <p id={`${uid}-name-hint`} className="mt-1 text-xs text-zinc-600">
              {nameMatches ? (
                t("protectedNameOk")
              ) : (
                <>
                  {t("protectedNameHint")}{" "}
                  <code className="rounded bg-white px-1 font-mono text-zinc-900 select-all">{appName}</code>
                </>
              )}
            </p>
          </div>
          <div>
            <Label htmlFor={`${uid}-reason`}>{t("protectedReasonLabel")}</Label>
            <Textarea
              id={`${uid}-reason`}
              data-testid="protected-reason"
              rows={3}
              maxLength={REASON_MAX}
              value={reason}
              invalid={reason.length > 0 && !reasonOk}
              aria-describedby={`${uid}-reason-hint`}
              onChange={(e) => setReason(e.target.value)}
            />
            <p id={`${uid}-reason-hint`} className="mt-1 flex justify-between gap-2 text-xs text-zinc-600">
              <span>{t("protectedReasonHint")}</span>
              <span className="tabular-nums">{t("reasonCount", { count: trimmedReason.length, max: REASON_MAX })}</span>
            </p>
          </div>
        </div>
      )}
      {pipelineOnly && (
        <p className="mt-3 flex gap-2 rounded-md bg-amber-50 px-3 py-2 text-amber-900">
          <AlertIcon className="mt-0.5 shrink-0" />
          {t("pipelineOnlyWarning")}
        </p>
      )}
      {emptySecrets.length > 0 && (
        <p data-testid="empty-secrets" className="mt-3 flex gap-2 rounded-md bg-amber-50 px-3 py-2 text-amber-900">
          <AlertIcon className="mt-0.5 shrink-0" />
          {t("emptySecrets", { count: emptySecrets.length, keys: emptySecrets.join(", ") })}
        </p>
      )}
      {body.trigger_source && (
        <p className="mt-3 text-xs text-zinc-600">
          {t("triggerSource", { value: body.trigger_source })}
        </p>
      )}
      {rollback && previous.data && (
        <div className="mt-3">
          <p className="text-xs font-medium text-zinc-600">
            {changes.length === 0 ? t("noDifferences", { release }) : t("differences", { release })}
          </p>
          {changes.length > 0 && (
            <ul className="mt-1 max-h-48 space-y-0.5 overflow-y-auto rounded-md border border-zinc-200 bg-zinc-50 p-2 font-mono text-xs">
              {changes.map((c) => (
                <li key={`${c.kind}:${c.key}`} data-testid="param-change">
                  <span className="text-zinc-900">{c.key}</span>{" "}
                  {c.kind === "changed" && (
                    <>
                      <del className="text-red-700">{show(c.before, c.secret)}</del> →{" "}
                      <ins className="text-emerald-700 no-underline">{show(c.after, c.secret)}</ins>
                    </>
                  )}
                  {c.kind === "added" && <span className="text-emerald-700">+ {show(c.after, c.secret)}</span>}
                  {c.kind === "removed" && <span className="text-red-700">− {t("notSent")}</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Dialog>
  );
}
