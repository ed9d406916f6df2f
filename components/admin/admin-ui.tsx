"use client";

import type { UseMutationResult, UseQueryResult } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, type FormEventHandler, type ReactNode } from "react";
import { ROLES } from "@/lib/schemas/access";
import { cn } from "@/lib/utils";
import { useAnnounce } from "@/components/ui/announcer";
import { Button, type ButtonProps } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { PencilIcon, TrashIcon } from "@/components/ui/icons";
import { SkeletonRows } from "@/components/ui/skeleton";
import { ApiErrorAlert, QueryErrorAlert } from "@/components/errors/api-error-alert";
import { useRoleLabel } from "@/components/access/access-text";

const th = "px-4 py-2 text-left text-xs font-medium text-zinc-500";
export const td = "px-4 py-2.5 align-middle";
/** `relative`: the sr-only header texts are absolutely positioned and must scroll with the table, not widen the page. */
const tableWrap = "relative overflow-x-auto";
const tableClass = "w-full text-sm";
const theadClass = "border-b border-zinc-200 bg-zinc-50/80";
const tbodyClass = "divide-y divide-zinc-100";

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

/** What a list shows instead of rows: skeleton, error with retry, or the empty sentence. */
function ListState({ query, empty, loading }: { query: UseQueryResult<unknown[]>; empty: string; loading: string }) {
  if (query.isError && query.data === undefined) {
    return <QueryErrorAlert query={query} />;
  }
  if (query.isPending) return <SkeletonRows rows={3} columns={4} label={loading} />;
  if (query.data?.length === 0) return <p className="px-4 py-6 text-center text-sm text-zinc-500">{empty}</p>;
  return null;
}

/** A list column: its header text and the classes it adds to the header cell (e.g. hidden on small screens). */
export interface AdminColumn {
  label: string;
  className?: string;
}

/**
 * A section's list: the state (skeleton, error, empty) or the table with its columns and an unlabeled actions
 * column; `notice` sits between the state and the table (e.g. a failed row action).
 */
export function AdminTable<T>({
  query,
  empty,
  loading,
  caption,
  columns,
  notice,
  children,
}: {
  query: UseQueryResult<T[]>;
  empty: string;
  loading: string;
  caption: string;
  columns: AdminColumn[];
  notice?: ReactNode;
  children: (rows: T[]) => ReactNode;
}) {
  const ta = useTranslations("admin");
  const rows = query.data;
  return (
    <>
      <ListState query={query} empty={empty} loading={loading} />
      {notice}
      {rows && rows.length > 0 && (
        <div className={tableWrap}>
          <table className={tableClass}>
            <caption className="sr-only">{caption}</caption>
            <thead className={theadClass}>
              <tr>
                {columns.map((c) => (
                  <th key={c.label} scope="col" className={cn(th, c.className)}>
                    {c.label}
                  </th>
                ))}
                <th scope="col" className={cn(th, "text-right")}>
                  <span className="sr-only">{ta("actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody className={tbodyClass}>{children(rows)}</tbody>
          </table>
        </div>
      )}
    </>
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

/** A destructive step's confirmation: one sentence, Cancel (focused) and the action. */
function ConfirmDialog({
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
  const t = useTranslations("admin");
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
            {pending ? t("saving") : t("save")}
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

/** The roles as the options of a role select (a "no role" option, where there is one, comes before). */
export function RoleOptions() {
  const roleLabel = useRoleLabel();
  return ROLES.map((r) => (
    <option key={r} value={r}>
      {roleLabel(r)}
    </option>
  ));
}

/** A small badge-like label (sources, roles, "you"). */
export function Tag({ children, tone = "zinc" }: { children: ReactNode; tone?: "zinc" | "blue" | "amber" }) {
  const tones = {
    zinc: "bg-zinc-100 text-zinc-700",
    blue: "bg-blue-50 text-blue-800",
    amber: "bg-amber-100 text-amber-900",
  } as const;
  return <span className={`inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium ${tones[tone]}`}>{children}</span>;
}
