"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { FormProvider, useForm, type Path } from "react-hook-form";
import type { RecordSummary, StartDeployBody, TaskDetail } from "@/lib/schemas/deploy";
import { isApiError } from "@/lib/queries/api";
import { recordParamsOptions } from "@/lib/queries/records";
import { useStartDeploy } from "@/lib/queries/tasks";
import { uuid } from "@/lib/utils";
import { useAnnounce } from "@/components/ui/announcer";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Label, Select } from "@/components/ui/form-controls";
import { RocketIcon } from "@/components/ui/icons";
import { ApiErrorAlert } from "@/components/errors/api-error-alert";
import { useErrorText } from "@/components/errors/use-error-text";
import { ConfirmDeployDialog } from "@/components/deploy/confirm-deploy-dialog";
import {
  preloadValidation,
  startFormResolver,
  type StartFormInput,
  type StartFormOutput,
} from "@/components/deploy/form-types";
import { ParamRows, rowsFromDefinitions, rowsFromRecord } from "@/components/deploy/param-rows";
import { RollbackPicker } from "@/components/deploy/rollback-picker";

/** One submission: the validated body and its Idempotency-Key (fresh per submit, reused only by its confirm). */
interface Submission {
  body: StartDeployBody;
  idempotencyKey: string;
}

const ROW_FIELDS = new Set(["key", "value", "type"]);
const releaseLabel = (r: RecordSummary) => (r.releaseId !== null ? `#${r.releaseId}` : r.recordId.slice(0, 8));

/** The start form: parameter rows, optional rollback target, advanced options, confirm, start. */
export function StartDeployForm({ task }: { task: TaskDetail }) {
  const t = useTranslations("deploy");
  const uid = useId();
  const router = useRouter();
  const announce = useAnnounce();
  const errorText = useErrorText();
  const [rollback, setRollback] = useState<RecordSummary | null>(null);
  const [submission, setSubmission] = useState<Submission | null>(null);
  /** The rows as they were before the first rollback pick, restored when the rollback is cleared. */
  const [rowsBeforeRollback, setRowsBeforeRollback] = useState<StartFormInput["params"] | null>(null);
  const latestPick = useRef<string | null>(null);
  const queryClient = useQueryClient();
  const start = useStartDeploy(task.taskId);

  const form = useForm<StartFormInput, unknown, StartFormOutput>({
    resolver: startFormResolver,
    defaultValues: { params: rowsFromDefinitions(task.params) },
    mode: "onSubmit",
    reValidateMode: "onChange",
  });

  const selectRollback = async (record: RecordSummary | null) => {
    latestPick.current = record?.recordId ?? null;
    setRollback(record);
    form.setValue("record_id", record?.recordId, { shouldDirty: true });
    if (!record) {
      if (rowsBeforeRollback) form.setValue("params", rowsBeforeRollback, { shouldDirty: true });
      setRowsBeforeRollback(null);
      form.clearErrors("params");
      announce(t("rollbackCleared"));
      return;
    }
    const current = form.getValues("params") ?? [];
    if (!rowsBeforeRollback) setRowsBeforeRollback(current);
    try {
      // A rollback redeploys with the record's parameters, so the rows become exactly those (editable).
      const previous = await queryClient.fetchQuery(recordParamsOptions(task.taskId, record.recordId));
      if (latestPick.current !== record.recordId) return; // a later pick won
      form.setValue("params", rowsFromRecord(previous, current), { shouldDirty: true });
      form.clearErrors("params");
      announce(t("rollbackFilled", { release: releaseLabel(record) }));
    } catch {
      // The picker shows the record's parameters (and their error) itself; the rows stay as they were.
    }
  };

  const onValid = (body: StartFormOutput) => {
    start.reset();
    setSubmission({ body, idempotencyKey: uuid() });
  };

  const onConfirm = () => {
    if (!submission) return;
    start.mutate(submission, {
      onSuccess: (result) => {
        announce(t("started", { id: result.id }), "success");
        router.push(`/tasks/${task.taskId}/records/${result.id}`);
      },
      onError: (error) => {
        setSubmission(null);
        // The server validates with the same schema: put its row issues back on the rows.
        if (isApiError(error)) {
          for (const issue of error.issues) {
            const [root, index, field] = issue.path;
            if (root !== "params") continue;
            if (typeof index === "number" && typeof field === "string" && ROW_FIELDS.has(field)) {
              form.setError(`params.${index}.${field}` as Path<StartFormInput>, { type: "server", message: issue.message });
            } else if (issue.path.length === 1) {
              form.setError("params", { type: "server", message: issue.message });
            }
          }
        }
        announce(t("startFailed", { reason: errorText(error).title }), "error");
      },
    });
  };

  // Bring the refusal into view: the sticky submit bar may sit far below it.
  const alertRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (start.error) alertRef.current?.scrollIntoView({ block: "center", behavior: "smooth" });
  }, [start.error]);

  const pipelineOnly = task.triggerSource === "1";
  const busy = start.isPending || start.isSuccess;

  return (
    <FormProvider {...form}>
      <form
        noValidate
        onSubmit={form.handleSubmit(onValid)}
        onFocusCapture={preloadValidation}
        onPointerDownCapture={preloadValidation}
        className="space-y-5"
        aria-describedby={`${uid}-hint`}
      >
        <Card headingId={`${uid}-params`} title={t("paramsTitle")} description={t("paramsDescription")}>
          <ParamRows definitions={task.params} />
        </Card>

        <RollbackPicker taskId={task.taskId} selected={rollback} onSelect={(r) => void selectRollback(r)} />

        <details className="group rounded-lg border border-zinc-200 bg-white shadow-xs">
          <summary className="cursor-pointer rounded-lg px-4 py-3 text-sm font-medium text-zinc-800 select-none focus-visible:outline-2 focus-visible:outline-blue-600">
            {t("advanced")}
          </summary>
          <div className="border-t border-zinc-200 px-4 py-3">
            <Label htmlFor={`${uid}-trigger`}>{t("triggerSourceLabel")}</Label>
            <Select
              id={`${uid}-trigger`}
              data-testid="trigger-source"
              className="max-w-sm"
              aria-describedby={`${uid}-trigger-help`}
              {...form.register("trigger_source", { setValueAs: (v: string) => (v === "" ? undefined : v) })}
            >
              <option value="">{t("triggerSourceUnset")}</option>
              <option value="0">{t("triggerSourceAny")}</option>
              <option value="1">{t("triggerSourcePipeline")}</option>
            </Select>
            <p id={`${uid}-trigger-help`} className="mt-1 text-xs text-zinc-500">
              {t("triggerSourceHelp")}
            </p>
          </div>
        </details>

        <div ref={alertRef} className="empty:hidden">
          {start.isError && <ApiErrorAlert error={start.error} hidePaths="params" />}
        </div>

        <div className="sticky bottom-0 z-10 -mx-4 flex flex-wrap items-center justify-end gap-3 border-t border-zinc-200 bg-zinc-50/95 px-4 py-3 backdrop-blur sm:mx-0 sm:rounded-lg sm:border">
          <p id={`${uid}-hint`} className="mr-auto text-xs text-zinc-500">
            {rollback
              ? t("hintRollback", { release: releaseLabel(rollback) })
              : t("hintDeploy")}
          </p>
          <Button
            type="submit"
            data-testid="deploy-button"
            variant={rollback ? "danger" : "primary"}
            pending={busy}
          >
            <RocketIcon />
            {rollback ? t("rollbackButton") : t("deployButton")}
          </Button>
        </div>

        <ConfirmDeployDialog
          open={submission !== null}
          appName={task.name}
          body={submission?.body ?? null}
          rollback={rollback}
          taskId={task.taskId}
          pipelineOnly={pipelineOnly}
          pending={busy}
          onConfirm={onConfirm}
          onCancel={() => setSubmission(null)}
        />
      </form>
    </FormProvider>
  );
}
