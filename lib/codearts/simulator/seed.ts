/**
 * Deterministic seed: the same ids and names on every start; times are relative to the start-up instant.
 * One CodeArts project, ≥ 12 hand-made apps (each with exactly one task) plus generated ones for benchmarks.
 */
import { DEMO_APPS, DEMO_CODEARTS_PROJECT_ID, DEMO_CODEARTS_PROJECT_NAME, seedAppRef } from "../demo";
import { stableFraction, stableId, stableInt } from "./ids";
import type { ComponentDef, SimApp, SimRecord, SimUser } from "./model";
import { buildSteps, historicValue, paramDef, referencedParams, type TemplateKind } from "./templates";
import { DAY_MS } from "./time";

const SEED_USERS = {
  zhangWei: user("zhang.wei", "张伟"),
  liNa: user("li.na", "李娜"),
  chenJie: user("chen.jie", "Chen Jie"),
  pipeline: user("pipeline-bot", "流水线"),
} as const;

function user(name: string, nickname: string): SimUser {
  return { id: stableId(`user:${name}`), name, nickname };
}

interface AppSpec {
  slug: string;
  name: string;
  description: string;
  kind: TemplateKind;
  records: number;
  components: string[];
  omitSteps?: string[];
  isCare?: boolean;
  isDisable?: boolean;
  draft?: boolean;
  pipelineOnly?: boolean;
  failing?: boolean;
}

const HAND_MADE = {
  orders: {
    ...DEMO_APPS.orders,
    description: "下单与订单状态流转",
    kind: "vm",
    records: 36,
    components: ["order-api", "order-worker"],
  },
  favourite: {
    ...DEMO_APPS.favourite,
    description: "Payment gateway facing the PSPs",
    kind: "docker",
    records: 28,
    components: ["payment-gateway"],
    isCare: true,
  },
  inventory: {
    ...DEMO_APPS.inventory,
    description: "Nightly and real-time stock synchronisation",
    kind: "k8s",
    records: 22,
    components: ["inventory-sync", "inventory-cron"],
  },
  userCenter: {
    slug: "user-center",
    name: "user-center",
    description: "Accounts, login and profiles",
    kind: "vm",
    records: 18,
    components: ["user-center"],
    omitSteps: ["Health Test via URLs"],
  },
  search: {
    slug: "search-indexer",
    name: "search-indexer",
    description: "Product search indexing",
    kind: "docker",
    records: 14,
    components: ["search-indexer"],
  },
  notify: {
    slug: "notification",
    name: "消息通知",
    description: "短信、邮件与站内信",
    kind: "docker",
    records: 12,
    components: ["notify-sms", "notify-mail", "notify-inbox"],
  },
  edge: { slug: "api-edge", name: "api-gateway-edge", description: "Edge API gateway", kind: "k8s", records: 25, components: ["api-edge"] },
  failing: {
    ...DEMO_APPS.failing,
    description: "Exports daily reports (health check currently broken)",
    kind: "vm",
    records: 16,
    components: ["report-export"],
    failing: true,
  },
  disabled: {
    slug: "legacy-billing",
    name: "legacy-billing",
    description: "Old billing system, frozen",
    kind: "vm",
    records: 10,
    components: ["legacy-billing"],
    isDisable: true,
  },
  draft: {
    ...DEMO_APPS.draft,
    description: "Draft: not configured yet",
    kind: "docker",
    records: 0,
    components: ["promo-campaign"],
    draft: true,
  },
  pipelineOnly: {
    ...DEMO_APPS.pipelineOnly,
    description: "Backend for the mobile app; released by the pipeline only",
    kind: "docker",
    records: 30,
    components: ["mobile-bff", "mobile-push"],
    pipelineOnly: true,
  },
  recommend: { slug: "recommend-engine", name: "推荐引擎", description: "Recommendations", kind: "k8s", records: 20, components: ["recommend-api"] },
  cms: {
    slug: "cms-admin",
    name: "cms-admin",
    description: "Content management back office",
    kind: "vm",
    records: 11,
    components: ["cms-admin"],
    omitSteps: ["Stop Service"],
  },
  warehouse: {
    ...DEMO_APPS.warehouse,
    description: "Warehouse management",
    kind: "k8s",
    records: 40,
    components: ["wms-api", "wms-worker", "wms-scheduler"],
  },
} satisfies Record<string, AppSpec>;

export type SeedRole = keyof typeof HAND_MADE;

export interface SeedIds {
  appId: string;
  taskId: string;
  name: string;
}

const appIdOf = (slug: string) => seedAppRef({ slug, name: "" }).appId;
const taskIdOf = (slug: string) => seedAppRef({ slug, name: "" }).taskId;

/** Well-known seed ids by role, for tests and docs. */
export const SEED = {
  projectId: DEMO_CODEARTS_PROJECT_ID,
  projectName: DEMO_CODEARTS_PROJECT_NAME,
  apps: Object.fromEntries(Object.entries(HAND_MADE).map(([role, s]) => [role, { appId: appIdOf(s.slug), taskId: taskIdOf(s.slug), name: s.name }])) as Record<
    SeedRole,
    SeedIds
  >,
  handMadeAppCount: Object.keys(HAND_MADE).length,
};

/** How long the seed's history reaches back (within the 92-day retention). */
const HISTORY_SPAN_MS = 90 * DAY_MS;

function generatedSpec(n: number): AppSpec {
  const kinds: TemplateKind[] = ["vm", "docker", "k8s"];
  const slug = `bench-app-${String(n).padStart(5, "0")}`;
  return {
    slug,
    name: slug,
    description: "Generated for benchmarks",
    kind: kinds[n % 3] ?? "vm",
    records: 10 + (n % 11),
    components: [`${slug}-svc`],
  };
}

function components(spec: AppSpec): ComponentDef[] {
  const aomApp = `retail${spec.slug.replace(/[^a-z0-9]/g, "")}`;
  return spec.components.map((compName) => ({
    appId: stableId(`aom-app:${spec.slug}`),
    appName: aomApp,
    compId: stableId(`aom-comp:${spec.slug}:${compName}`),
    compName,
  }));
}

function buildApp(spec: AppSpec, ordinal: number, nowMs: number): { app: SimApp; records: SimRecord[] } {
  const steps = buildSteps(spec.kind, spec.slug, ordinal, spec.omitSteps);
  const enabledCount = steps.filter((s) => s.enable).length;
  const createdMs = nowMs - (120 + stableInt(`created:${spec.slug}`, 0, 200)) * DAY_MS;
  const owner = ordinal % 2 === 0 ? SEED_USERS.zhangWei : SEED_USERS.liNa;
  const appId = appIdOf(spec.slug);
  const taskId = taskIdOf(spec.slug);
  const params = referencedParams(steps).map((name) => paramDef(name, spec.slug));
  const app: SimApp = {
    id: appId,
    name: spec.name,
    description: spec.description,
    isCare: spec.isCare ?? false,
    isDisable: spec.isDisable ?? false,
    deploySystem: "deployTemplate",
    creator: owner,
    createdMs,
    updatedMs: createdMs + stableInt(`updated:${spec.slug}`, 1, 100) * DAY_MS,
    task: {
      id: taskId,
      appId,
      name: spec.name,
      state: spec.draft ? "Draft" : "Available",
      description: spec.description,
      steps,
      params,
      components: components(spec),
      triggerSource: spec.pipelineOnly ? 1 : 0,
      artifactType: spec.kind === "vm" ? "generic" : "docker",
      failAtStep: spec.failing ? enabledCount - 1 : undefined,
      owner,
      templateId: stableId(`template:${spec.kind}`),
      createdMs,
      updatedMs: createdMs + DAY_MS,
    },
  };

  const records: SimRecord[] = [];
  const operators = spec.pipelineOnly ? [SEED_USERS.pipeline] : [SEED_USERS.zhangWei, SEED_USERS.liNa, SEED_USERS.chenJie, SEED_USERS.pipeline];
  const baseRelease = 100 + stableInt(`release:${spec.slug}`, 0, 900);
  const slot = HISTORY_SPAN_MS / Math.max(1, spec.records);
  for (let i = 0; i < spec.records; i++) {
    const label = `${spec.slug}:${i}`;
    const startMs = Math.floor(nowMs - HISTORY_SPAN_MS + slot * (i + 0.1 + 0.7 * stableFraction(`t:${label}`)));
    const roll = stableFraction(`outcome:${label}`);
    const failAtStep = spec.failing
      ? i >= spec.records - 5
        ? enabledCount - 1
        : undefined
      : roll < 0.18
        ? stableInt(`failstep:${label}`, 0, enabledCount - 1)
        : undefined;
    const stepMs = stableInt(`stepms:${label}`, 6, 40) * 1000;
    const aborted = failAtStep === undefined && roll > 0.96;
    // Every ninth record is a rollback that redeployed the parameters of the record two before it.
    const rollbackSource = i % 9 === 8 ? records[i - 2] : undefined;
    const id = stableId(`record:${label}`);
    records.push({
      id,
      taskId,
      appId,
      releaseId: baseRelease + i,
      startMs,
      stepMs,
      failAtStep,
      stoppedAtMs: aborted ? startMs + Math.floor(stepMs * 1.5) : undefined,
      stoppedBy: aborted ? SEED_USERS.chenJie : undefined,
      operator: operators[stableInt(`op:${label}`, 0, operators.length - 1)] ?? SEED_USERS.zhangWei,
      params: rollbackSource
        ? rollbackSource.params.map((p) => ({ ...p }))
        : params.map((def) => ({ name: def.name, type: def.type, value: historicValue(def, spec.slug, i) })),
      jobName: `job_${id}_${startMs}`,
      type: rollbackSource ? "rollback" : "deploy",
      rollbackOf: rollbackSource?.id,
      rollbackOfRelease: rollbackSource?.releaseId,
    });
  }
  return { app, records };
}

/** Build the seed: the hand-made apps, then generated ones up to `appCount` (never fewer than the hand-made). */
export function buildSeed(nowMs: number, appCount?: number): { apps: SimApp[]; records: SimRecord[] } {
  const specs: AppSpec[] = Object.values(HAND_MADE);
  for (let n = specs.length + 1; n <= (appCount ?? 0); n++) specs.push(generatedSpec(n));
  const apps: SimApp[] = [];
  const records: SimRecord[] = [];
  specs.forEach((spec, ordinal) => {
    const built = buildApp(spec, ordinal, nowMs);
    apps.push(built.app);
    records.push(...built.records);
  });
  return { apps, records };
}
