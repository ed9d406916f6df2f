/**
 * Step templates and the runtime-parameter catalogue of the seed. Step params reference runtime parameters as
 * `${name}`, as CodeArts tasks do; `{slug}` is replaced by the app's slug when the seed is built.
 */
import type { ParamDef, StepDef } from "./model";
import { stableFraction, stableId } from "./ids";

export type TemplateKind = "vm" | "docker" | "k8s";

const FAQ = "https://support.huaweicloud.com/deployman_faq";
const REGISTRY = "swr.cn-north-4.myhuaweicloud.com";

type StepTemplate = Omit<StepDef, "key" | "id">;

const healthTest: StepTemplate = {
  name: "Health Test via URLs",
  enable: true,
  params: { url: "http://127.0.0.1:${service_port}/actuator/health", retries: "3", interval: "5" },
  logLines: ["GET http://127.0.0.1:${service_port}/actuator/health (3 retries, 5 s apart)", "Waiting for {slug} to report healthy"],
  error: "GET http://127.0.0.1:${service_port}/actuator/health returned HTTP 503 after 3 attempts",
  faqUrl: `${FAQ}/deployman_faq_0016.html`,
};

const TEMPLATES: Record<TemplateKind, StepTemplate[]> = {
  vm: [
    {
      name: "Select Deployment Source",
      enable: true,
      params: { host_group: "${host_group}", source: "Artifact", path: "/{slug}/${image_tag}/{slug}.tar.gz" },
      logLines: [
        "Resolving environment ${host_group}: 2 hosts (192.168.0.11, 192.168.0.12)",
        "Downloading /{slug}/${image_tag}/{slug}.tar.gz from CodeArts Artifact",
        "Extracted package to /opt/{slug}",
      ],
      error: "Artifact /{slug}/${image_tag}/{slug}.tar.gz not found in the release repository",
      faqUrl: `${FAQ}/deployman_faq_0004.html`,
    },
    {
      name: "Stop Service",
      enable: true,
      params: { host_group: "${host_group}", command: "systemctl stop {slug}" },
      logLines: ["Executing on 2 hosts: systemctl stop {slug}", "{slug} stopped on 192.168.0.11 and 192.168.0.12"],
      error: "Command exited with code 5 on 192.168.0.12: Unit {slug}.service not loaded",
      faqUrl: `${FAQ}/deployman_faq_0009.html`,
    },
    {
      name: "Start Service",
      enable: true,
      params: {
        command: "java ${jvm_opts} -jar /opt/{slug}/{slug}.jar --server.port=${service_port} --logging.level.root=${log_level}",
        env: "DB_PASSWORD=${db_password}",
      },
      logLines: [
        "Starting {slug}: java ${jvm_opts} -jar /opt/{slug}/{slug}.jar --server.port=${service_port}",
        "Environment DB_PASSWORD=${db_password}, log level ${log_level}",
        "Process started on both hosts",
      ],
      error: "Process exited within 10 s: java.net.BindException: Address already in use (port ${service_port})",
      faqUrl: `${FAQ}/deployman_faq_0011.html`,
    },
    healthTest,
  ],
  docker: [
    {
      name: "Docker Login",
      enable: true,
      params: { registry: REGISTRY, host_group: "${host_group}" },
      logLines: [`Logging in to ${REGISTRY} on the hosts of environment \${host_group}`, "Login Succeeded"],
      error: `Error response from daemon: Get https://${REGISTRY}/v2/: unauthorized`,
      faqUrl: `${FAQ}/deployman_faq_0021.html`,
    },
    {
      name: "Pull Image",
      enable: true,
      params: { image: `${REGISTRY}/retail/{slug}:\${image_tag}` },
      logLines: [`docker pull ${REGISTRY}/retail/{slug}:\${image_tag}`, "Status: Downloaded newer image for retail/{slug}:${image_tag}"],
      error: `manifest for ${REGISTRY}/retail/{slug}:\${image_tag} not found`,
      faqUrl: `${FAQ}/deployman_faq_0022.html`,
    },
    {
      name: "Start Container",
      enable: true,
      params: {
        command: "docker run -d --name {slug} -p ${service_port}:8080 -e LOG_LEVEL=${log_level} -e DB_PASSWORD=${db_password} retail/{slug}:${image_tag}",
      },
      logLines: [
        "Removing previous container {slug}",
        "docker run -d --name {slug} -p ${service_port}:8080 -e LOG_LEVEL=${log_level} -e DB_PASSWORD=${db_password}",
        "Container {slug} started",
      ],
      error: "docker: Error response from daemon: port is already allocated (${service_port})",
      faqUrl: `${FAQ}/deployman_faq_0023.html`,
    },
    healthTest,
  ],
  k8s: [
    {
      name: "Render Manifests",
      enable: true,
      params: { image_tag: "${image_tag}", replicas: "${replicas}", log_level: "${log_level}" },
      logLines: ["Rendering deploy/{slug}.yaml with image tag ${image_tag}", "replicas=${replicas}, LOG_LEVEL=${log_level}"],
      error: "deploy/{slug}.yaml: template variable replicas is not a number",
      faqUrl: `${FAQ}/deployman_faq_0031.html`,
    },
    {
      name: "Kubernetes Manifest Deployment (CCE)",
      enable: true,
      params: { cluster: "cce-retail", namespace: "${namespace}", manifest: "deploy/{slug}.yaml" },
      logLines: ["kubectl apply -n ${namespace} -f deploy/{slug}.yaml", "deployment.apps/{slug} configured", "service/{slug} unchanged"],
      error: 'namespaces "${namespace}" is forbidden: exceeded quota: compute-resources',
      faqUrl: `${FAQ}/deployman_faq_0032.html`,
    },
    {
      name: "Wait for Rollout",
      enable: true,
      params: { timeout: "300", namespace: "${namespace}" },
      logLines: ["Waiting for deployment/{slug} rollout in ${namespace}", "${replicas} of ${replicas} updated replicas are available"],
      error: "deployment/{slug} exceeded its progress deadline (ImagePullBackOff)",
      faqUrl: `${FAQ}/deployman_faq_0033.html`,
    },
    {
      name: "Run Shell Commands",
      enable: false,
      params: { command: "./scripts/smoke-test.sh {slug}" },
      logLines: ["./scripts/smoke-test.sh {slug}"],
      error: "smoke test failed",
      faqUrl: `${FAQ}/deployman_faq_0012.html`,
    },
  ],
};

function fill(step: StepTemplate, slug: string): StepTemplate {
  const put = (text: string) => text.replaceAll("{slug}", slug);
  return {
    name: step.name,
    enable: step.enable,
    params: Object.fromEntries(Object.entries(step.params).map(([k, v]) => [k, put(v)])),
    logLines: step.logLines.map(put),
    error: put(step.error),
    faqUrl: step.faqUrl,
  };
}

/** The steps of a task built from a template (optionally without some steps), numbered step1…. */
export function buildSteps(kind: TemplateKind, slug: string, ordinal: number, omit: readonly string[] = []): StepDef[] {
  return TEMPLATES[kind]
    .filter((s) => !omit.includes(s.name))
    .map((s, i) => ({ ...fill(s, slug), key: `step${i + 1}`, id: String(100_000 + ordinal * 10 + i + 1) }));
}

/** Names referenced as `${name}` by the steps' params, in order of first appearance. */
export function referencedParams(steps: readonly StepDef[]): string[] {
  const names: string[] = [];
  for (const step of steps) {
    for (const value of Object.values(step.params)) {
      for (const m of value.matchAll(/\$\{([A-Za-z0-9._-]+)\}/g)) {
        if (m[1] && !names.includes(m[1])) names.push(m[1]);
      }
    }
  }
  return names;
}

function environmentIds(slug: string): { production: string; staging: string } {
  return { production: stableId(`env:${slug}:production`), staging: stableId(`env:${slug}:staging`) };
}

/** The definition of a catalogue parameter for an app. */
export function paramDef(name: string, slug: string): ParamDef {
  switch (name) {
    case "host_group":
      return { name, type: "host_group", value: environmentIds(slug).production, description: "Target environment" };
    case "log_level":
      return { name, type: "enum", value: "info", description: "Root log level", options: ["debug", "info", "warn"] };
    case "namespace":
      return {
        name,
        type: "enum",
        value: "retail-prod",
        description: "CCE namespace",
        options: ["retail-prod", "retail-staging"],
      };
    case "db_password":
      return { name, type: "encrypt", value: `default-secret-${slug}`, description: "Database password" };
    case "service_port":
      return { name, type: "text", value: "8080", description: "HTTP port of the service" };
    case "image_tag":
      return { name, type: "text", value: "latest", description: "Artifact version / image tag" };
    case "jvm_opts":
      return { name, type: "text", value: "-Xms512m -Xmx1024m", description: "JVM options" };
    case "replicas":
      return { name, type: "text", value: "2", description: "Number of pods" };
    default:
      return { name, type: "text", value: "", description: "" };
  }
}

/** The value a seeded history record `index` used for a parameter (varies so diffs and enum options show). */
export function historicValue(def: ParamDef, slug: string, index: number): string {
  const r = stableFraction(`param:${slug}:${def.name}:${index}`);
  switch (def.name) {
    case "host_group":
      return r < 0.7 ? environmentIds(slug).production : environmentIds(slug).staging;
    case "log_level":
      return r < 0.5 ? "info" : r < 0.8 ? "warn" : "debug";
    case "namespace":
      return r < 0.75 ? "retail-prod" : "retail-staging";
    case "db_password":
      return `seed-secret-${slug}-${Math.floor(index / 8)}`;
    case "service_port":
      return r < 0.85 ? "8080" : "8081";
    case "image_tag":
      return `v${1 + Math.floor(index / 12)}.${Math.floor(index / 3) % 4}.${index % 3}`;
    case "jvm_opts":
      return r < 0.6 ? "-Xms512m -Xmx1024m" : "-Xms1g -Xmx2g";
    case "replicas":
      return String(2 + Math.floor(r * 3));
    default:
      return def.value;
  }
}
