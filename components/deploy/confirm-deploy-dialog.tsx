"use client";

import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import type { RecordSummary, StartDeployBody } from "@/lib/schemas/deploy";
import { recordParamsOptions } from "@/lib/queries/records";
import { formatInstant } from "@/lib/utils";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { AlertIcon } from "@/components/ui/icons";
import { diffParams } from "@/components/deploy/param-diff";
import { SECRET_MASK } from "@/components/records/record-params-list";

/** States the consequence in one sentence; a rollback also lists what differs from the target release. */
export function ConfirmDeployDialog({
  open,
  appName,
  body,
  rollback,
  taskId,
  pipelineOnly,
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
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations("confirm");
  const tc = useTranslations("common");
  const locale = useLocale();
  const previous = useQuery({
    ...recordParamsOptions(taskId, rollback?.recordId ?? ""),
    enabled: open && rollback !== null,
  });
  if (!body) return null;

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
          <Button onClick={onCancel} disabled={pending} autoFocus>
            {tc("cancel")}
          </Button>
          <Button
            data-testid="confirm-button"
            variant={rollback ? "danger" : "primary"}
            pending={pending}
            onClick={onConfirm}
          >
            {pending ? t("starting") : rollback ? t("confirmRollback") : t("confirmDeploy")}
          </Button>
        </>
      }
    >
      <p data-testid="confirm-sentence">{sentence}</p>
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
