"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { SkeletonRows } from "@/components/ui/skeleton";
import { ApiErrorAlert } from "@/components/errors/api-error-alert";

export const th = "px-4 py-2 text-left text-xs font-medium text-zinc-500";
export const td = "px-4 py-2.5 align-middle";
/** `relative`: the sr-only header texts are absolutely positioned and must scroll with the table, not widen the page. */
export const tableWrap = "relative overflow-x-auto";
export const tableClass = "w-full text-sm";
export const theadClass = "border-b border-zinc-200 bg-zinc-50/80";
export const tbodyClass = "divide-y divide-zinc-100";

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
export function ListState({
  query,
  empty,
  loading,
}: {
  query: UseQueryResult<unknown[]>;
  empty: string;
  loading: string;
}) {
  const tc = useTranslations("common");
  if (query.isError && query.data === undefined) {
    return (
      <div className="p-4">
        <ApiErrorAlert
          error={query.error}
          action={
            <Button size="sm" onClick={() => void query.refetch()} pending={query.isFetching}>
              {tc("retry")}
            </Button>
          }
        />
      </div>
    );
  }
  if (query.isPending) return <SkeletonRows rows={3} columns={4} label={loading} />;
  if (query.data?.length === 0) return <p className="px-4 py-6 text-center text-sm text-zinc-500">{empty}</p>;
  return null;
}

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

/** A small badge-like label (sources, roles, "you"). */
export function Tag({ children, tone = "zinc" }: { children: ReactNode; tone?: "zinc" | "blue" | "amber" }) {
  const tones = {
    zinc: "bg-zinc-100 text-zinc-700",
    blue: "bg-blue-50 text-blue-800",
    amber: "bg-amber-100 text-amber-900",
  } as const;
  return (
    <span className={`inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium ${tones[tone]}`}>
      {children}
    </span>
  );
}
