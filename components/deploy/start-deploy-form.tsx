"use client";

import { useTranslations } from "next-intl";
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { FormProvider, useForm } from "react-hook-form";
import { refusingWindows, startBlockOf } from "@/lib/deploy/start-block";
import { formToBody, originOf, prefillRows, type DeepLink, type Prefill } from "@/lib/deploy/prefill";
import type { RecordParam, RecordSummary } from "@/lib/schemas/records";
import type { StartDeployBody } from "@/lib/schemas/deploy";
import { usePreview } from "@/lib/queries/tasks";
import { useRequestApproval } from "@/lib/queries/approvals";
import type { TaskAnswer } from "@/lib/schemas/tasks";
import { uuid } from "@/lib/utils";
import { useAnnounce } from "@/components/ui/announcer";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { HydratedFieldset } from "@/components/ui/hydrated-fieldset";
import { ApiErrorAlert } from "@/components/errors/api-error-alert";
import { LinkIcon, TerminalIcon, UndoIcon } from "@/components/ui/icons";
import type { Confirmation } from "@/components/deploy/confirm-deploy-dialog";
import { preloadValidation, startFormResolver, type StartFormInput, type StartFormOutput } from "@/components/deploy/form-types";
import { ParamRows, ProvenanceProvider, type Provenance } from "@/components/deploy/param-rows";
import { AdvancedOptions } from "@/components/deploy/advanced-options";
import { LinkNotices } from "@/components/deploy/link-notices";
import { RollbackPicker } from "@/components/deploy/rollback-picker";
import { SubmitBar } from "@/components/deploy/submit-bar";
import { SkipToDeploy, useDeployShortcut } from "@/components/deploy/deploy-shortcut";
import { useRollbackPick } from "@/components/deploy/use-rollback-pick";
import { useStartSend } from "@/components/deploy/use-start-send";
import type { ShareKind } from "@/components/deploy/share-dialog";

// The dialogs load after the page (they are only needed once the user acts): out of the first-load JS.
const ConfirmDeployDialog = dynamic(() => import("@/components/deploy/confirm-deploy-dialog").then((m) => m.ConfirmDeployDialog));
const ShareDialog = dynamic(() => import("@/components/deploy/share-dialog").then((m) => m.ShareDialog));
// Only after a refused or failed start.
const StartRefusal = dynamic(() => import("@/components/deploy/start-refusal").then((m) => m.StartRefusal));

/**
 * One submission: the validated body and its Idempotency-Key — fresh per submit, reused by its confirm and by
 * "Send again" after an answer that never arrived, never by a later submission.
 */
interface Submission {
  body: StartDeployBody;
  idempotencyKey: string;
}

/** What the task page opens with: a deep link, and the records it names (already loaded). */
export interface StartFormSeed {
  link: DeepLink;
  /** `record=`: the rollback target. */
  target: RecordSummary | null;
  /** `from=`: the record whose parameters are redeployed. */
  source: RecordSummary | null;
  /** The parameters of `target` or `source`. */
  recordParams: RecordParam[] | null;
  /** First day of the history's default range as the server read it with the page (else the browser's date). */
  historyFrom?: string;
}

/**
 * The start form: parameter rows (each with where its value came from), optional rollback target, advanced
 * options, a diff against the latest record in the confirmation, start. Without the right to deploy, the button
 * is disabled and the reason (with whom to ask) stands beside it.
 */
export function StartDeployForm({ task, seed }: { task: TaskAnswer; seed: StartFormSeed }) {
  const t = useTranslations("deploy");
  const uid = useId();
  const announce = useAnnounce();
  const ta = useTranslations("approvals");
  const router = useRouter();
  const preview = usePreview(task.taskId);
  const requestApproval = useRequestApproval(task.taskId);

  const [prefill, setPrefill] = useState<Prefill>(() =>
    prefillRows({ definitions: task.params, mine: task.mine, record: seed.recordParams, link: seed.link.params }),
  );
  const [submission, setSubmission] = useState<Submission | null>(null);
  const [share, setShare] = useState<ShareKind | null>(null);
  const [reason, setReason] = useState("");

  const form = useForm<StartFormInput, unknown, StartFormOutput>({
    resolver: startFormResolver,
    defaultValues: { params: prefill.rows, record_id: seed.target?.recordId },
    mode: "onSubmit",
    reValidateMode: "onChange",
  });

  const { rollback, selectRollback } = useRollbackPick({ taskId: task.taskId, form, prefill, setPrefill, initial: seed.target });
  const { start, send, sendAgain } = useStartSend({ taskId: task.taskId, taskName: task.name, form, onRefused: () => setSubmission(null) });

  const lastRun = useMemo(
    () => new Map(task.params.filter((d) => d.source === "last_run" && d.type !== "encrypt" && d.value !== null).map((d) => [d.name, d.value ?? ""])),
    [task.params],
  );
  const provenance = useMemo<Provenance>(() => ({ originOf: (key, value) => originOf(prefill, lastRun, key, value), lastRun }), [prefill, lastRun]);

  const resetAll = () => {
    const fresh = prefillRows({ definitions: task.params, mine: null, record: null, link: [] });
    form.setValue("params", fresh.rows, { shouldDirty: true });
    form.clearErrors("params");
    setPrefill(fresh);
    announce(t("resetAllDone"));
  };

  const { access } = task;
  // No right, a start CodeArts is sure to refuse, or a deployment of this task that may still run: no start.
  const block = startBlockOf({ ...task, rollback: rollback !== null });
  // The windows an administrator's start would override (the others are refused by `block`).
  const overriding = task.freeze.canOverride ? refusingWindows(task.freeze, rollback !== null) : [];

  const onValid = (body: StartFormOutput) => {
    if (block) return;
    start.reset();
    setSubmission({ body, idempotencyKey: uuid() });
    preview.mutate({ params: body.params, keep_secrets: body.keep_secrets, record_id: body.record_id });
  };

  // One-click redeploy (`confirm=1`): validate the prefilled form and open the confirmation — never start. Once,
  // as soon as nothing blocks the start: a hold that the page's next read clears (the previous deployment has just
  // ended) delays it instead of swallowing it.
  const autoConfirmed = useRef(false);
  useEffect(() => {
    if (!seed.link.confirm || autoConfirmed.current || block) return;
    autoConfirmed.current = true;
    void form.handleSubmit(onValid)();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the start is first possible
  }, [block]);

  const onConfirm = (confirmation: Confirmation) => {
    if (!submission) return;
    if (task.approvalRequired) {
      // The app needs a second person: what would be started goes to the requests (202), the request page follows.
      const { params, record_id, keep_secrets, trigger_source } = submission.body;
      requestApproval.mutate(
        { params, record_id, keep_secrets, trigger_source, reason: confirmation.reason ?? "" },
        {
          onSuccess: (request) => {
            announce(ta("requested", { app: task.name }), "success");
            router.push(`/requests/${request.id}`);
          },
          onError: () => setSubmission(null),
        },
      );
      return;
    }
    send({ ...submission, body: { ...submission.body, ...confirmation } });
  };

  // Bring the refusal into view: the sticky submit bar may sit far below it.
  const alertRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (start.error) alertRef.current?.scrollIntoView({ block: "center", behavior: "smooth" });
  }, [start.error]);

  const formRef = useRef<HTMLFormElement>(null);
  useDeployShortcut(formRef);

  const busy = start.isPending || start.isSuccess || requestApproval.isPending || requestApproval.isSuccess;
  const source = rollback ? null : seed.source;

  return (
    <FormProvider {...form}>
      <form
        ref={formRef}
        noValidate
        onSubmit={(event) => void form.handleSubmit(onValid)(event)}
        onFocusCapture={preloadValidation}
        onPointerDownCapture={preloadValidation}
        aria-describedby={`${uid}-hint`}
      >
        <HydratedFieldset className="min-w-0 space-y-5">
          <SkipToDeploy buttonId={`${uid}-deploy`} />
          <LinkNotices link={seed.link} prefill={prefill} source={source} />

          <Card
            headingId={`${uid}-params`}
            title={t("paramsTitle")}
            description={t("paramsDescription")}
            actions={
              <div className="flex flex-wrap gap-1.5">
                {lastRun.size > 0 && (
                  <Button size="sm" variant="ghost" data-testid="reset-all" onClick={resetAll}>
                    <UndoIcon />
                    {t("resetAll")}
                  </Button>
                )}
                <Button size="sm" variant="ghost" data-testid="copy-link" onClick={() => setShare("link")}>
                  <LinkIcon />
                  {t("copyLink")}
                </Button>
                <Button size="sm" variant="ghost" data-testid="copy-curl" onClick={() => setShare("curl")}>
                  <TerminalIcon />
                  {t("copyCurl")}
                </Button>
              </div>
            }
          >
            <ProvenanceProvider value={provenance}>
              <ParamRows definitions={task.params} />
            </ProvenanceProvider>
          </Card>

          <RollbackPicker taskId={task.taskId} initialFrom={seed.historyFrom} selected={rollback} onSelect={(r) => void selectRollback(r)} />

          <AdvancedOptions />

          <div ref={alertRef} className="empty:hidden">
            {start.isError && <StartRefusal error={start.error} taskId={task.taskId} onSendAgain={sendAgain} sending={start.isPending} />}
            {requestApproval.isError && <ApiErrorAlert error={requestApproval.error} />}
          </div>

          <SubmitBar hintId={`${uid}-hint`} buttonId={`${uid}-deploy`} task={task} block={block} rollback={rollback} source={source} busy={busy} />

          {/* Mounted only while open: a closed dialog's chunk is not fetched with the page. */}
          {submission !== null && (
            <ConfirmDeployDialog
              open
              appName={task.name}
              body={submission?.body ?? null}
              rollback={rollback}
              source={source}
              preview={preview}
              protectedApp={access.protected}
              freezeOverride={task.approvalRequired ? [] : overriding}
              approval={task.approvalRequired}
              reason={reason}
              onReasonChange={setReason}
              pending={busy}
              onConfirm={onConfirm}
              onCancel={() => setSubmission(null)}
            />
          )}
          {share !== null && (
            <ShareDialog
              kind={share}
              taskId={task.taskId}
              values={() => formToBody({ ...form.getValues(), params: form.getValues("params") ?? [] })}
              onClose={() => setShare(null)}
            />
          )}
        </HydratedFieldset>
      </form>
    </FormProvider>
  );
}
