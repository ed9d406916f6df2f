import "server-only";
import { CodeArtsClient } from "../codearts/client";
import { CodeArtsDeploy } from "../codearts/deploy";
import { env } from "./env";

let instance: CodeArtsDeploy | undefined;

/** The process-wide CodeArts Deploy access (one token cache, one project-id lookup). */
export function codearts(): CodeArtsDeploy {
  instance ??= new CodeArtsDeploy(new CodeArtsClient(env()));
  return instance;
}
