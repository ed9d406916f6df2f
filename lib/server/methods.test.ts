import { describe, expect, it } from "vitest";
import { otherMethods } from "./methods";

const ok = () => new Response("ok");

describe("otherMethods", () => {
  it("answers every method the route does not serve with a JSON 405 naming the ones it does", async () => {
    const others = otherMethods({ GET: ok, POST: ok });
    expect(Object.keys(others).sort()).toEqual(["DELETE", "OPTIONS", "PATCH", "PUT"]);
    const r = others.PUT(new Request("http://x/api/admin/users", { method: "PUT" }));
    expect(r.status).toBe(405);
    expect(r.headers.get("allow")).toBe("GET, POST");
    expect(r.headers.get("cache-control")).toBe("no-store");
    expect(await r.json()).toEqual({ error: { code: "method_not_allowed", message: "PUT is not allowed here; this route answers GET, POST." } });
  });

  it("lists the served methods in a fixed order, whatever the object's", () => {
    const others = otherMethods({ DELETE: ok, PATCH: ok });
    expect(Object.keys(others).sort()).toEqual(["GET", "OPTIONS", "POST", "PUT"]);
    expect(others.GET(new Request("http://x/", { method: "GET" })).headers.get("allow")).toBe("PATCH, DELETE");
  });

  it("answers OPTIONS with the served methods only (HEAD with GET)", () => {
    const options = (h: Parameters<typeof otherMethods>[0]) => otherMethods(h).OPTIONS(new Request("http://x/", { method: "OPTIONS" }));
    expect(options({ GET: ok }).status).toBe(204);
    expect(options({ GET: ok }).headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    expect(options({ POST: ok }).headers.get("allow")).toBe("POST, OPTIONS");
    expect(options({ PATCH: ok, DELETE: ok }).headers.get("allow")).toBe("PATCH, DELETE, OPTIONS");
  });

  it("refuses a route that serves nothing", () => {
    expect(() => otherMethods({})).toThrow(/at least one method/);
  });
});
