import "server-only";
/** The signed-in user as the approval entry points see them: ledger identity, client, and their rights per task. */
import type { NextRequest } from "next/server";
import { grantors } from "../auth/grantors";
import { db } from "../db";
import { knownAppName } from "../db/grants";
import { findProtectedApp } from "../db/protected-apps";
import { ApiError } from "../errors";
import { denyMessage, mayOnTask, type Principal } from "../permissions";
import type { Caller } from "./approvals";
import { actorOf, clientOf } from "./requester";

export function callerOf(req: NextRequest, requestId: string, user: Principal): Caller {
  return {
    actor: { ...actorOf(user), id: user.id },
    client: clientOf(req.headers, requestId),
    may: (taskId, permission) => mayOnTask(user, taskId, permission),
    forbidden: async (taskId, permission) => {
      const [name, who] = await Promise.all([knownAppName(db(), taskId), grantors()]);
      return new ApiError("forbidden", denyMessage(permission, name ?? `the app of task ${taskId}`, who));
    },
  };
}

/** The app's protection (a protected app's execution still needs its typed name), as the start route reads it. */
export const protectionOf = async (taskId: string) => (await findProtectedApp(db(), taskId)) ?? null;
