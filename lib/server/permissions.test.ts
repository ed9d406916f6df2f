import { describe, expect, it } from "vitest";
import type { Role } from "../schemas/access";
import { type Principal, type PrincipalGrant, appAccess, denyMessage, isAdmin, mayOnTask, roleOnTask, toMe, visibleTasks } from "./permissions";

const A = "a".repeat(32);
const B = "b".repeat(32);
const grant = (role: Role, taskId: string | null, teamId = "t1"): PrincipalGrant => ({
  teamId,
  teamName: teamId,
  appId: taskId ? `app-${taskId.slice(0, 4)}` : "*",
  taskId,
  appName: taskId ? `name-${taskId.slice(0, 4)}` : null,
  role,
});
const user = (role: Role | null, grants: PrincipalGrant[]): Principal => ({ id: "u", email: "u@x.io", name: "U", role, provider: "credentials", grants });

describe("permission resolution", () => {
  it.each<[string, Principal, string, Role | null]>([
    ["nothing", user(null, []), A, null],
    ["global viewer", user("viewer", []), A, "viewer"],
    ["global admin", user("admin", []), B, "admin"],
    ["team viewer on *", user(null, [grant("viewer", null)]), B, "viewer"],
    ["team deployer on A only, asked for A", user(null, [grant("deployer", A)]), A, "deployer"],
    ["team deployer on A only, asked for B", user(null, [grant("deployer", A)]), B, null],
    ["union: viewer on * and deployer on A", user(null, [grant("viewer", null), grant("deployer", A, "t2")]), A, "deployer"],
    ["union: global deployer beats a team viewer grant", user("deployer", [grant("viewer", A)]), A, "deployer"],
    ["union: two teams, the higher wins", user(null, [grant("viewer", A), grant("admin", A, "t2")]), A, "admin"],
  ])("%s", (_, p, taskId, role) => {
    expect(roleOnTask(p, taskId)).toBe(role);
  });

  it("needs viewer to see and deployer to deploy", () => {
    const p = user(null, [grant("viewer", null), grant("deployer", A, "t2")]);
    expect(mayOnTask(p, B, "view")).toBe(true);
    expect(mayOnTask(p, B, "deploy")).toBe(false);
    expect(mayOnTask(p, A, "deploy")).toBe(true);
  });

  it("makes admins of the global admin role and of admin grants on all apps only", () => {
    expect(isAdmin(user("admin", []))).toBe(true);
    expect(isAdmin(user(null, [grant("admin", null)]))).toBe(true);
    expect(isAdmin(user(null, [grant("admin", A)]))).toBe(false);
    expect(isAdmin(user("deployer", []))).toBe(false);
  });

  it("limits the visible tasks to the grants without a role on all apps", () => {
    expect(visibleTasks(user("viewer", []))).toBe("all");
    expect(visibleTasks(user(null, [grant("deployer", A), grant("viewer", B, "t2")]))).toEqual(new Set([A, B]));
    expect(visibleTasks(user(null, []))).toEqual(new Set());
  });

  it("describes the access on an app for the UI", () => {
    const viewer = user(null, [grant("viewer", null)]);
    expect(appAccess(viewer, A, { protected: true, grantors: ["root@x.io"] })).toEqual({
      role: "viewer",
      canDeploy: false,
      denyReason: "needs_deployer",
      grantors: ["root@x.io"],
      protected: true,
    });
    expect(appAccess(user(null, [grant("deployer", A)]), A, { protected: false, grantors: ["root@x.io"] })).toMatchObject({
      canDeploy: true,
      denyReason: null,
      grantors: [],
    });
    expect(appAccess(user(null, []), B, { protected: false, grantors: [] }).denyReason).toBe("needs_viewer");
  });

  it("says what is missing, on what, and who can grant it", () => {
    expect(denyMessage("deploy", "订单服务", ["admin@demo.local"])).toBe(
      "You need the deployer role on 订单服务 (or all apps) to start, roll back or stop its deployments. An administrator (admin@demo.local) can grant it.",
    );
    expect(denyMessage("admin", null, [])).toBe(
      "You need the admin role on all apps to manage users, teams, grants and protected apps. An administrator can grant it.",
    );
  });

  it("answers /api/me with the global role as a grant on all apps", () => {
    const me = toMe(user("viewer", [grant("deployer", A)]));
    expect(me.user).toEqual({ id: "u", email: "u@x.io", name: "U", isAdmin: false, provider: "credentials" });
    expect(me.grants).toEqual([
      { teamId: null, teamName: null, appId: "*", appName: null, role: "viewer" },
      { teamId: "t1", teamName: "t1", appId: "app-aaaa", appName: "name-aaaa", role: "deployer" },
    ]);
  });
});
