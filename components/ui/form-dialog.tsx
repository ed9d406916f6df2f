"use client";

import { useId, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ApiErrorAlert } from "@/components/errors/api-error-alert";

/** An edit dialog around a form: Enter saves, Save is the form's submit button. */
export function FormDialog({
  open,
  title,
  children,
  pending,
  error,
  saveTestId,
  onSubmit,
  onCancel,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  pending: boolean;
  error: unknown;
  saveTestId: string;
  onSubmit: () => void;
  onCancel: () => void;
}) {
  const tc = useTranslations("common");
  const formId = useId();
  return (
    <Dialog
      open={open}
      onClose={onCancel}
      busy={pending}
      testId="edit-dialog"
      title={title}
      footer={
        <>
          <Button onClick={onCancel} disabled={pending}>
            {tc("cancel")}
          </Button>
          <Button type="submit" form={formId} data-testid={saveTestId} variant="primary" pending={pending}>
            {pending ? tc("saving") : tc("save")}
          </Button>
        </>
      }
    >
      <form
        id={formId}
        noValidate
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        {children}
      </form>
      {error != null && (
        <div className="mt-3">
          <ApiErrorAlert error={error} />
        </div>
      )}
    </Dialog>
  );
}
