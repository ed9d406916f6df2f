"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import type { Path, UseFormReturn } from "react-hook-form";
import { isApiError } from "@/lib/queries/api";
import { taskKeys, useStartDeploy, type StartDeployInput } from "@/lib/queries/tasks";
import { useAnnounce } from "@/components/ui/announcer";
import { useErrorText } from "@/components/errors/use-error-text";
import type { StartFormInput, StartFormOutput } from "@/components/deploy/form-types";

const ROW_FIELDS = new Set(["key", "value", "type"]);
/** Refusals that mean this page's idea of the task (the user's access, a lock, a freeze window) is out of date. */
const ACCESS_CHANGED = new Set(["forbidden", "protected_confirmation_required", "task_locked", "change_freeze"]);

/**
 * Sending a confirmed start: on success, to the new record's page; on a refusal, the server's row issues back on
 * the rows, the task's access fetched afresh when it changed, and a message that tells an in-doubt start from a
 * refused one. `sendAgain` repeats the failed attempt byte for byte (same body, same Idempotency-Key).
 */
export function useStartSend({
  taskId,
  taskName,
  form,
  onRefused,
}: {
  taskId: string;
  /** Named in the announcement (the record's release # is not known yet: the start answers with its id only). */
  taskName: string;
  form: UseFormReturn<StartFormInput, unknown, StartFormOutput>;
  onRefused: () => void;
}) {
  const t = useTranslations("deploy");
  const router = useRouter();
  const announce = useAnnounce();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const start = useStartDeploy(taskId);

  const send = (input: StartDeployInput) =>
    start.mutate(input, {
      onSuccess: (result) => {
        announce(t("started", { task: taskName }), "success");
        router.push(`/tasks/${taskId}/records/${result.id}`);
      },
      onError: (error) => {
        onRefused();
        if (isApiError(error)) {
          // Access or protection changed since the page loaded: fetch the task's access afresh.
          if (ACCESS_CHANGED.has(error.code)) void queryClient.invalidateQueries({ queryKey: taskKeys.detail(taskId) });
          // The server validates with the same rules: put its row issues back on the rows (sent rows come first).
          for (const issue of error.issues) {
            const [root, index, field] = issue.path;
            if (root !== "params") continue;
            if (typeof index === "number" && typeof field === "string" && ROW_FIELDS.has(field)) {
              form.setError(`params.${index}.${field}` as Path<StartFormInput>, { type: "server", message: issue.message });
            } else if (issue.path.length === 1) {
              form.setError("params", { type: "server", message: issue.message });
            }
          }
        }
        // An in-doubt start is not "not started": say what is known.
        const inDoubt = isApiError(error) && error.code === "upstream_in_doubt";
        announce(inDoubt ? t("startInDoubt") : t("startFailed", { reason: errorText(error).title }), "error");
      },
    });

  const sendAgain = () => {
    if (start.variables) send(start.variables);
  };

  return { start, send, sendAgain };
}
