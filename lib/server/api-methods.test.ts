import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { API_ROUTES, allowedMethods, methodNotAllowed } from "./api-methods";

const API_DIR = join(process.cwd(), "app", "api");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? routeFiles(path) : name === "route.ts" ? [path] : [];
  });
}

/** `app/api/tasks/[taskId]/route.ts` → `/api/tasks/:taskId`. */
const patternOf = (file: string) =>
  `/api/${relative(API_DIR, file).split(sep).slice(0, -1).join("/")}`.replace(/\/$/, "").replace(/\[([A-Za-z]+)\]/g, ":$1");

const exported = (file: string) => {
  const text = readFileSync(file, "utf8");
  return METHODS.filter((m) => new RegExp(`export (const|async function|function) ${m}\\b`).test(text));
};

describe("the API method table", () => {
  const files = routeFiles(API_DIR).filter((f) => !f.includes("[...")); // catch-alls: the 404 and next-auth

  it("lists every route file with exactly the methods it exports", () => {
    const fromFiles = Object.fromEntries(files.map((f) => [patternOf(f), exported(f)]));
    const fromTable = Object.fromEntries(API_ROUTES.map((r) => [r.pattern, [...r.methods]]));
    expect(fromTable).toEqual(fromFiles);
  });

  it("matches concrete paths and leaves unknown ones and next-auth's to their routes", () => {
    const id = "0123456789abcdef0123456789abcdef";
    expect(allowedMethods(`/api/tasks/${id}/records/${id}/logs/download`)).toEqual(["GET"]);
    expect(allowedMethods("/api/audit/export.csv")).toEqual(["GET"]);
    expect(allowedMethods("/api/audit/exportXcsv")).toBeNull();
    expect(allowedMethods("/api/auth/session")).toBeNull();
    expect(allowedMethods("/api/no-such-route")).toBeNull();
    expect(methodNotAllowed("PUT", `/api/tasks/${id}/start`)).toEqual(["POST"]);
    expect(methodNotAllowed("POST", `/api/tasks/${id}/start`)).toBeNull();
    expect(methodNotAllowed("HEAD", "/api/apps")).toBeNull();
    expect(methodNotAllowed("OPTIONS", "/api/apps")).toBeNull();
    expect(methodNotAllowed("DELETE", "/api/apps")).toEqual(["GET"]);
  });
});
