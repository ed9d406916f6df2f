/**
 * How records and their AOM mapping are presented. Free of zod on purpose (only types come from ./records): the
 * pages import it, and a runtime import of a schema module would put zod in their first-load JS.
 */
import type { AomComponent } from "./records";

/** How a record is named to people: its release number, or the start of its id when it has none. */
export const releaseLabel = (r: { releaseId?: number | null; recordId: string }) => (r.releaseId != null ? `#${r.releaseId}` : r.recordId.slice(0, 8));

/** The cloud's `app_component_list` items (task detail and start answer alike) in the console's shape: the one reshape. */
export function aomComponentsOf(
  list:
    | readonly {
        app_id?: string | null;
        app_name?: string | null;
        comp_id?: string | null;
        comp_name?: string | null;
        region?: string | null;
        domain_id?: string | null;
        state?: string | null;
      }[]
    | null
    | undefined,
): AomComponent[] {
  return (list ?? []).map((c) => ({
    appId: c.app_id ?? "",
    appName: c.app_name ?? "",
    compId: c.comp_id ?? "",
    compName: c.comp_name ?? "",
    region: c.region ?? "",
    domainId: c.domain_id ?? "",
    effective: c.state === "1",
  }));
}
