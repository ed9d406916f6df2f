"use client";

import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ApiErrorAlert } from "@/components/errors/api-error-alert";

/** A destructive step's confirmation: one sentence, Cancel (focused) and the action. */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  pending,
  error,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const tc = useTranslations("common");
  return (
    <Dialog
      open={open}
      onClose={onCancel}
      busy={pending}
      testId="confirm-dialog"
      title={title}
      footer={
        <>
          <Button onClick={onCancel} disabled={pending} autoFocus>
            {tc("cancel")}
          </Button>
          <Button data-testid="confirm-button" variant="danger" pending={pending} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      <p>{children}</p>
      {error != null && (
        <div className="mt-3">
          <ApiErrorAlert error={error} />
        </div>
      )}
    </Dialog>
  );
}
