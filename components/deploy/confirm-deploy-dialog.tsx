"use client";

import type { UseMutationResult } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useId, useState } from "react";
import type { PreviewBody, StartDeployBody, StartPreview } from "@/lib/schemas/deploy";
import type { FreezeNotice } from "@/lib/schemas/freeze-windows";
import type { RecordSummary } from "@/lib/schemas/records";
import { releaseLabel } from "@/lib/schemas/record-views";
import { cn, formatInstant } from "@/lib/utils";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Input, Label, Textarea } from "@/components/ui/form-controls";
import { ShieldIcon, SnowflakeIcon } from "@/components/ui/icons";
import { useStateLabel } from "@/components/records/record-status-badge";
import { openAgain, windowNames } from "@/components/tasks/freeze-notice";
import { ParamDiff } from "./param-diff";

/** Same limit as startDeployBodySchema's `reason`. */
const REASON_MAX = 500;

/**
 * What the dialog adds to the body: the reason (rollbacks, protected apps and freeze overrides need one), a typed
 * app name, and an administrator's override of the freeze windows in force.
 */
export interface Confirmation {
  confirm_name?: string;
  reason?: string;
  override_freeze?: true;
}

/**
 * States the consequence in one sentence, names the record a rollback returns to (or a redeploy copies), and
 * shows parameter by parameter what differs from the task's latest record — secrets only as changed / unchanged
 * / unknown, or kept (one label, whatever the latest record). A rollback needs a reason; a protected app also
 * needs its name typed exactly; inside a freeze window an administrator ticks the override and gives a reason.
 */
export function ConfirmDeployDialog({
  open,
  appName,
  body,
  rollback,
  source,
  preview,
  protectedApp,
  freezeOverride = [],
  approval = false,
  reason,
  onReasonChange,
  pending,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  appName: string;
  body: StartDeployBody | null;
  rollback: RecordSummary | null;
  source: RecordSummary | null;
  preview: UseMutationResult<StartPreview, Error, PreviewBody>;
  protectedApp: boolean;
  /** The freeze windows in force that this start (an administrator's) would override; none: no override asked. */
  freezeOverride?: readonly FreezeNotice[];
  /** The app needs a second person's approval: confirming submits a request (a reason is required), not a start. */
  approval?: boolean;
  /** The reason as typed so far, kept by the form: the dialog is mounted only while open, a retry keeps it. */
  reason: string;
  onReasonChange: (reason: string) => void;
  pending: boolean;
  onConfirm: (confirmation: Confirmation) => void;
  onCancel: () => void;
}) {
  const t = useTranslations("confirm");
  const tf = useTranslations("freeze");
  const tc = useTranslations("common");
  const ta = useTranslations("approvals");
  const locale = useLocale();
  const stateLabel = useStateLabel();
  const uid = useId();
  // The name is typed afresh on every opening (that is the point of typing it); the reason is kept for a retry.
  const [typedName, setTypedName] = useState("");
  const [overridden, setOverridden] = useState(false);
  if (!body) return null;

  const frozen = freezeOverride.length > 0;
  const reasonRequired = protectedApp || rollback !== null || approval || frozen;
  const trimmedReason = reason.trim();
  const nameMatches = typedName === appName;
  const reasonOk = trimmedReason.length <= REASON_MAX && (!reasonRequired || trimmedReason.length >= 1);
  // A request is not a start: the typed name is asked when the approved request is executed.
  const needsName = protectedApp && !approval;
  const canConfirm = (!needsName || nameMatches) && reasonOk && (!frozen || overridden);
  const confirm = () => {
    if (!canConfirm || pending) return;
    onConfirm({
      ...(needsName ? { confirm_name: typedName } : {}),
      ...(trimmedReason ? { reason: trimmedReason } : {}),
      ...(frozen ? { override_freeze: true } : {}),
    });
  };

  const when = (r: RecordSummary) => formatInstant(r.startTime, locale)?.local ?? tc("none");
  const facts = (r: RecordSummary) =>
    t("targetFacts", { release: releaseLabel(r), time: when(r), operator: r.operator ?? tc("none"), state: stateLabel(r.state) });
  const target = rollback ?? source;
  const sentence = rollback
    ? t("rollbackSentence", { app: appName, release: releaseLabel(rollback), time: when(rollback) })
    : source
      ? t("redeploySentence", { app: appName, release: releaseLabel(source), time: when(source) })
      : t("deploySentence", { app: appName, count: body.params.length });
  const kept = body.keep_secrets ?? [];

  return (
    <Dialog
      open={open}
      onClose={onCancel}
      busy={pending}
      testId="confirm-dialog"
      title={rollback ? t("rollbackTitle", { release: releaseLabel(rollback) }) : source ? t("redeployTitle") : t("deployTitle")}
      footer={
        <>
          <Button onClick={onCancel} disabled={pending} autoFocus={!needsName && !reasonRequired}>
            {tc("cancel")}
          </Button>
          <Button
            data-testid="confirm-button"
            variant={rollback ? "danger" : "primary"}
            pending={pending}
            disabled={!canConfirm}
            aria-describedby={!canConfirm ? `${uid}-needs` : undefined}
            onClick={confirm}
          >
            {approval ? ta("submitRequest") : pending ? t("starting") : rollback ? t("confirmRollback") : t("confirmDeploy")}
          </Button>
        </>
      }
    >
      <p data-testid="confirm-sentence">{sentence}</p>
      {approval && (
        <p data-testid="approval-notice" className="mt-1 text-sm text-violet-900">
          {ta("confirmNotice")}
        </p>
      )}
      {target && (
        <p data-testid="confirm-target" data-record-id={target.recordId} className="mt-1 text-xs text-zinc-600">
          {facts(target)}
        </p>
      )}

      <ParamDiff preview={preview} />

      {kept.length > 0 && (
        <p data-testid="kept-secrets" className="mt-3 text-xs text-zinc-600">
          {t("keptSecrets", { count: kept.length, keys: kept.join(", ") })}
        </p>
      )}
      {body.trigger_source && <p className="mt-3 text-xs text-zinc-600">{t("triggerSource", { value: body.trigger_source })}</p>}

      {frozen && <FreezeOverride windows={freezeOverride} checked={overridden} onChange={setOverridden} />}

      <div
        data-testid={needsName ? "protected-confirm" : "reason-box"}
        className={cn("mt-3 space-y-3 rounded-md", needsName && "border border-violet-200 bg-violet-50/60 px-3 py-3")}
      >
        {needsName && (
          <>
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
                    {t("protectedNameHint")} <code className="rounded bg-white px-1 font-mono text-zinc-900 select-all">{appName}</code>
                  </>
                )}
              </p>
            </div>
          </>
        )}
        <div>
          <Label htmlFor={`${uid}-reason`}>{reasonRequired ? t("reasonLabel") : t("reasonOptionalLabel")}</Label>
          <Textarea
            id={`${uid}-reason`}
            data-testid={needsName ? "protected-reason" : "confirm-reason"}
            rows={2}
            maxLength={REASON_MAX}
            required={reasonRequired}
            autoFocus={reasonRequired && !needsName}
            value={reason}
            invalid={reason.length > 0 && !reasonOk}
            aria-describedby={`${uid}-reason-hint`}
            onChange={(e) => onReasonChange(e.target.value)}
          />
          <p id={`${uid}-reason-hint`} className="mt-1 flex justify-between gap-2 text-xs text-zinc-600">
            <span id={needsName ? undefined : `${uid}-needs`}>
              {needsName
                ? t("protectedReasonHint")
                : approval
                  ? ta("reasonHint")
                  : frozen
                    ? tf("overrideReasonHint")
                    : rollback
                      ? t("rollbackReasonHint")
                      : t("reasonHint")}
            </span>
            <span className="tabular-nums">{t("reasonCount", { count: trimmedReason.length, max: REASON_MAX })}</span>
          </p>
        </div>
      </div>
    </Dialog>
  );
}

/** An administrator's start inside freeze windows: which, until when, and the tick that overrides them. */
function FreezeOverride({ windows, checked, onChange }: { windows: readonly FreezeNotice[]; checked: boolean; onChange: (checked: boolean) => void }) {
  const t = useTranslations("freeze");
  const locale = useLocale();
  const uid = useId();
  return (
    <div data-testid="freeze-override" className="mt-3 space-y-2 rounded-md border border-sky-300 bg-sky-50 px-3 py-3 text-sky-950">
      <p className="flex gap-2">
        <SnowflakeIcon className="mt-0.5 shrink-0 text-sky-600" />
        <span>
          <span className="font-medium">{t("overrideTitle")}.</span>{" "}
          {t("overrideIntro", { names: windowNames(windows), until: formatInstant(openAgain(windows), locale)?.local ?? "?" })}
        </span>
      </p>
      <label htmlFor={`${uid}-override`} className="flex items-center gap-2 text-sm font-medium">
        <input
          id={`${uid}-override`}
          type="checkbox"
          data-testid="freeze-override-check"
          className="size-4 accent-sky-700"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
        />
        {t("overrideCheck")}
      </label>
    </div>
  );
}
