/** The simulator's state and the per-request context handed to handlers. */
import type { IncomingHttpHeaders } from "node:http";
import { CallLog } from "./calls";
import { DEMO_AK, DEMO_SK } from "../demo";
import { FaultSet } from "./faults";
import { SimStore } from "./store";
import { TokenStore } from "./tokens";

export interface SimulatorOptions {
  /** TCP port; 0 picks a free one (default 9100). */
  port?: number;
  /** Interface to bind (default 127.0.0.1). */
  host?: string;
  /** Duration of each deployment step in ms (default 1500). */
  stepMs?: number;
  /** Enables the /__sim admin and fault API when set. */
  adminToken?: string;
  /** The simulator's clock (default Date.now); drives auth skew, tokens, seed times and the state machine. */
  now?: () => number;
  /** IAM token lifetime in ms (default 24 h). */
  tokenTtlMs?: number;
  /** Number of apps; above the hand-made seed, generated apps are added (for benchmarks). */
  appCount?: number;
  /** AK → SK pairs accepted besides the demo pair (e.g. a test's canary credentials). */
  extraCredentials?: Record<string, string>;
}

export const DEFAULT_PORT = 9100;
export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_STEP_MS = 1500;
export const DEFAULT_TOKEN_TTL_MS = 24 * 3_600_000;

export class SimState {
  /** Step duration of records started from now on (admin API POST /__sim/steps changes it until reset). */
  stepMs: number;
  private readonly initialStepMs: number;
  readonly tokenTtlMs: number;
  readonly appCount: number | undefined;
  readonly adminToken: string | undefined;
  private readonly baseNow: () => number;
  /** Added to the base clock (admin API POST /__sim/clock): real token expiry and real clock skew in tests. */
  clockOffsetMs = 0;
  /** The simulator's clock: auth skew, tokens, seed times and the state machine all read it. */
  readonly now = (): number => this.baseNow() + this.clockOffsetMs;
  /** Every AK the gateway knows, with its SK. */
  readonly secrets: ReadonlyMap<string, string>;
  store: SimStore;
  readonly tokens = new TokenStore();
  readonly calls = new CallLog();
  readonly faults = new FaultSet();
  /** Public base URL once listening (used in the IAM catalog). */
  baseUrl = "";

  constructor(options: SimulatorOptions) {
    this.stepMs = options.stepMs ?? DEFAULT_STEP_MS;
    this.initialStepMs = this.stepMs;
    this.tokenTtlMs = options.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS;
    this.appCount = options.appCount;
    this.adminToken = options.adminToken || undefined;
    this.baseNow = options.now ?? Date.now;
    this.secrets = new Map([[DEMO_AK, DEMO_SK], ...Object.entries(options.extraCredentials ?? {})]);
    this.store = new SimStore(this.now(), this.appCount);
  }

  /** Restore the clock, the step duration and the seed (times relative to now), clear calls and faults; issued tokens stay valid. */
  reset(): void {
    this.clockOffsetMs = 0;
    this.stepMs = this.initialStepMs;
    this.store = new SimStore(this.now(), this.appCount, this.store.idRegistry);
    this.calls.clear();
    this.faults.clear();
  }
}

export interface Identity {
  method: "token" | "aksk";
  /** IAM user name the call acts as (the demo user). */
  userName: string;
}

export interface Ctx {
  sim: SimState;
  method: string;
  /** Raw request target (path and query) as received. */
  url: string;
  pathname: string;
  query: URLSearchParams;
  /** Decoded path parameters of the matched route. */
  params: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: Buffer;
  nowMs: number;
  requestId: string;
  identity: Identity | null;
}
