/** The task picker: ListAllApp. The API has no name filter, so a search walks the pages and filters here. */
import type { AppsPage } from "../schemas/apps";
import type { CodeArtsClient } from "./client";
import { toAppSummary } from "./reshape";
import { listAllAppResponseSchema } from "./schemas";
import type { TaskLookup } from "./tasks";

/** ListAllApp's largest page, used when a search reads them all. */
const SEARCH_PAGE = 100;

export async function listApps(
  client: CodeArtsClient,
  tasks: TaskLookup,
  input: { q?: string; page: number; size: number; state?: string },
): Promise<AppsPage> {
  const tz = client.config.upstreamUtcOffsetMinutes;
  const states = input.state ? [input.state] : undefined;
  const fetchPage = async (page: number, size: number) => {
    const answer = await client.deploy({
      operation: "ListAllApp",
      method: "POST",
      path: "/v1/applications/list",
      body: { project_id: client.config.codeartsProjectId, page, size, sort_name: "name", sort_by: "ASC", ...(states ? { states } : {}) },
      schema: listAllAppResponseSchema,
      idempotent: true, // a read, although a POST
    });
    tasks.remember(answer.result);
    return answer;
  };
  const q = input.q?.trim().toLocaleLowerCase();
  if (!q) {
    const answer = await fetchPage(input.page, input.size);
    return { items: answer.result.map((a) => toAppSummary(a, tz)), total: answer.total_num, page: input.page, size: input.size };
  }
  // Name search: read every upstream page, filter, then cut our page.
  const first = await fetchPage(1, SEARCH_PAGE);
  const pages = Math.ceil(first.total_num / SEARCH_PAGE);
  const rest = await Promise.all(Array.from({ length: Math.max(0, pages - 1) }, (_, i) => fetchPage(i + 2, SEARCH_PAGE)));
  const all = [first, ...rest].flatMap((p) => p.result).filter((a) => a.name.toLocaleLowerCase().includes(q));
  const start = (input.page - 1) * input.size;
  return { items: all.slice(start, start + input.size).map((a) => toAppSummary(a, tz)), total: all.length, page: input.page, size: input.size };
}
