"use client";

import type { UseMutationResult } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import type { FormEventHandler, ReactNode } from "react";
import { ROLES } from "@/lib/schemas/roles";
import { cn } from "@/lib/utils";
import { useAnnounce } from "@/components/ui/announcer";
import { Button, type ButtonProps } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { td } from "@/components/ui/data-table";
import { PencilIcon, TrashIcon } from "@/components/ui/icons";
import { ApiErrorAlert } from "@/components/errors/api-error-alert";
import { useRoleLabel } from "@/components/access/access-text";

/** One part of the admin page: a titled card (an anchor target) with its add form above its list. */
export function AdminSection({
  id,
  testId,
  title,
  description,
  form,
  children,
}: {
  id: string;
  testId: string;
  title: string;
  description: string;
  form: ReactNode;
  children: ReactNode;
}) {
  return (
    <div id={id} className="scroll-mt-20">
      <Card data-testid={testId} headingId={`${id}-title`} title={title} description={description}>
        <div className="border-b border-zinc-200 bg-zinc-50/60 px-4 py-3">{form}</div>
        {children}
      </Card>
    </div>
  );
}

/** A small, quiet button in a row's actions cell (edit, delete, remove). */
export function RowAction(props: Omit<ButtonProps, "size" | "variant">) {
  return <Button size="sm" variant="ghost" {...props} />;
}

/** A row's last cell with its Edit and Delete buttons; each button's accessible name says which row it acts on. */
export function EditDeleteCell({
  editTestId,
  deleteTestId,
  editLabel,
  deleteLabel,
  onEdit,
  onDelete,
  deleteDisabled,
  deleteTitle,
}: {
  editTestId: string;
  deleteTestId: string;
  editLabel: string;
  deleteLabel: string;
  onEdit: () => void;
  onDelete: () => void;
  deleteDisabled?: boolean;
  deleteTitle?: string;
}) {
  const ta = useTranslations("admin");
  return (
    <td className={cn(td, "text-right whitespace-nowrap")}>
      <RowAction data-testid={editTestId} aria-label={editLabel} onClick={onEdit}>
        <PencilIcon />
        {ta("edit")}
      </RowAction>
      <RowAction data-testid={deleteTestId} disabled={deleteDisabled} title={deleteTitle} aria-label={deleteLabel} onClick={onDelete}>
        <TrashIcon />
        {ta("delete")}
      </RowAction>
    </td>
  );
}

/** A section's add form: its fields in a grid, the submit button last, the failure below. */
export function AddForm({
  label,
  onSubmit,
  gridClassName,
  submitClassName,
  submitTestId,
  submitLabel,
  icon,
  pending,
  disabled,
  error,
  before,
  children,
}: {
  label: string;
  onSubmit: FormEventHandler<HTMLFormElement>;
  gridClassName: string;
  submitClassName: string;
  submitTestId: string;
  submitLabel: string;
  icon: ReactNode;
  pending: boolean;
  disabled?: boolean;
  /** The create mutation's error (null while it has not failed). */
  error: unknown;
  before?: ReactNode;
  children: ReactNode;
}) {
  return (
    <form noValidate onSubmit={onSubmit} aria-label={label} className="space-y-3">
      {before}
      <div className={gridClassName}>
        {children}
        <div className={submitClassName}>
          <Button type="submit" variant="primary" data-testid={submitTestId} pending={pending} disabled={disabled}>
            {icon}
            {submitLabel}
          </Button>
        </div>
      </div>
      {error != null && <ApiErrorAlert error={error} />}
    </form>
  );
}

/**
 * Delete-with-confirm: open while `id` is set; on success announces `done` and closes. The dialog stays open on
 * failure and shows the error.
 */
export function ConfirmRemoval<TData, TError, TContext>({
  id,
  title,
  sentence,
  confirmLabel,
  done,
  mutation,
  onClose,
}: {
  id: string | null;
  title: string;
  sentence: string;
  confirmLabel: string;
  done: string;
  mutation: UseMutationResult<TData, TError, string, TContext>;
  onClose: () => void;
}) {
  const announce = useAnnounce();
  return (
    <ConfirmDialog
      open={id !== null}
      title={title}
      confirmLabel={confirmLabel}
      pending={mutation.isPending}
      error={mutation.error}
      onCancel={onClose}
      onConfirm={() => {
        if (id === null) return;
        mutation.mutate(id, {
          onSuccess: () => {
            announce(done, "success");
            onClose();
          },
        });
      }}
    >
      {sentence}
    </ConfirmDialog>
  );
}

/** The roles as the options of a role select (a "no role" option, where there is one, comes before). */
export function RoleOptions() {
  const roleLabel = useRoleLabel();
  return ROLES.map((r) => (
    <option key={r} value={r}>
      {roleLabel(r)}
    </option>
  ));
}
