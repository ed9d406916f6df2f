"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useStopRecord } from "@/lib/queries/records";
import { useAnnounce } from "@/components/ui/announcer";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ApiErrorAlert } from "@/components/errors/api-error-alert";
import { useErrorText } from "@/components/errors/use-error-text";

/** Stops a running record, after a one-sentence confirmation. */
export function StopButton({ taskId, recordId, label }: { taskId: string; recordId: string; label: string }) {
  const t = useTranslations("stop");
  const tc = useTranslations("common");
  const announce = useAnnounce();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const stop = useStopRecord(taskId, recordId);

  return (
    <>
      <Button
        data-testid="stop-button"
        variant="danger"
        pending={stop.isPending}
        onClick={() => {
          stop.reset();
          setOpen(true);
        }}
      >
        {t("button")}
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        busy={stop.isPending}
        testId="confirm-dialog"
        title={t("title")}
        footer={
          <>
            <Button onClick={() => setOpen(false)} disabled={stop.isPending} autoFocus>
              {tc("cancel")}
            </Button>
            <Button
              data-testid="confirm-button"
              variant="danger"
              pending={stop.isPending}
              onClick={() =>
                stop.mutate(undefined, {
                  onSuccess: () => {
                    setOpen(false);
                    announce(t("requested", { record: label }), "success");
                  },
                  onError: (error) => announce(t("failed", { reason: errorText(error).title }), "error"),
                })
              }
            >
              {t("confirm")}
            </Button>
          </>
        }
      >
        <p>{t("sentence", { record: label })}</p>
        {stop.isError && (
          <div className="mt-3">
            <ApiErrorAlert error={stop.error} />
          </div>
        )}
      </Dialog>
    </>
  );
}
