/**
 * A request's route as its template (`/api/tasks/[taskId]/records/[recordId]`): the path with each segment that
 * is a path parameter's value replaced by the parameter's name, a catch-all's segments by `[...name]`. The metrics'
 * and the request log's route label: bounded by the route files, never a raw id or other user input.
 */
export function routeTemplate(pathname: string, params: Record<string, string | string[]> | undefined): string {
  const segments = pathname.split("/");
  const out: string[] = [];
  const single = new Map<string, string>();
  let catchAll: { name: string; length: number } | null = null;
  for (const [name, value] of Object.entries(params ?? {})) {
    if (Array.isArray(value)) catchAll = { name, length: value.length };
    else single.set(value, name);
  }
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] ?? "";
    if (catchAll && i === segments.length - catchAll.length) {
      out.push(`[...${catchAll.name}]`);
      break;
    }
    let decoded = segment;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      /* kept as sent */
    }
    const name = single.get(decoded);
    out.push(name === undefined ? segment : `[${name}]`);
  }
  return out.join("/") || "/";
}
