"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { apiFetch } from "@/lib/queries/api";
import type { Watch } from "@/lib/schemas/notify";
import { cn } from "@/lib/utils";
import { useAnnounce } from "@/components/ui/announcer";
import { Button } from "@/components/ui/button";
import { CheckIcon, EyeIcon } from "@/components/ui/icons";
import { useHydrated } from "@/components/ui/use-hydrated";

/**
 * Watch an app (on its task page) or one record (on the record page): its events go to the user's inbox, and by
 * e-mail when they ask for it and the console can send mail (`mail`: SMTP is configured). The state comes with the
 * page (`initial`, read on the server through GET /api/me/watches) and follows PUT/DELETE's answers: no query of
 * its own, so these pages carry little more JavaScript for it. A toggle button: the name stays, aria-pressed says it.
 */
export function WatchToggle({ taskId, recordId, initial, mail }: { taskId: string; recordId?: string; initial: Watch | null; mail: boolean }) {
  const t = useTranslations("inbox");
  const locale = useLocale();
  const announce = useAnnounce();
  const hydrated = useHydrated();
  const [watch, setWatch] = useState(initial);
  const [pending, setPending] = useState(false);
  // Both calls are idempotent: pressing on a stale state leaves what was asked for.
  const save = async (on: boolean, email: boolean) => {
    setPending(true);
    try {
      if (on) setWatch(await apiFetch("PUT /api/me/watches", { body: { taskId, recordId, email, language: locale } }));
      else {
        await apiFetch("DELETE /api/me/watches", { query: { taskId, recordId } });
        setWatch(null);
      }
    } catch (err) {
      announce(t("watchFailed", { message: err instanceof Error ? err.message : String(err) }), "error");
    } finally {
      setPending(false);
    }
  };

  return (
    <>
      <Button
        size="sm"
        data-testid="watch-toggle"
        data-watching={!!watch}
        aria-pressed={!!watch}
        title={watch ? t("unwatchHint") : t(recordId ? "watchRecordHint" : "watchAppHint")}
        disabled={!hydrated}
        pending={pending}
        onClick={() => void save(!watch, false)}
        // Over the secondary variant's border, background and colour (cn joins, it does not merge).
        className={cn(watch && "border-blue-300! bg-blue-50! text-blue-800! hover:bg-blue-100!")}
      >
        {watch ? <CheckIcon /> : <EyeIcon />}
        {t(recordId ? "watchRecord" : "watchApp")}
      </Button>
      {mail && watch && (
        <label className="inline-flex items-center gap-1.5 text-xs text-zinc-700">
          <input type="checkbox" data-testid="watch-email" checked={watch.email} disabled={pending} onChange={(e) => void save(true, e.target.checked)} />
          {t("alsoEmail")}
        </label>
      )}
    </>
  );
}
