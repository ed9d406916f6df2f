"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import type { ApprovalRequest } from "@/lib/schemas/approvals";
import type { PreviewBody } from "@/lib/schemas/deploy";
import { requestOptions, useDecideRequest } from "@/lib/queries/approvals";
import { usePreview } from "@/lib/queries/tasks";
import { useAnnounce } from "@/components/ui/announcer";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Label, Textarea } from "@/components/ui/form-controls";
import { CheckIcon, XIcon } from "@/components/ui/icons";
import { Link } from "@/components/ui/link";
import { Time } from "@/components/ui/time";
import { PageHeading, DetailSkeleton } from "@/components/layout/page-heading";
import { ApiErrorAlert } from "@/components/errors/api-error-alert";
import { ParamDiff } from "@/components/deploy/param-diff";
import { SECRET_MASK } from "@/components/records/param-value";
import { RequestStateBadge } from "@/components/approvals/request-state-badge";
import { ExecuteRequest } from "@/components/approvals/execute-request";

/** One request: what would be started, compared with the latest record, its decision, and the next step. */
export function RequestView({ id }: { id: string }) {
  const t = useTranslations("approvals");
  const request = useQuery(requestOptions(id));
  if (request.isError && !request.data) return <ApiErrorAlert error={request.error} />;
  if (!request.data) return <DetailSkeleton label={t("loading")} panels={2} />;
  const r = request.data;
  const who = (p: ApprovalRequest["requester"] | null) => p?.name ?? p?.email ?? "?";
  return (
    <div className="space-y-5" data-testid="request-page" data-request-id={r.id} data-state={r.state}>
      <PageHeading title={t("requestTitle", { app: r.appName ?? r.taskId })} description={r.reason} actions={<RequestStateBadge state={r.state} />} />
      <Card title={t("factsTitle")}>
        <dl className="grid gap-x-6 gap-y-2 px-4 py-3 text-sm sm:grid-cols-[max-content_minmax(0,1fr)]">
          <dt className="text-zinc-500">{t("requester")}</dt>
          <dd data-testid="request-requester">
            {who(r.requester)} · <Time value={r.createdAt} />
          </dd>
          <dt className="text-zinc-500">{t("task")}</dt>
          <dd>
            <Link href={`/tasks/${r.taskId}`} className="font-mono text-xs break-all text-blue-700 hover:underline">
              {r.taskId}
            </Link>
          </dd>
          {r.recordId && (
            <>
              <dt className="text-zinc-500">{t("rollbackTo")}</dt>
              <dd className="font-mono text-xs break-all">{r.recordId}</dd>
            </>
          )}
          {r.triggerSource && (
            <>
              <dt className="text-zinc-500">{t("triggerSource")}</dt>
              <dd>{r.triggerSource}</dd>
            </>
          )}
          <dt className="text-zinc-500">{r.state === "pending" ? t("decideBy") : t("validUntil")}</dt>
          <dd>
            <Time value={r.expiresAt} />
          </dd>
          {r.decidedBy && (
            <>
              <dt className="text-zinc-500">{r.state === "rejected" ? t("rejectedBy") : t("approvedBy")}</dt>
              <dd data-testid="request-decided-by">
                {who(r.decidedBy)} · <Time value={r.decidedAt} />
                {r.comment && <span className="block break-words text-zinc-700">“{r.comment}”</span>}
              </dd>
            </>
          )}
          {r.executedRecordId && (
            <>
              <dt className="text-zinc-500">{t("executedAs")}</dt>
              <dd>
                <Link href={`/tasks/${r.taskId}/records/${r.executedRecordId}`} data-testid="request-record-link" className="text-blue-700 hover:underline">
                  {t("recordLink")}
                </Link>
              </dd>
            </>
          )}
          <dt className="text-zinc-500">{t("fingerprint")}</dt>
          <dd className="font-mono text-xs break-all text-zinc-600">{r.fingerprint}</dd>
        </dl>
      </Card>
      <Card title={t("paramsTitle")} description={t("paramsDescription")}>
        <div className="px-4 py-3">
          <ul className="space-y-1 font-mono text-xs" data-testid="request-params">
            {r.params.map((p) => (
              <li key={p.key} data-testid="request-param" data-key={p.key} className="flex flex-wrap gap-x-2 break-all">
                <span className="text-zinc-900">{p.key}</span>
                <span className="text-zinc-500">({p.type})</span>
                <span>{p.type === "encrypt" ? SECRET_MASK : p.value || "∅"}</span>
              </li>
            ))}
            {r.keepSecrets.map((key) => (
              <li key={key} data-testid="request-param" data-key={key} className="flex flex-wrap gap-x-2">
                <span className="text-zinc-900">{key}</span>
                <span className="font-sans text-zinc-600">{t("keptSecret")}</span>
              </li>
            ))}
          </ul>
          <LatestDiff request={r} />
        </div>
      </Card>
      {r.canDecide && <Decide id={r.id} />}
      {r.canExecute && <ExecuteRequest request={r} />}
    </div>
  );
}

/** The same comparison as the confirmation dialog; secrets are compared as kept (their values are not kept here). */
function LatestDiff({ request }: { request: ApprovalRequest }) {
  const preview = usePreview(request.taskId);
  const { mutate } = preview;
  useEffect(() => {
    const secrets = request.params.filter((p) => p.type === "encrypt").map((p) => p.key);
    mutate({
      params: request.params.filter((p) => p.type !== "encrypt") as PreviewBody["params"],
      keep_secrets: [...secrets, ...request.keepSecrets],
      ...(request.recordId ? { record_id: request.recordId } : {}),
    });
  }, [request.taskId, request.params, request.keepSecrets, request.recordId, mutate]);
  return <ParamDiff preview={preview} />;
}

function Decide({ id }: { id: string }) {
  const t = useTranslations("approvals");
  const uid = useId();
  const announce = useAnnounce();
  const decide = useDecideRequest(id);
  const [comment, setComment] = useState("");
  const [tried, setTried] = useState(false);
  const act = (decision: "approve" | "reject") => {
    setTried(decision === "reject");
    if (decision === "reject" && !comment.trim()) return;
    decide.mutate({ decision, comment: comment.trim() }, { onSuccess: () => announce(t(decision === "approve" ? "approved" : "rejected"), "success") });
  };
  const missing = tried && !comment.trim();
  return (
    <Card title={t("decideTitle")} description={t("decideDescription")} data-testid="request-decide">
      <div className="space-y-3 px-4 py-3">
        <div>
          <Label htmlFor={`${uid}-comment`}>{t("commentLabel")}</Label>
          <Textarea
            id={`${uid}-comment`}
            data-testid="request-comment"
            rows={2}
            maxLength={1000}
            value={comment}
            invalid={missing}
            onChange={(e) => setComment(e.target.value)}
          />
          {missing && <p className="mt-1 text-xs text-red-700">{t("commentRequired")}</p>}
        </div>
        {decide.isError && <ApiErrorAlert error={decide.error} />}
        <div className="flex flex-wrap justify-end gap-2">
          <Button
            data-testid="request-reject"
            variant="danger"
            pending={decide.isPending && decide.variables?.decision === "reject"}
            onClick={() => act("reject")}
          >
            <XIcon />
            {t("reject")}
          </Button>
          <Button
            data-testid="request-approve"
            variant="primary"
            pending={decide.isPending && decide.variables?.decision === "approve"}
            onClick={() => act("approve")}
          >
            <CheckIcon />
            {t("approve")}
          </Button>
        </div>
      </div>
    </Card>
  );
}
