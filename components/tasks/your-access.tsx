"use client";

import { useTranslations } from "next-intl";
import type { TaskAnswer } from "@/lib/schemas/tasks";
import { EyeIcon, RocketIcon } from "@/components/ui/icons";
import { useDenyText, useRoleLabel } from "@/components/access/access-text";

/** What this user may do with the task (from its answer's `access`), not what the task allows in general. */
export function YourAccess({ access }: { access: TaskAnswer["access"] }) {
  const t = useTranslations("task");
  const roleLabel = useRoleLabel();
  const denyText = useDenyText();
  return (
    <div data-testid="your-access" data-can-deploy={access.canDeploy} className="flex gap-2 rounded-md bg-zinc-50 px-3 py-2 text-sm text-zinc-700">
      {access.canDeploy ? <RocketIcon className="mt-0.5 shrink-0 text-emerald-600" /> : <EyeIcon className="mt-0.5 shrink-0 text-zinc-400" />}
      <div>
        <p className="font-medium">{t("yourRole", { role: roleLabel(access.role) })}</p>
        <p className="mt-0.5 text-xs">{access.canDeploy ? t("youMayDeploy") : t("youMayView")}</p>
        {!access.canDeploy && <p className="mt-0.5 text-xs text-amber-900">{denyText(access)}</p>}
      </div>
    </div>
  );
}
