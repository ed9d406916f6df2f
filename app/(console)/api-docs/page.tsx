import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeading } from "@/components/layout/page-heading";
import { openApiDocument } from "@/lib/server/openapi";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("apiDocs");
  return { title: t("title") };
}

interface Operation {
  summary: string;
  tags: string[];
  parameters?: { in: string; name: string; required?: boolean; description?: string; schema?: object }[];
  requestBody?: { content: Record<string, { schema: object }> };
  responses: Record<string, { description: string; content?: Record<string, { schema?: object }> }>;
}

const METHOD_STYLE: Record<string, string> = {
  get: "bg-sky-100 text-sky-900",
  post: "bg-emerald-100 text-emerald-900",
  put: "bg-amber-100 text-amber-900",
  patch: "bg-amber-100 text-amber-900",
  delete: "bg-rose-100 text-rose-900",
};

/** A schema in a line: its $ref's name, its type, or "object". */
function schemaName(s: object | undefined): string {
  if (!s) return "";
  const o = s as { $ref?: string; type?: string | string[]; items?: object };
  if (o.$ref) return o.$ref.split("/").pop() ?? "";
  if (o.type === "array") return `${schemaName(o.items)}[]`;
  return Array.isArray(o.type) ? o.type.join(" | ") : (o.type ?? "object");
}

function Json({ value }: { value: unknown }) {
  return <pre className="max-h-96 overflow-auto rounded bg-zinc-50 p-3 text-xs leading-5 text-zinc-800">{JSON.stringify(value, null, 2)}</pre>;
}

/** The console API reference: the OpenAPI document GET /api/openapi.json serves, rendered on the server (no script). */
export default async function ApiDocsPage() {
  const t = await getTranslations("apiDocs");
  const doc = openApiDocument() as unknown as { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, object> } };
  const ops = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));
  const tags = [...new Set(ops.map((o) => o.op.tags[0] ?? "api"))];
  return (
    <div className="space-y-6">
      <PageHeading title={t("title")} description={t("description")} />
      <p className="text-sm">
        <a className="font-medium text-sky-700 underline" href="/api/openapi.json" data-testid="openapi-link">
          {t("download")}
        </a>
        {" · "}
        <a className="font-medium text-sky-700 underline" href="/tokens" data-testid="api-docs-tokens">
          {t("tokens")}
        </a>
      </p>
      <nav aria-label={t("sections")} className="flex flex-wrap gap-2 text-sm">
        {tags.map((tag) => (
          <a key={tag} href={`#${tag}`} className="rounded border border-zinc-200 px-2 py-0.5 text-zinc-700 hover:bg-zinc-50">
            {tag}
          </a>
        ))}
      </nav>
      {tags.map((tag) => (
        <section key={tag} id={tag} aria-labelledby={`${tag}-heading`} className="space-y-3">
          <h2 id={`${tag}-heading`} className="text-lg font-semibold text-zinc-900">
            {tag}
          </h2>
          {ops
            .filter((o) => (o.op.tags[0] ?? "api") === tag)
            .map(({ path, method, op }) => (
              <details key={`${method} ${path}`} className="rounded border border-zinc-200 bg-white p-3" data-testid="api-operation">
                <summary className="flex cursor-pointer flex-wrap items-center gap-2">
                  <span className={`rounded px-1.5 py-0.5 font-mono text-xs font-semibold uppercase ${METHOD_STYLE[method] ?? ""}`}>{method}</span>
                  <code className="text-sm break-all">{path}</code>
                  <span className="text-xs text-zinc-500">{op.summary.replace(/^.*\(/, "(")}</span>
                </summary>
                <div className="mt-3 space-y-3 text-sm">
                  {op.parameters && op.parameters.length > 0 && (
                    <div className="overflow-x-auto">
                      <table className="w-full text-left text-xs">
                        <caption className="text-left font-medium text-zinc-700">{t("parameters")}</caption>
                        <thead>
                          <tr className="text-zinc-500">
                            <th className="py-1 pr-3">{t("name")}</th>
                            <th className="py-1 pr-3">{t("in")}</th>
                            <th className="py-1 pr-3">{t("type")}</th>
                            <th className="py-1">{t("required")}</th>
                          </tr>
                        </thead>
                        <tbody>
                          {op.parameters.map((p) => (
                            <tr key={`${p.in}:${p.name}`} className="border-t border-zinc-100">
                              <td className="py-1 pr-3 font-mono">{p.name}</td>
                              <td className="py-1 pr-3">{p.in}</td>
                              <td className="py-1 pr-3 font-mono">{schemaName(p.schema)}</td>
                              <td className="py-1">{p.required ? t("yes") : t("no")}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  )}
                  {op.requestBody && (
                    <div>
                      <h3 className="font-medium text-zinc-700">{t("body")}</h3>
                      <Json value={op.requestBody.content["application/json"]?.schema} />
                    </div>
                  )}
                  <div>
                    <h3 className="font-medium text-zinc-700">{t("responses")}</h3>
                    <ul className="space-y-1">
                      {Object.entries(op.responses).map(([status, r]) => (
                        <li key={status}>
                          <span className="font-mono font-semibold">{status}</span> {r.description}{" "}
                          <span className="font-mono text-xs text-zinc-500">{schemaName(r.content?.["application/json"]?.schema)}</span>
                        </li>
                      ))}
                    </ul>
                  </div>
                </div>
              </details>
            ))}
        </section>
      ))}
      <section aria-labelledby="schemas-heading" className="space-y-3">
        <h2 id="schemas-heading" className="text-lg font-semibold text-zinc-900">
          {t("schemas")}
        </h2>
        {Object.entries(doc.components.schemas).map(([name, schema]) => (
          <details key={name} id={`schema-${name}`} className="rounded border border-zinc-200 bg-white p-3">
            <summary className="cursor-pointer font-mono text-sm">{name}</summary>
            <Json value={schema} />
          </details>
        ))}
      </section>
    </div>
  );
}
