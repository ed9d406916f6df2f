/**
 * What the CodeArts client needs to reach the cloud. Its caller (lib/server/env-schema.ts, the tests, the
 * benchmarks) builds it; nothing in lib/codearts reads the environment.
 */
import type { RetryPolicy } from "./retry";

export type Credentials =
  { kind: "aksk"; ak: string; sk: string; securityToken?: string } | { kind: "token"; domainName: string; userName: string; password: string };

export interface CodeArtsConfig {
  /** CodeArts Deploy endpoint, e.g. https://codearts-deploy.cn-north-4.myhuaweicloud.com */
  endpoint: string;
  iamEndpoint: string;
  region: string;
  /** CodeArts project id (paths and bodies of Deploy APIs). */
  codeartsProjectId: string;
  /** IAM project id (X-Project-Id / token scope); discovered through IAM when absent. */
  iamProjectId?: string;
  credentials: Credentials;
  timeoutMs: number;
  /** Offset of the zone-less upstream time strings, in minutes east of UTC. */
  upstreamUtcOffsetMinutes: number;
  retry?: Partial<RetryPolicy>;
}
