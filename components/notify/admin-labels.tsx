"use client";

import { useTranslations } from "next-intl";
import type { ChannelKind, EventKind, NotifyLanguage } from "@/lib/schemas/notify-kinds";
import type { DeliveryView } from "@/lib/schemas/notify";
import { cn } from "@/lib/utils";

/** Channel kind → its name ("Feishu / Lark", "企业微信"); one map for the admin's pages. */
export function useChannelKindLabel(): (kind: ChannelKind) => string {
  const t = useTranslations("notifyAdmin.kinds");
  return (kind) => t(kind);
}

/** Event kind → its name. The kinds' dots nest in the catalog (`deploy.started` → events.deploy.started). */
export function useEventLabel(): (kind: EventKind) => string {
  const t = useTranslations("notifyAdmin.events");
  return (kind) => t(kind);
}

export function useLanguageLabel(): (language: NotifyLanguage) => string {
  const t = useTranslations("notifyAdmin.languages");
  return (language) => t(language === "zh-CN" ? "zh" : "en");
}

const STATE_TONES: Record<DeliveryView["state"], string> = {
  pending: "bg-amber-100 text-amber-900",
  delivered: "bg-emerald-100 text-emerald-900",
  dead: "bg-red-100 text-red-900",
};

/** A delivery's state as a badge (the one map of state → label and colour). */
export function DeliveryStateBadge({ state, className }: { state: DeliveryView["state"]; className?: string }) {
  const t = useTranslations("notifyAdmin.log");
  return (
    <span
      data-testid="notify-delivery-state"
      data-state={state}
      className={cn("inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium", STATE_TONES[state], className)}
    >
      {t(`state.${state}`)}
    </span>
  );
}

/** A channel's waiting deliveries and dead letters, as badges (nothing when there are none). */
export function BacklogBadges({ pending, dead }: { pending: number; dead: number }) {
  const t = useTranslations("notifyAdmin.channels");
  return (
    <>
      {pending > 0 && (
        <span data-testid="notify-channel-pending" className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">
          {t("pending", { count: pending })}
        </span>
      )}
      {dead > 0 && (
        <span data-testid="notify-channel-dead" className="rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-900">
          {t("dead", { count: dead })}
        </span>
      )}
    </>
  );
}
