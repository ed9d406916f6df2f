"use client";

import { useTranslations } from "next-intl";
import type { AomComponent, RecordDetail } from "@/lib/schemas/records";
import { cn } from "@/lib/utils";
import { ScrollBox } from "@/components/ui/scroll-box";
import { Time } from "@/components/ui/time";
import { place, SLOT } from "@/components/ui/place";

export interface ComponentRowData extends AomComponent {
  /** Only known from the StartResult (the cloud no longer reports it for this task). */
  fromStart: boolean;
}

/**
 * The record's AOM mapping: the task's current mapping from the record detail, merged with the mapping the
 * start call returned (when this browser started it). The current state wins where both know a component.
 */
export function mergeComponents(current: AomComponent[], fromStart: AomComponent[] | undefined): ComponentRowData[] {
  const rows = new Map<string, ComponentRowData>();
  const id = (appId: string, compId: string) => `${appId}/${compId}`;
  for (const c of fromStart ?? []) rows.set(id(c.appId, c.compId), { ...c, fromStart: true });
  for (const c of current) rows.set(id(c.appId, c.compId), { ...c, fromStart: false });
  return [...rows.values()];
}

const th = "px-4 py-2 text-left text-xs font-medium text-zinc-500 whitespace-nowrap";
const td = "px-4 py-2.5 align-top";

function NameAndId({ name, id }: { name: string; id: string }) {
  return (
    <>
      <div className="font-medium text-zinc-900">{name || "—"}</div>
      <div className="font-mono text-[11px] break-all text-zinc-500">{id}</div>
    </>
  );
}

/** Whose state the State column shows: what the record produced, or the task's state now (and why). */
function AsOfNote({ asOf, capturedAt }: { asOf: NonNullable<RecordDetail["componentsAsOf"]>; capturedAt: string | null }) {
  const t = useTranslations("components");
  const text =
    asOf === "finished"
      ? place(t("asOfFinished", { time: SLOT.a }), { [SLOT.a]: <Time value={capturedAt} /> })
      : asOf === "running"
        ? t("asOfRunning")
        : asOf === "later"
          ? t("asOfLater")
          : t("asOfCurrent");
  return (
    <p
      data-testid="components-as-of"
      data-as-of={asOf}
      className={cn("border-b border-zinc-100 px-4 py-2 text-xs", asOf === "finished" ? "text-zinc-600" : "bg-amber-50 text-amber-900")}
    >
      {text}
    </p>
  );
}

export function ComponentsTable({
  rows,
  asOf,
  capturedAt = null,
}: {
  rows: ComponentRowData[];
  asOf?: RecordDetail["componentsAsOf"];
  capturedAt?: string | null;
}) {
  const t = useTranslations("components");
  if (rows.length === 0) return <p className="px-4 py-6 text-center text-sm text-zinc-500">{t("empty")}</p>;
  return (
    <>
      {asOf && <AsOfNote asOf={asOf} capturedAt={capturedAt} />}
      <ScrollBox>
        <table data-testid="components-table" className="w-full text-sm">
          <caption className="sr-only">{t("caption")}</caption>
          <thead className="border-b border-zinc-200 bg-zinc-50/80">
            <tr>
              <th scope="col" className={th}>
                {t("application")}
              </th>
              <th scope="col" className={th}>
                {t("component")}
              </th>
              <th scope="col" className={th}>
                {t("region")}
              </th>
              <th scope="col" className={th}>
                {t("tenant")}
              </th>
              <th scope="col" className={th}>
                {asOf === "finished" ? t("stateAtFinish") : asOf ? t("stateNow") : t("state")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {rows.map((c) => (
              <tr key={`${c.appId}/${c.compId}`} data-testid="component-row" data-comp-id={c.compId}>
                <td className={td}>
                  <NameAndId name={c.appName} id={c.appId} />
                </td>
                <td className={td}>
                  <NameAndId name={c.compName} id={c.compId} />
                </td>
                <td className={cn(td, "whitespace-nowrap text-zinc-700")}>{c.region || "—"}</td>
                <td className={cn(td, "font-mono text-[11px] break-all text-zinc-600")}>{c.domainId || "—"}</td>
                <td className={td}>
                  <span
                    data-testid="component-state"
                    data-effective={c.effective}
                    className={cn(
                      "inline-flex rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset",
                      c.effective ? "bg-emerald-50 text-emerald-700 ring-emerald-600/20" : "bg-zinc-50 text-zinc-600 ring-zinc-500/20",
                    )}
                  >
                    {c.effective ? t("effective") : t("initialised")}
                  </span>
                  {c.fromStart && <div className="mt-1 text-[11px] text-zinc-500">{t("fromStart")}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </>
  );
}
