import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { Me } from "./access";
import { consoleApi, type AnswerOf, type ApiRoute, type JsonRoute, type RequestOf } from "./api";
import type { z } from "zod";
import type { StartResult, startDeployBodySchema } from "./deploy";
import type { AdminUser } from "./admin";

const API_DIR = path.join(process.cwd(), "app", "api");

/** Every route file under app/api with the methods it serves through the route wrapper, as "METHOD /path" keys. */
function servedRoutes(): Map<string, string> {
  const served = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const source = readFileSync(full, "utf8");
        const template = `/${path.relative(path.join(process.cwd(), "app"), dir)}`.replace(/\[(\w+)\]/g, ":$1");
        for (const m of source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE) = route\(\s*(\{\s*\.\.\.)?consoleApi\["([^"]+)"\]/g)) {
          served.set(`${m[1]} ${template}`, m[3] ?? "");
        }
        // A route wrapper call that does not take its contract from the table is a route without one.
        const bare = [...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE) = route\(/g)].length;
        const bound = [...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE) = route\(\s*(\{\s*\.\.\.)?consoleApi\[/g)].length;
        expect(bound, `${full}: every route() takes its contract from consoleApi`).toBe(bare);
      }
    }
  };
  walk(API_DIR);
  return served;
}

describe("the console API contract table", () => {
  it("has one entry per route the wrapper serves, each served by the file its path names, under its own key", () => {
    const served = servedRoutes();
    // Each file serves the entry of its own path and method (not a neighbour's).
    for (const [at, key] of served) expect(key, `${at} serves consoleApi["${key}"]`).toBe(at);
    expect([...served.keys()].sort()).toEqual(Object.keys(consoleApi).sort());
  });

  it("fills path parameters encoded, and types each call from its entry", async () => {
    const { apiPath } = await import("@/lib/queries/api");
    expect(apiPath("GET /api/tasks/:taskId/records/:recordId/logs", { params: { taskId: "a/b", recordId: "r 1" }, query: { offset: "12" } })).toBe(
      "/api/tasks/a%2Fb/records/r%201/logs?offset=12",
    );
    expect(apiPath("GET /api/audit/export.csv", { query: { app: "", user: "ann@example.com" } })).toBe("/api/audit/export.csv?user=ann%40example.com");

    expectTypeOf<AnswerOf<"GET /api/me">>().toEqualTypeOf<Me>();
    expectTypeOf<AnswerOf<"POST /api/tasks/:taskId/start">>().toEqualTypeOf<StartResult>();
    expectTypeOf<AnswerOf<"GET /api/admin/users">>().toEqualTypeOf<AdminUser[]>();
    expectTypeOf<AnswerOf<"DELETE /api/admin/users/:id">>().toEqualTypeOf<null>();
    expectTypeOf<RequestOf<"POST /api/tasks/:taskId/start">>().toEqualTypeOf<
      { params: { taskId: string } } & { body: z.input<typeof startDeployBodySchema> }
    >();
    expectTypeOf<"GET /api/audit/export.csv">().not.toExtend<JsonRoute>();
    expectTypeOf<"GET /api/me">().toExtend<ApiRoute>();
  });
});
