/** Every free-text field of a request refuses what no store can keep — the same answer on SQLite and PostgreSQL. */
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { newGrantBodySchema, newProtectedAppBodySchema, newTeamBodySchema, newUserBodySchema, teamChangesBodySchema, userChangesBodySchema } from "./admin";
import { appsQuerySchema } from "./apps";
import { UNSTORABLE_TEXT } from "./common";
import { auditExportQuerySchema, auditQuerySchema } from "./ledger";
import { isStorableText } from "./param-rules";

const ID = "0123456789abcdef0123456789abcdef";
const UUID = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
const user = { email: "ada@example.com", name: "Ada", password: "correct horse battery" };

const FIELDS: [string, z.ZodType, Record<string, unknown>, string][] = [
  ["new user", newUserBodySchema, user, "email"],
  ["new user", newUserBodySchema, user, "name"],
  ["new user", newUserBodySchema, user, "password"],
  ["user changes", userChangesBodySchema, { name: "Ada" }, "name"],
  ["new team", newTeamBodySchema, { name: "ops", oidcGroup: "ops-group" }, "name"],
  ["new team", newTeamBodySchema, { name: "ops", oidcGroup: "ops-group" }, "oidcGroup"],
  ["team changes", teamChangesBodySchema, { name: "ops" }, "name"],
  ["new grant", newGrantBodySchema, { teamId: UUID, appId: ID, taskId: ID, appName: "shop", role: "viewer" }, "appName"],
  ["protected app", newProtectedAppBodySchema, { appId: ID, taskId: ID, appName: "shop" }, "appName"],
  ["audit filter", auditQuerySchema, { app: "shop", user: "ada" }, "app"],
  ["audit filter", auditQuerySchema, { app: "shop", user: "ada" }, "user"],
  ["audit export", auditExportQuerySchema, { app: "shop", user: "ada" }, "user"],
  ["apps search", appsQuerySchema, { q: "shop" }, "q"],
];

describe("free text", () => {
  it.each(FIELDS)("%s: %s accepts ordinary text", (_, schema, valid) => {
    expect(schema.safeParse(valid).success).toBe(true);
  });

  it.each(
    FIELDS.flatMap(([what, schema, valid, field]) =>
      ["a\u0000b", "\u0000", "x\ud800", "\udfffy"].map((bad) => [what, field, JSON.stringify(bad), schema, valid, bad] as const),
    ),
  )("%s: %s refuses %s, naming the field", (_, field, __, schema, valid, bad) => {
    const r = schema.safeParse({ ...valid, [field]: `${String(valid[field]).slice(0, 3)}${bad}` });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toContainEqual([field, UNSTORABLE_TEXT]);
  });

  it("tells paired from unpaired surrogates", () => {
    expect([isStorableText("🚀"), isStorableText("\ud83d"), isStorableText("\ude80🚀"), isStorableText("a\u0001b")]).toEqual([true, false, false, true]);
  });
});
