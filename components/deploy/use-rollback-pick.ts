"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import type { UseFormReturn } from "react-hook-form";
import { rowsOfRecord, type Prefill } from "@/lib/deploy/prefill";
import { recordParamsOptions } from "@/lib/queries/records";
import type { RecordSummary } from "@/lib/schemas/records";
import { releaseLabel } from "@/lib/schemas/record-views";
import { useAnnounce } from "@/components/ui/announcer";
import type { StartFormInput, StartFormOutput } from "@/components/deploy/form-types";
import { typedSecrets } from "@/components/deploy/param-rows";

/**
 * The form's rollback target. Picking a record makes the rows exactly its parameters (editable; a later pick wins
 * over a slower earlier one); clearing it puts back the rows as they were before the first pick.
 */
export function useRollbackPick({
  taskId,
  form,
  prefill,
  setPrefill,
  initial,
}: {
  taskId: string;
  form: UseFormReturn<StartFormInput, unknown, StartFormOutput>;
  prefill: Prefill;
  setPrefill: (prefill: Prefill) => void;
  initial: RecordSummary | null;
}) {
  const t = useTranslations("deploy");
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const [rollback, setRollback] = useState<RecordSummary | null>(initial);
  /** The rows as they were before the first rollback pick, restored when the rollback is cleared. */
  const [beforeRollback, setBeforeRollback] = useState<{ rows: StartFormInput["params"]; prefill: Prefill } | null>(null);
  const latestPick = useRef<string | null>(null);

  const selectRollback = async (record: RecordSummary | null) => {
    latestPick.current = record?.recordId ?? null;
    setRollback(record);
    form.setValue("record_id", record?.recordId, { shouldDirty: true });
    if (!record) {
      if (beforeRollback) {
        form.setValue("params", beforeRollback.rows, { shouldDirty: true });
        setPrefill(beforeRollback.prefill);
      }
      setBeforeRollback(null);
      form.clearErrors("params");
      announce(t("rollbackCleared"));
      return;
    }
    const current = form.getValues("params") ?? [];
    if (!beforeRollback) setBeforeRollback({ rows: current, prefill });
    try {
      // A rollback redeploys with the record's parameters, so the rows become exactly those (editable).
      const previous = await queryClient.fetchQuery(recordParamsOptions(taskId, record.recordId));
      if (latestPick.current !== record.recordId) return; // a later pick won
      // Its secrets keep the stored value (or the one already typed for the key): the first "Roll back" confirms.
      const rows = rowsOfRecord(previous, typedSecrets(current));
      form.setValue("params", rows, { shouldDirty: true });
      setPrefill({ ...prefill, origins: Object.fromEntries(rows.map((r) => [r.key, { origin: r.keep ? "stored" : "record", value: r.value }])) });
      form.clearErrors("params");
      announce(t("rollbackFilled", { release: releaseLabel(record) }));
    } catch {
      // The picker shows the record's parameters (and their error) itself; the rows stay as they were.
    }
  };

  return { rollback, selectRollback };
}
