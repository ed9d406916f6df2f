"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import type { ApprovalRequest } from "@/lib/schemas/approvals";
import type { StartDeployBody } from "@/lib/schemas/deploy";
import { isApiError } from "@/lib/queries/api";
import { useExecuteRequest } from "@/lib/queries/approvals";
import { uuid } from "@/lib/utils";
import { useAnnounce } from "@/components/ui/announcer";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input, Label } from "@/components/ui/form-controls";
import { RocketIcon } from "@/components/ui/icons";
import { ApiErrorAlert } from "@/components/errors/api-error-alert";
import { useErrorText } from "@/components/errors/use-error-text";

/**
 * Executing an approved request: exactly the approved rows, target and trigger_source are sent; a secret is typed
 * again (the console never kept it), or stays kept when it was approved as kept. Anything that differs is refused
 * by the server (409 approval_mismatch) with the rows named here.
 */
export function ExecuteRequest({ request }: { request: ApprovalRequest }) {
  const t = useTranslations("approvals");
  const uid = useId();
  const router = useRouter();
  const announce = useAnnounce();
  const errorText = useErrorText();
  const execute = useExecuteRequest(request.id, request.taskId);
  const secrets = request.params.filter((p) => p.type === "encrypt");
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [tried, setTried] = useState(false);
  const [typedName, setTypedName] = useState("");
  const missing = secrets.filter((p) => !typed[p.key]);
  const nameOk = request.protectedName === null || typedName === request.protectedName;

  const onExecute = () => {
    setTried(true);
    if (missing.length > 0 || !nameOk) return;
    const body = {
      params: request.params.map((p) => (p.type === "encrypt" ? { ...p, value: typed[p.key] ?? "" } : p)) as StartDeployBody["params"],
      ...(request.keepSecrets.length > 0 ? { keep_secrets: request.keepSecrets } : {}),
      ...(request.recordId ? { record_id: request.recordId } : {}),
      ...(request.triggerSource ? { trigger_source: request.triggerSource } : {}),
      ...(request.protectedName !== null ? { confirm_name: typedName } : {}),
    };
    execute.mutate(
      { body, idempotencyKey: uuid() },
      {
        onSuccess: (result) => {
          announce(t("executed", { app: request.appName ?? request.taskId }), "success");
          router.push(`/tasks/${request.taskId}/records/${result.id}`);
        },
        onError: (error) => announce(t("executeFailed", { reason: errorText(error).title }), "error"),
      },
    );
  };

  const differences = isApiError(execute.error) ? execute.error.differences : [];
  return (
    <Card title={t("executeTitle")} description={t("executeDescription")} data-testid="request-execute">
      <div className="space-y-3 px-4 py-3">
        {secrets.map((p) => (
          <div key={p.key}>
            <Label htmlFor={`${uid}-${p.key}`}>{t("secretLabel", { key: p.key })}</Label>
            <Input
              id={`${uid}-${p.key}`}
              type="password"
              autoComplete="off"
              data-testid="execute-secret"
              data-key={p.key}
              value={typed[p.key] ?? ""}
              invalid={tried && !typed[p.key]}
              onChange={(e) => setTyped((v) => ({ ...v, [p.key]: e.target.value }))}
            />
            {tried && !typed[p.key] && <p className="mt-1 text-xs text-red-700">{t("secretRequired")}</p>}
          </div>
        ))}
        {request.protectedName !== null && (
          <div data-testid="execute-protected" className="rounded-md border border-violet-200 bg-violet-50/60 px-3 py-3">
            <Label htmlFor={`${uid}-name`}>{t("protectedNameLabel", { app: request.protectedName })}</Label>
            <Input
              id={`${uid}-name`}
              autoComplete="off"
              spellCheck={false}
              data-testid="execute-confirm-name"
              value={typedName}
              invalid={tried && !nameOk}
              aria-describedby={`${uid}-name-hint`}
              onChange={(e) => setTypedName(e.target.value)}
            />
            <p id={`${uid}-name-hint`} className={tried && !nameOk ? "mt-1 text-xs text-red-700" : "mt-1 text-xs text-zinc-600"}>
              {t("protectedNameHint", { app: request.protectedName })}
            </p>
          </div>
        )}
        {request.keepSecrets.length > 0 && <p className="text-xs text-zinc-600">{t("keptSecrets", { keys: request.keepSecrets.join(", ") })}</p>}
        {execute.isError && <ApiErrorAlert error={execute.error} />}
        {differences.length > 0 && (
          <ul data-testid="approval-differences" className="space-y-0.5 rounded-md border border-amber-200 bg-amber-50 p-2 text-xs text-amber-950">
            {differences.map((d) => (
              <li key={`${d.field}-${d.key ?? ""}`} data-testid="approval-difference" data-field={d.field} data-key={d.key ?? undefined} data-change={d.change}>
                {d.field === "param"
                  ? t(`difference.${d.change}`, { key: d.key ?? "" })
                  : t(d.field === "record_id" ? "difference.target" : "difference.trigger", { approved: d.approved ?? "—", sent: d.sent ?? "—" })}
              </li>
            ))}
          </ul>
        )}
        <div className="flex justify-end">
          <Button data-testid="request-execute-button" variant="primary" pending={execute.isPending || execute.isSuccess} onClick={onExecute}>
            <RocketIcon />
            {t("execute")}
          </Button>
        </div>
      </div>
    </Card>
  );
}
