/**
 * The methods a route file does not answer get a JSON 405 with `Allow` naming the ones it does, instead of Next.js's
 * empty 405; OPTIONS names them too (Next.js's own OPTIONS would list every exported method, these 405s included).
 * Every console route file ends with its complement:
 *
 *   export const GET = route(…);
 *   export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
 *
 * Destructuring a method the file answers is a type error; a method left out gets Next.js's empty 405, which the
 * end-to-end method sweep (e2e/api-input.spec.ts) catches. The route answers its own wrong methods, so an /api
 * request needs no pass through proxy.ts (Next.js's middleware costs about a third of a read's CPU). HEAD follows
 * GET (a 405 where GET is one).
 */
import { ApiError, toErrorResponse } from "./errors";

export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type Method = (typeof METHODS)[number];

type Answer = (req: Request) => Response;

export function otherMethods<H extends Partial<Record<Method, unknown>>>(answered: H): Record<Exclude<Method, keyof H> | "OPTIONS", Answer> {
  const allowed = METHODS.filter((m) => answered[m] !== undefined);
  if (allowed.length === 0) throw new Error("otherMethods(): a route answers at least one method");
  const allow = allowed.join(", ");
  const notAllowed: Answer = (req) => {
    const answer = toErrorResponse(new ApiError("method_not_allowed", `${req.method} is not allowed here; this route answers ${allow}.`));
    return Response.json(answer.body, { status: answer.status, headers: { allow, "cache-control": "no-store" } });
  };
  const options: Answer = () =>
    new Response(null, { status: 204, headers: { allow: [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ") } });
  const others = METHODS.filter((m) => !allowed.includes(m));
  return { ...Object.fromEntries(others.map((m) => [m, notAllowed])), OPTIONS: options } as Record<Exclude<Method, keyof H> | "OPTIONS", Answer>;
}
