"use client";

import { Link } from "@/components/ui/link";
import { useTranslations } from "next-intl";
import { useId, useState, type ReactNode } from "react";
import type { LedgerEntry } from "@/lib/schemas/ledger";
import { releaseLabel } from "@/lib/schemas/record-views";
import { cn } from "@/lib/utils";
import { ChevronRightIcon } from "@/components/ui/icons";
import { LedgerCodes, PhaseBadge, recordHref } from "@/components/audit/ledger-labels";
import { Time } from "@/components/ui/time";
import { EntryLeadCells, HeaderCells } from "@/components/audit/ledger-table";
import { LedgerParams } from "@/components/audit/ledger-params";
import { ScrollBox } from "@/components/ui/scroll-box";

const th = "px-3 py-2.5 text-left text-xs font-medium tracking-wide whitespace-nowrap text-zinc-500 uppercase";
const td = "px-3 py-2.5 align-top";
const COLUMNS = 10;
const short = (id: string) => id.slice(0, 8);

/** A ledger row, or an attempt (its request as it ended, with its rows). */
type AuditItem = LedgerEntry & { rows?: LedgerEntry[] };

/**
 * The audit list, newest first: one row per attempt (with how it ended) or per ledger entry; each row expands to
 * what the row alone cannot show — for an attempt, its ledger rows too.
 */
export function AuditTable({ items, busy }: { items: AuditItem[]; busy: boolean }) {
  const t = useTranslations("audit");
  return (
    <ScrollBox>
      <table data-testid="audit-table" aria-busy={busy || undefined} className={cn("w-full text-sm transition-opacity", busy && "opacity-60")}>
        <caption className="sr-only">{t("caption")}</caption>
        <thead className="border-b border-zinc-200 bg-zinc-50/80">
          <tr>
            <th scope="col" className={cn(th, "w-8 pr-0")}>
              <span className="sr-only">{t("colDetails")}</span>
            </th>
            <HeaderCells
              className={th}
              columns={[t("colTime"), t("colActor"), t("colAction"), t("colOutcome"), t("colApp"), t("colRecord"), t("colReason"), t("colStatus"), t("colKey")]}
            />
          </tr>
        </thead>
        {items.map((entry) => (
          <AuditRow key={entry.id} entry={entry} />
        ))}
      </table>
    </ScrollBox>
  );
}

/** One entry: a <tbody> of its row and, when expanded, its detail row (so the pair stays together). */
function AuditRow({ entry }: { entry: AuditItem }) {
  const t = useTranslations("audit");
  const tl = useTranslations("ledger");
  const [open, setOpen] = useState(false);
  const detailId = useId();
  const record = recordHref(entry);
  const target = entry.targetRecordId && entry.taskId ? `/tasks/${entry.taskId}/records/${entry.targetRecordId}` : null;

  return (
    <tbody className="border-b border-zinc-100 last:border-b-0">
      <tr
        data-testid="audit-row"
        data-id={entry.id}
        data-phase={entry.phase}
        data-action={entry.action}
        className={cn("hover:bg-zinc-50/80", open && "bg-zinc-50/80")}
      >
        <td className={cn(td, "pr-0")}>
          <button
            type="button"
            data-testid="audit-row-toggle"
            aria-expanded={open}
            aria-controls={detailId}
            onClick={() => setOpen((o) => !o)}
            className="flex size-6 items-center justify-center rounded text-zinc-500 hover:bg-zinc-200 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-blue-600"
          >
            <ChevronRightIcon className={cn("size-4 transition-transform", open && "rotate-90")} />
            <span className="sr-only">{t("showDetails", { id: short(entry.id) })}</span>
          </button>
        </td>
        <EntryLeadCells entry={entry} td={td} />
        <td className={cn(td, "max-w-52")}>
          {entry.taskId ? (
            <Link
              href={`/tasks/${entry.taskId}`}
              className="block truncate font-medium text-zinc-900 hover:text-blue-700 hover:underline"
              title={entry.appName ?? entry.taskId}
            >
              {entry.appName ?? tl("unknownApp")}
            </Link>
          ) : (
            <span className="text-zinc-500">{entry.appName ?? tl("none")}</span>
          )}
          {entry.taskId && (
            <span className="block font-mono text-[11px] text-zinc-500" title={entry.taskId}>
              <span className="sr-only">{tl("taskId")}: </span>
              {short(entry.taskId)}
            </span>
          )}
        </td>
        <td className={cn(td, "whitespace-nowrap")}>
          {record && entry.recordId ? (
            <Link
              href={record}
              data-testid="audit-record-link"
              title={entry.recordId}
              aria-label={`${tl("record")} ${entry.recordId}`}
              className="font-mono text-xs font-medium text-blue-700 hover:underline"
            >
              {releaseLabel({ recordId: entry.recordId, releaseId: entry.releaseId })}
            </Link>
          ) : (
            <span className="text-zinc-400">{tl("none")}</span>
          )}
          {target && entry.targetRecordId && (
            <span className="block text-[11px] text-zinc-500">
              {tl("rollbackTo")}{" "}
              <Link href={target} className="font-mono hover:underline" title={entry.targetRecordId}>
                {releaseLabel({ recordId: entry.targetRecordId, releaseId: entry.targetReleaseId })}
              </Link>
            </span>
          )}
        </td>
        <td className={cn(td, "max-w-56 min-w-32 text-xs text-zinc-700")}>
          {entry.reason ? (
            <span className="line-clamp-2 break-words" title={entry.reason}>
              {entry.reason}
            </span>
          ) : (
            <span className="text-zinc-400">{tl("none")}</span>
          )}
        </td>
        <td className={td}>
          <LedgerCodes entry={entry} />
        </td>
        <td className={cn(td, "font-mono text-[11px] whitespace-nowrap text-zinc-600")}>
          {entry.idempotencyKey ? (
            <span className="block" title={entry.idempotencyKey}>
              <span className="sr-only">{tl("idempotencyKey")}: </span>
              {short(entry.idempotencyKey)}
            </span>
          ) : (
            <span className="block text-zinc-400">{tl("none")}</span>
          )}
          {entry.clientAddress && (
            <span className="block text-zinc-500">
              <span className="sr-only">{tl("clientAddress")}: </span>
              {entry.clientAddress}
            </span>
          )}
        </td>
      </tr>
      {open && (
        <tr id={detailId} data-testid="audit-row-detail" className="bg-zinc-50/80">
          <td colSpan={COLUMNS} className="px-3 pt-1 pb-4">
            <EntryDetail entry={entry} />
            {entry.rows && <AttemptRows rows={entry.rows} />}
          </td>
        </tr>
      )}
    </tbody>
  );
}

/** An attempt's ledger rows, oldest first: requested, then what answered it (in doubt, started …). */
function AttemptRows({ rows }: { rows: LedgerEntry[] }) {
  const t = useTranslations("audit");
  return (
    <div className="mt-3 rounded-md border border-zinc-200 bg-white p-3 text-xs">
      <h3 className="mb-1 font-semibold text-zinc-800">{t("attemptRows")}</h3>
      <ol className="divide-y divide-zinc-100" data-testid="audit-attempt-rows">
        {rows.map((row) => (
          <li key={row.id} data-phase={row.phase} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-1.5">
            <Time value={row.at} />
            <PhaseBadge entry={row} />
            <LedgerCodes entry={row} />
          </li>
        ))}
      </ol>
    </div>
  );
}

function Fact({ label, children, mono = true }: { label: string; children: ReactNode; mono?: boolean }) {
  return (
    <div className="grid grid-cols-[9rem_minmax(0,1fr)] gap-2 py-1">
      <dt className="text-zinc-500">{label}</dt>
      <dd className={cn("break-all text-zinc-800", mono && "font-mono")}>{children}</dd>
    </div>
  );
}

/** What the row hides: parameters (secrets as fingerprints), the full ids, the message, user agent, correlation. */
function EntryDetail({ entry }: { entry: LedgerEntry }) {
  const t = useTranslations("ledger");
  const ta = useTranslations("approvals");
  const none = t("none");
  return (
    <div className="grid gap-4 rounded-md border border-zinc-200 bg-white p-3 text-xs lg:grid-cols-2">
      <div className="min-w-0">
        <h3 className="mb-1 font-semibold text-zinc-800">{t("params")}</h3>
        <LedgerParams params={entry.params} />
        {entry.message && (
          <>
            <h3 className="mt-3 mb-1 font-semibold text-zinc-800">{t("message")}</h3>
            <p className="break-words whitespace-pre-wrap text-zinc-700" data-testid="audit-message">
              {entry.message}
            </p>
          </>
        )}
        {entry.reason && (
          <>
            <h3 className="mt-3 mb-1 font-semibold text-zinc-800">{t("reason")}</h3>
            <p className="break-words whitespace-pre-wrap text-zinc-700">{entry.reason}</p>
          </>
        )}
      </div>
      <dl className="min-w-0 divide-y divide-zinc-100">
        <Fact label={t("entryId")}>{entry.id}</Fact>
        <Fact label={t("correlation")}>{entry.correlation ?? none}</Fact>
        {entry.resolution && (
          <Fact label={t("resolutionLabel")} mono={false}>
            {t(`resolution.${entry.resolution}`)}
          </Fact>
        )}
        <Fact label={t("teams")} mono={false}>
          {entry.actor.teams.length > 0 ? entry.actor.teams.join(", ") : none}
        </Fact>
        <Fact label={t("actorId")}>{entry.actor.id ?? none}</Fact>
        <Fact label={t("appId")}>{entry.appId ?? none}</Fact>
        <Fact label={t("taskId")}>{entry.taskId ?? none}</Fact>
        <Fact label={t("record")}>{entry.recordId ?? none}</Fact>
        {entry.targetRecordId && <Fact label={t("rollbackTarget")}>{entry.targetRecordId}</Fact>}
        {entry.approvalId && (
          <Fact label={ta("ledgerApproval")}>
            <Link href={`/requests/${entry.approvalId}`} data-testid="audit-approval-link" className="text-blue-700 hover:underline">
              {entry.approvalId}
            </Link>
          </Fact>
        )}
        <Fact label={t("idempotencyKey")}>{entry.idempotencyKey ?? none}</Fact>
        <Fact label={t("requestId")}>{entry.requestId ?? none}</Fact>
        <Fact label={t("upstreamRequestId")}>{entry.upstreamRequestId ?? none}</Fact>
        <Fact label={t("clientAddress")}>{entry.clientAddress ?? none}</Fact>
        <Fact label={t("userAgent")}>
          <span data-testid="audit-user-agent">{entry.userAgent ?? none}</span>
        </Fact>
      </dl>
    </div>
  );
}
