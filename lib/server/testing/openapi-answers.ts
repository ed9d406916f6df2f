/**
 * Checks real answers against the OpenAPI document (the unit test and the end-to-end contract spec share it):
 * the operation is found by method and path, the answer's status must be one the operation lists, and a JSON
 * body must validate against that status's schema (JSON Schema 2020-12, as OpenAPI 3.1 says), $refs resolved in
 * the document's components.
 */
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";

interface Doc {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: object }> }> }>>;
  components?: object;
}

export interface Answer {
  method: string;
  /** The request path, without the query. */
  path: string;
  status: number;
  body: unknown;
}

export function answerChecker(doc: Doc) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const compiled = new Map<string, ValidateFunction>();
  const templates = Object.keys(doc.paths).map((t) => ({
    template: t,
    pattern: new RegExp(`^${t.replace(/[.]/g, "\\.").replace(/\{\w+\}/g, "[^/]+")}$`),
  }));

  /** Problems with one answer (empty when it matches the document). */
  return function check(a: Answer): string[] {
    const hit = templates.find((t) => t.pattern.test(a.path));
    if (!hit) return [`${a.method} ${a.path}: no path of the document matches`];
    const op = doc.paths[hit.template]?.[a.method.toLowerCase()];
    if (!op) return [`${a.method} ${hit.template}: the document has no such operation`];
    const response = op.responses[String(a.status)];
    if (!response) return [`${a.method} ${hit.template}: status ${a.status} is not among ${Object.keys(op.responses).join(", ")}`];
    const schema = response.content?.["application/json"]?.schema;
    if (!schema) return [];
    const id = `${a.method} ${hit.template} ${a.status}`;
    let validate = compiled.get(id);
    if (!validate) {
      validate = ajv.compile({ ...schema, components: doc.components });
      compiled.set(id, validate);
    }
    if (validate(a.body)) return [];
    return (validate.errors ?? []).map((e) => `${id}: ${e.instancePath || "(body)"} ${e.message ?? "is invalid"} ${JSON.stringify(e.params)}`);
  };
}
