"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import type { AppAccess } from "@/lib/schemas/access";
import { isApiError } from "@/lib/queries/api";
import { useStopRecord } from "@/lib/queries/records";
import { useAnnounce } from "@/components/ui/announcer";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ApiErrorAlert } from "@/components/errors/api-error-alert";
import { useErrorText } from "@/components/errors/use-error-text";
import { useDenyText } from "@/components/access/access-text";

/** Stop, disabled, with the reason beside it: the user may watch this app's deployments but not stop them. */
export function StopDenied({ access }: { access: AppAccess }) {
  const t = useTranslations("stop");
  const denyText = useDenyText();
  const id = useId();
  return (
    <div className="flex max-w-md flex-wrap items-center justify-end gap-3 sm:flex-nowrap">
      <p id={id} data-testid="stop-denied-reason" className="text-xs text-amber-900 sm:text-right">
        {denyText(access)}
      </p>
      <Button data-testid="stop-button" variant="danger" disabled aria-describedby={id}>
        {t("button")}
      </Button>
    </div>
  );
}

/** Stops a running record, after a one-sentence confirmation. `disabled` while the user's access is unknown. */
export function StopButton({ taskId, recordId, label, disabled = false }: { taskId: string; recordId: string; label: string; disabled?: boolean }) {
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
        disabled={disabled}
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
                  onError: (error) =>
                    announce(
                      // An in-doubt stop is not "could not stop": say what is known.
                      isApiError(error) && error.code === "upstream_in_doubt"
                        ? t("inDoubt", { record: label })
                        : t("failed", { reason: errorText(error).title }),
                      "error",
                    ),
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
