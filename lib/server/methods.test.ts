import { describe, expect, it } from "vitest";
import { otherMethods } from "./methods";

const ok = () => new Response("ok");

describe("otherMethods", () => {
  it("answers every method the route does not serve with a JSON 405 naming the ones it does", async () => {
    const others = otherMethods({ GET: ok, POST: ok });
    expect(Object.keys(others).sort()).toEqual(["DELETE", "PATCH", "PUT"]);
    const r = others.PUT(new Request("http://x/api/admin/users", { method: "PUT" }));
    expect(r.status).toBe(405);
    expect(r.headers.get("allow")).toBe("GET, POST");
    expect(r.headers.get("cache-control")).toBe("no-store");
    expect(await r.json()).toEqual({ error: { code: "method_not_allowed", message: "PUT is not allowed here; this route answers GET, POST." } });
  });

  it("lists the served methods in a fixed order, whatever the object's", () => {
    const others = otherMethods({ DELETE: ok, PATCH: ok });
    expect(Object.keys(others).sort()).toEqual(["GET", "POST", "PUT"]);
    expect(others.GET(new Request("http://x/", { method: "GET" })).headers.get("allow")).toBe("PATCH, DELETE");
  });

  it("refuses a route that serves nothing", () => {
    expect(() => otherMethods({})).toThrow(/at least one method/);
  });
});
