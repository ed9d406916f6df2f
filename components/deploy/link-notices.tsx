"use client";

import { useTranslations } from "next-intl";
import type { DeepLink, Prefill } from "@/lib/deploy/prefill";
import type { RecordSummary } from "@/lib/schemas/records";
import { releaseLabel } from "@/lib/schemas/record-views";
import { AlertIcon, InfoIcon } from "@/components/ui/icons";

/**
 * What the form says about how it was opened: a deep link's prefilled rows and what of it was refused (secrets,
 * bad keys, unknown record ids), and the record being redeployed.
 */
export function LinkNotices({ link, prefill, source }: { link: DeepLink; prefill: Prefill; source: RecordSummary | null }) {
  const t = useTranslations("deploy");
  const notices = [
    link.params.length > 0 && { id: "prefilled", tone: "info" as const, text: t("linkPrefilled") },
    prefill.refusedSecrets.length > 0 && {
      id: "secrets",
      tone: "warn" as const,
      text: t("linkRefusedSecrets", { count: prefill.refusedSecrets.length, keys: prefill.refusedSecrets.join(", ") }),
    },
    prefill.badKeys.length > 0 && { id: "keys", tone: "warn" as const, text: t("linkBadKeys", { keys: prefill.badKeys.join(", ") }) },
    link.badIds.length > 0 && { id: "ids", tone: "warn" as const, text: t("linkBadIds", { ids: link.badIds.join(", ") }) },
    source && { id: "source", tone: "info" as const, text: t("redeployFrom", { release: releaseLabel(source) }) },
  ].filter((n) => n !== false && n !== null);
  if (notices.length === 0) return null;
  return (
    <div className="space-y-2">
      {notices.map((n) => (
        <p
          key={n.id}
          data-testid="link-notice"
          data-notice={n.id}
          role={n.tone === "warn" ? "alert" : "status"}
          className={
            n.tone === "warn"
              ? "flex gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
              : "flex gap-2 rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900"
          }
        >
          {n.tone === "warn" ? <AlertIcon className="mt-0.5 shrink-0" /> : <InfoIcon className="mt-0.5 shrink-0" />}
          {n.text}
        </p>
      ))}
    </div>
  );
}
