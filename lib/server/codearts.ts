import "server-only";
import { type ClientEvent, CodeArtsClient } from "../codearts/client";
import type { CodeArtsConfig } from "../codearts/config";
import { type CodeArtsDeploy, codeartsDeploy } from "../codearts/deploy";
import { env } from "./env";
import { log } from "./log";
import { observeClientEvent } from "./metrics";

/**
 * The client's events as metrics and structured log lines. The event types carry only names, statuses, error codes and
 * request ids (lib/codearts/client.ts), and only those fields are copied here: never a header or a body.
 */
function logClientEvent(event: ClientEvent): void {
  observeClientEvent(event);
  if (event.kind === "call") {
    const { operation, status, errorCode, durationMs } = event;
    log.debug("codearts.call", { operation, status, errorCode, ms: Math.round(durationMs) });
  } else if (event.kind === "retry") {
    const { operation, attempt, delayMs, failure, status, errorCode, requestId } = event;
    log.warn("codearts.retry", { operation, attempt, delayMs, failure, status, errorCode, upstreamRequestId: requestId });
  } else {
    log.info("codearts.token_renewed", { reason: event.reason });
  }
}

/** The client exactly as the server builds it: its events go to the server log. */
export const consoleDeploy = (config: CodeArtsConfig) => codeartsDeploy(new CodeArtsClient(config, { onEvent: logClientEvent }));

let instance: CodeArtsDeploy | undefined;

/** The process-wide CodeArts Deploy access (one token cache, one project-id lookup). */
export function codearts(): CodeArtsDeploy {
  instance ??= consoleDeploy(env());
  return instance;
}
