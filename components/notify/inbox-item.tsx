"use client";

import { useTranslations } from "next-intl";
import type { InboxItem } from "@/lib/schemas/notify";
import { cn } from "@/lib/utils";
import { Button } from "@/components/ui/button";
import { CheckIcon } from "@/components/ui/icons";
import { Link } from "@/components/ui/link";
import { Time } from "@/components/ui/time";

/** How a deployment ended (the ledger's `finished` row), as its colour; labels come from `inbox.finish`. */
const FINISH_STYLE = {
  succeeded: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  failed: "bg-red-50 text-red-700 ring-red-600/20",
  timeout: "bg-orange-50 text-orange-800 ring-orange-600/25",
  stopped: "bg-zinc-100 text-zinc-700 ring-zinc-500/25",
  unknown: "bg-white text-zinc-500 ring-zinc-300",
} as const;
type FinishState = keyof typeof FINISH_STYLE;
const isFinishState = (s: string): s is FinishState => s in FINISH_STYLE;

/** Where the item's link goes, for its label: an approval request, a record, or the task. */
const targetOf = (path: string) => (path.startsWith("/requests/") ? "request" : path.includes("/records/") ? "record" : "task");

/** One notification: what happened (linked to its page), to which app, who did it and when, why, how it ended. */
export function InboxItemRow({
  item,
  busy,
  onRead,
}: {
  item: InboxItem;
  busy: boolean;
  /** Mark this item read; `refresh`: also re-render the header's count (not when leaving the page by its link). */
  onRead: (refresh: boolean) => void;
}) {
  const t = useTranslations("inbox");
  const finish = item.finishState && isFinishState(item.finishState) ? item.finishState : item.finishState ? "unknown" : null;
  const kind = t(`kinds.${item.kind}`);
  const who = item.actor.name ?? item.actor.email ?? t("someone");
  return (
    <li
      data-testid="inbox-item"
      data-kind={item.kind}
      data-read={item.read}
      data-item-id={item.id}
      className={cn("flex flex-wrap items-start gap-x-3 gap-y-2 px-4 py-3", !item.read && "bg-blue-50/60")}
    >
      <span aria-hidden="true" className={cn("mt-1.5 size-2 shrink-0 rounded-full", item.read ? "bg-transparent" : "bg-blue-600")} />
      <div className="min-w-0 flex-1 basis-48">
        <p className="text-sm break-words text-zinc-900">
          {!item.read && <span className="sr-only">{t("unreadMark")} </span>}
          {item.path ? (
            <Link
              href={item.path}
              data-testid="inbox-item-link"
              title={t(`open.${targetOf(item.path)}`)}
              onClick={() => !item.read && onRead(false)}
              className={cn("text-blue-700 hover:underline", !item.read && "font-semibold")}
            >
              {kind}
            </Link>
          ) : (
            <span className={cn(!item.read && "font-semibold")}>{kind}</span>
          )}
          {item.appName && (
            <>
              {" · "}
              <span data-testid="inbox-item-app" className="font-medium">
                {item.appName}
              </span>
            </>
          )}
        </p>
        <p className="mt-0.5 text-xs text-zinc-600">
          <span data-testid="inbox-item-actor">{t("by", { name: who })}</span> · <Time value={item.at} />
        </p>
        {item.reason && <p className="mt-1 text-sm break-words whitespace-pre-wrap text-zinc-700">{t("reason", { reason: item.reason })}</p>}
      </div>
      <div className="flex items-center gap-2">
        {finish && (
          <span
            data-testid="inbox-item-finish"
            data-state={finish}
            className={cn("inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset", FINISH_STYLE[finish])}
          >
            {t(`finish.${finish}`)}
          </span>
        )}
        {!item.read && (
          <Button
            size="sm"
            variant="ghost"
            data-testid="inbox-item-read"
            disabled={busy}
            onClick={() => onRead(true)}
            aria-label={t("markReadLabel", { kind })}
          >
            <CheckIcon />
            {t("markRead")}
          </Button>
        )}
      </div>
    </li>
  );
}
