"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { curlOf, deepLinkOf } from "@/lib/deploy/prefill";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { CheckIcon } from "@/components/ui/icons";

export type ShareKind = "link" | "curl";

type Body = ReturnType<typeof import("@/lib/deploy/prefill").formToBody>;

/**
 * "Copy link" and "Copy as curl": the text is shown (selectable) and copied on request. A link never carries a
 * secret; the curl command shows secrets as <redacted>. Built when the dialog opens, from the form as it is.
 */
export function ShareDialog({ kind, taskId, values, onClose }: { kind: ShareKind | null; taskId: string; values: () => Body; onClose: () => void }) {
  if (!kind) return null;
  return <OpenShare kind={kind} taskId={taskId} body={values()} onClose={onClose} />;
}

function OpenShare({ kind, taskId, body, onClose }: { kind: ShareKind; taskId: string; body: Body; onClose: () => void }) {
  const t = useTranslations("deploy");
  const tc = useTranslations("common");
  const uid = useId();
  const [copied, setCopied] = useState(false);
  const origin = window.location.origin;
  const text = kind === "link" ? origin + deepLinkOf(taskId, body.params, body.record_id ?? null) : curlOf(origin, taskId, body);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      // No clipboard permission: the text is selected for a manual copy.
      const el = document.getElementById(`${uid}-text`) as HTMLTextAreaElement | null;
      el?.select();
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      testId="share-dialog"
      title={kind === "link" ? t("shareLinkTitle") : t("shareCurlTitle")}
      footer={
        <>
          <Button onClick={onClose}>{tc("close")}</Button>
          <Button variant="primary" data-testid="share-copy" onClick={() => void copy()} autoFocus>
            {copied && <CheckIcon />}
            {copied ? t("copied") : t("copy")}
          </Button>
        </>
      }
    >
      <p id={`${uid}-hint`} className="text-sm text-zinc-600">
        {kind === "link" ? t("shareLinkHint") : t("shareCurlHint")}
      </p>
      <textarea
        id={`${uid}-text`}
        data-testid="share-text"
        readOnly
        aria-describedby={`${uid}-hint`}
        rows={kind === "link" ? 3 : 9}
        value={text}
        onFocus={(e) => e.currentTarget.select()}
        className="mt-3 block w-full resize-y rounded-md border border-zinc-300 bg-zinc-50 px-2.5 py-2 font-mono text-xs break-all text-zinc-900"
      />
    </Dialog>
  );
}
