"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { LOCK_MINUTES } from "@/lib/schemas/lock-rules";
import type { TaskAnswer } from "@/lib/schemas/tasks";
import { meOptions } from "@/lib/queries/me";
import { useTaskLock } from "@/lib/queries/tasks";
import { cn } from "@/lib/utils";
import { useAnnounce } from "@/components/ui/announcer";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import { Input, Label, Select, Textarea } from "@/components/ui/form-controls";
import { LockIcon, UnlockIcon } from "@/components/ui/icons";
import { place, SLOT } from "@/components/ui/place";
import { Time } from "@/components/ui/time";
import { ApiErrorAlert } from "@/components/errors/api-error-alert";

/** The durations offered (minutes), 15 min – 7 days; the default is the API's. */
const DURATIONS = [15, 30, 60, LOCK_MINUTES.default, 240, 480, 1440, 4320, LOCK_MINUTES.max] as const;

type Lock = NonNullable<TaskAnswer["lock"]>;

/** "Locked by … until …: reason" — the task page's notice and the record page's. */
export function LockNotice({ lock, testId = "lock-notice" }: { lock: Lock; testId?: string }) {
  const t = useTranslations("locks");
  const name = lock.by.name || lock.by.email || t("someone");
  const sentence = lock.mine ? t("mine", { until: SLOT.a }) : t("byOther", { name, until: SLOT.a });
  return (
    <div
      data-testid={testId}
      data-mine={lock.mine}
      className={cn(
        "flex gap-2 rounded-md border px-3 py-2 text-sm",
        lock.mine ? "border-blue-200 bg-blue-50 text-blue-900" : "border-amber-200 bg-amber-50 text-amber-900",
      )}
    >
      <LockIcon className={cn("mt-0.5 shrink-0", lock.mine ? "text-blue-600" : "text-amber-600")} />
      <div className="min-w-0">
        <p>{place(sentence, { [SLOT.a]: <Time key="until" value={lock.until} className="font-medium" /> })}</p>
        <p data-testid="lock-reason" className="mt-0.5 break-words">
          <span className="font-medium">{t("reasonLabel")}</span> {lock.reason}
        </p>
        {lock.note && <p className="mt-0.5 text-xs break-words whitespace-pre-wrap opacity-80">{lock.note}</p>}
      </div>
    </div>
  );
}

function durationLabel(t: ReturnType<typeof useTranslations<"locks">>, minutes: number): string {
  if (minutes < 60) return t("minutes", { n: minutes });
  if (minutes < 1440) return t("hours", { n: minutes / 60 });
  return t("days", { n: minutes / 1440 });
}

/**
 * The task's deploy lock controls (the notice above the form says who holds it): for a deployer, lock (reason,
 * how long, note); for the owner, change or unlock; for an admin, break someone else's lock with a reason.
 */
export function LockPanel({ task }: { task: TaskAnswer }) {
  const t = useTranslations("locks");
  const announce = useAnnounce();
  const isAdmin = useQuery(meOptions()).data?.user.isAdmin ?? false;
  const { lock, unlock } = useTaskLock(task.taskId);
  const [dialog, setDialog] = useState<"lock" | "break" | null>(null);
  const [reason, setReason] = useState("");
  const [minutes, setMinutes] = useState<number>(LOCK_MINUTES.default);
  const [note, setNote] = useState("");
  const ids = useId();
  const current = task.lock;

  if (!task.access.canDeploy) return null;
  const close = () => {
    setDialog(null);
    setReason("");
    setNote("");
    lock.reset();
    unlock.reset();
  };

  return (
    <section data-testid="lock-panel" aria-label={t("title")} className="space-y-2">
      {task.access.canDeploy && (
        <div className="flex flex-wrap gap-2">
          {(!current || current.mine) && (
            <Button size="sm" data-testid="lock-open" onClick={() => setDialog("lock")}>
              <LockIcon className="size-3.5" />
              {current ? t("renew") : t("lock")}
            </Button>
          )}
          {current?.mine && (
            <Button
              size="sm"
              data-testid="unlock-button"
              pending={unlock.isPending}
              onClick={() =>
                unlock.mutate(null, {
                  onSuccess: () => announce(t("unlocked"), "success"),
                })
              }
            >
              <UnlockIcon className="size-3.5" />
              {t("unlock")}
            </Button>
          )}
          {current && !current.mine && isAdmin && (
            <Button size="sm" variant="danger" data-testid="break-open" onClick={() => setDialog("break")}>
              <UnlockIcon className="size-3.5" />
              {t("break")}
            </Button>
          )}
        </div>
      )}
      {dialog === null && unlock.error != null && <ApiErrorAlert error={unlock.error} />}

      <FormDialog
        open={dialog === "lock"}
        title={current ? t("renewTitle", { app: task.name }) : t("lockTitle", { app: task.name })}
        pending={lock.isPending}
        error={lock.error}
        saveTestId="lock-save"
        onCancel={close}
        onSubmit={() =>
          lock.mutate(
            { reason: reason.trim(), minutes, ...(note.trim() ? { note: note.trim() } : {}) },
            {
              onSuccess: () => {
                announce(t("locked"), "success");
                close();
              },
            },
          )
        }
      >
        <p className="text-sm text-zinc-600">{t("lockExplain")}</p>
        <div>
          <Label htmlFor={`${ids}-reason`}>{t("reasonLabel")}</Label>
          <Input id={`${ids}-reason`} data-testid="lock-reason-input" value={reason} maxLength={500} required onChange={(e) => setReason(e.target.value)} />
        </div>
        <div>
          <Label htmlFor={`${ids}-minutes`}>{t("durationLabel")}</Label>
          <Select id={`${ids}-minutes`} data-testid="lock-minutes" value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
            {DURATIONS.map((m) => (
              <option key={m} value={m}>
                {durationLabel(t, m)}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <Label htmlFor={`${ids}-note`}>{t("noteLabel")}</Label>
          <Textarea id={`${ids}-note`} data-testid="lock-note" value={note} maxLength={2000} rows={2} onChange={(e) => setNote(e.target.value)} />
        </div>
      </FormDialog>

      <FormDialog
        open={dialog === "break"}
        title={t("breakTitle", { name: current?.by.name || current?.by.email || t("someone") })}
        pending={unlock.isPending}
        error={unlock.error}
        saveTestId="break-save"
        onCancel={close}
        onSubmit={() =>
          unlock.mutate(reason.trim() || null, {
            onSuccess: () => {
              announce(t("broken"), "success");
              close();
            },
          })
        }
      >
        <p className="text-sm text-zinc-600">{t("breakExplain")}</p>
        <div>
          <Label htmlFor={`${ids}-break`}>{t("reasonLabel")}</Label>
          <Input id={`${ids}-break`} data-testid="break-reason" value={reason} maxLength={500} required onChange={(e) => setReason(e.target.value)} />
        </div>
      </FormDialog>
    </section>
  );
}
