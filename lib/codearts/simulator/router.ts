/** The route table: method + path template → SDK operation name and handler. */
import { createToken, listProjects } from "./iam";
import { listAllApp, showAppDetail, showAppLog } from "./handlers-apps";
import { listHistory, showDeployStatus, showExecutionParams } from "./handlers-records";
import { listDeployTasks, showDeployTaskDetail, showTaskTrigger, startDeployTask, stopDeployTask } from "./handlers-tasks";
import type { Reply } from "./http";
import type { Ctx } from "./state";

export interface Route {
  method: string;
  /** Segments; ":name" captures a path parameter. */
  segments: string[];
  operation: string;
  /** false only for IAM token creation, which is how one gets authenticated. */
  authenticated: boolean;
  handler: (ctx: Ctx) => Reply;
}

function route(method: string, template: string, operation: string, handler: Route["handler"], authenticated = true): Route {
  return { method, segments: template.split("/").filter(Boolean), operation, authenticated, handler };
}

export const ROUTES: readonly Route[] = [
  route("POST", "/v3/auth/tokens", "KeystoneCreateUserTokenByPassword", createToken, false),
  route("GET", "/v3/projects", "KeystoneListProjects", listProjects),
  route("POST", "/v1/applications/list", "ListAllApp", listAllApp),
  route("GET", "/v1/applications/:app_id/info", "ShowAppDetailById", showAppDetail),
  route("GET", "/v1/applications/:app_id/records/:record_id/logs", "ShowAppLog", showAppLog),
  route("GET", "/v2/task/trigger/detail", "ShowTaskTrigger", showTaskTrigger),
  route("GET", "/v2/history/tasks/:task_id/params", "ShowExecutionParams", showExecutionParams),
  route("GET", "/v2/:project_id/tasks/list", "ListDeployTasks", listDeployTasks),
  route("GET", "/v2/:project_id/task/:id/history", "ListDeployTaskHistoryByDate", listHistory),
  route("GET", "/v2/tasks/:task_id", "ShowDeployTaskDetail", showDeployTaskDetail),
  route("POST", "/v2/tasks/:task_id/start", "StartDeployTask", startDeployTask),
  route("GET", "/v2/tasks/:task_id/state", "ShowDeployStatus", showDeployStatus),
  route("PUT", "/v2/tasks/:task_id/records/:record_id/stop", "StopDeployTask", stopDeployTask),
];

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The route for a method and raw pathname (a trailing slash is tolerated), with decoded path parameters. */
export function matchRoute(method: string, pathname: string): { route: Route; params: Record<string, string> } | null {
  const parts = pathname.split("/").filter((p, i, all) => p !== "" || (i > 0 && i < all.length - 1));
  for (const candidate of ROUTES) {
    if (candidate.method !== method.toUpperCase() || candidate.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const matches = candidate.segments.every((seg, i) => {
      const part = parts[i] ?? "";
      if (seg.startsWith(":")) {
        params[seg.slice(1)] = decode(part);
        return part !== "";
      }
      return seg === part;
    });
    if (matches) return { route: candidate, params };
  }
  return null;
}
