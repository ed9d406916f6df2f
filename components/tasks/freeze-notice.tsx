"use client";

import { useLocale, useTranslations } from "next-intl";
import type { FreezeNotice as Notice, TaskFreeze } from "@/lib/schemas/freeze-windows";
import { formatInstant } from "@/lib/utils";
import { SnowflakeIcon } from "@/components/ui/icons";
import { place, SLOT } from "@/components/ui/place";
import { Time } from "@/components/ui/time";

/** “Release train”, “Weekend” — the windows' names as one list. */
export const windowNames = (windows: readonly Pick<Notice, "name">[]) => windows.map((w) => `“${w.name}”`).join(", ");

/** When deployments open again: the end of the last window in force. */
export const openAgain = (windows: readonly Pick<Notice, "until">[]) =>
  windows
    .map((w) => w.until)
    .sort()
    .at(-1) ?? null;

/** The block sentence of the submit bar and the record page: which windows, until when (plain text). */
export function useFrozenText(): (freeze: TaskFreeze, rollback: boolean) => string {
  const t = useTranslations("freeze");
  const locale = useLocale();
  return (freeze, rollback) => {
    const refusing = freeze.active.filter((w) => !(rollback && w.rollbacksAllowed));
    const until = formatInstant(openAgain(refusing), locale)?.local ?? "?";
    const rollbacksPass = !rollback && refusing.length > 0 && refusing.every((w) => w.rollbacksAllowed);
    return t(rollbacksPass ? "blockedRollbacksAllowed" : "blocked", { names: windowNames(refusing), until });
  };
}

function Occurrence({ w, upcoming }: { w: Notice; upcoming: boolean }) {
  const t = useTranslations("freeze");
  const sentence = upcoming ? t("upcomingWindow", { name: w.name, from: SLOT.a, until: SLOT.b }) : t("activeWindow", { name: w.name, until: SLOT.b });
  return (
    <li data-testid={upcoming ? "freeze-upcoming" : "freeze-active"} data-window-id={w.id} data-rollbacks-allowed={w.rollbacksAllowed}>
      {place(sentence, {
        [SLOT.a]: <Time key="from" value={w.from} className="font-medium" />,
        [SLOT.b]: <Time key="until" value={w.until} className="font-medium" />,
      })}{" "}
      <span className="text-xs opacity-80">
        ({t("zone", { zone: w.timeZone })}; {w.rollbacksAllowed ? t("rollbacksAllowed") : t("rollbacksRefused")})
      </span>
    </li>
  );
}

/**
 * The task page's freeze notice, before anything is filled in: the windows in force (who may still deploy) and
 * those opening within 7 days. Nothing when there are none.
 */
export function FreezeNotice({ freeze }: { freeze: TaskFreeze }) {
  const t = useTranslations("freeze");
  if (freeze.active.length === 0 && freeze.upcoming.length === 0) return null;
  const active = freeze.active.length > 0;
  const rollbacksPass = active && freeze.active.every((w) => w.rollbacksAllowed);
  return (
    <section
      data-testid="freeze-notice"
      data-active={active}
      aria-label={active ? t("activeTitle") : t("upcomingTitle")}
      className={
        active
          ? "flex gap-2 rounded-md border border-sky-300 bg-sky-50 px-3 py-2 text-sm text-sky-950"
          : "flex gap-2 rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 text-sm text-zinc-800"
      }
    >
      <SnowflakeIcon className="mt-0.5 shrink-0 text-sky-600" />
      <div className="min-w-0 space-y-1">
        {active && (
          <>
            <p className="font-medium">{t("activeTitle")}</p>
            <ul className="space-y-0.5">
              {freeze.active.map((w) => (
                <Occurrence key={w.id} w={w} upcoming={false} />
              ))}
            </ul>
            <p>{rollbacksPass ? t("onlyRollbacks") : t("nothingPasses")}</p>
            {freeze.canOverride && <p data-testid="freeze-can-override">{t("canOverride")}</p>}
          </>
        )}
        {freeze.upcoming.length > 0 && (
          <>
            <p className="font-medium">{t("upcomingTitle")}</p>
            <ul className="space-y-0.5">
              {freeze.upcoming.map((w) => (
                <Occurrence key={w.id} w={w} upcoming />
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
