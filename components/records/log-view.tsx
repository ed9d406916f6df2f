"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { logDownloadPath, useLogTail } from "@/lib/queries/logs";
import { Card } from "@/components/ui/card";
import { SpinnerIcon } from "@/components/ui/icons";
import { useErrorText } from "@/components/errors/use-error-text";
import { localizeLogTimes, localZoneLabel, offsetLabel } from "@/lib/utils";

/**
 * The record's log tail: incremental, auto-following the end unless the reader scrolls up. The whole log (the
 * tail keeps only the last part of a very long one) is a plain download, read by the server.
 */
export function LogView({ taskId, recordId, finished }: { taskId: string; recordId: string; finished: boolean }) {
  const t = useTranslations("logs");
  const uid = useId();
  const errorText = useErrorText();
  const tail = useLogTail(taskId, recordId, finished);
  const ref = useRef<HTMLPreElement>(null);
  const [follow, setFollow] = useState(true);
  // The cloud writes its own zone, unmarked; the page shows the viewer's everywhere (the download keeps the cloud's).
  const cloud = tail.cloudOffsetMinutes;
  const text = useMemo(() => (cloud === null ? tail.text : localizeLogTimes(tail.text, cloud)), [tail.text, cloud]);

  useEffect(() => {
    const el = ref.current;
    if (el && follow) el.scrollTop = el.scrollHeight;
  }, [text, follow]);

  return (
    <Card
      title={t("title")}
      headingId={`${uid}-title`}
      actions={
        <>
          {!tail.done && (
            <span className="inline-flex items-center gap-1 text-xs text-zinc-500">
              <SpinnerIcon className="size-3" />
              {t("streaming")}
            </span>
          )}
          <label className="inline-flex items-center gap-1.5 text-xs text-zinc-700">
            <input type="checkbox" className="size-3.5 accent-blue-600" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
            {t("follow")}
          </label>
          <a
            href={logDownloadPath(taskId, recordId)}
            download={`${recordId}.log`}
            data-testid="log-download"
            title={t("downloadLabel", { recordId })}
            className="rounded text-xs font-medium text-blue-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-500"
          >
            {t("download")}
          </a>
        </>
      }
    >
      {cloud !== null && (
        <p data-testid="log-zone" className="border-b border-zinc-100 px-4 py-1.5 text-xs text-zinc-500">
          {t("zoneNote", { zone: localZoneLabel(new Date()), cloud: offsetLabel(cloud) })}
        </p>
      )}
      {tail.error != null && (
        <p role="status" className="border-b border-amber-200 bg-amber-50 px-4 py-2 text-xs text-amber-900">
          {t("error", { reason: errorText(tail.error).title })}
        </p>
      )}
      <pre
        ref={ref}
        data-testid="log-view"
        tabIndex={0}
        aria-labelledby={`${uid}-title`}
        onScroll={(e) => {
          const el = e.currentTarget;
          const atEnd = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
          if (atEnd !== follow) setFollow(atEnd);
        }}
        className="h-96 overflow-auto rounded-b-lg bg-zinc-950 px-4 py-3 font-mono text-xs leading-5 whitespace-pre-wrap text-zinc-100 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-500"
      >
        {tail.truncated && <span className="text-zinc-500">{`${t("truncated")}\n`}</span>}
        {text || <span className="text-zinc-500">{tail.done ? t("empty") : t("waiting")}</span>}
      </pre>
    </Card>
  );
}
