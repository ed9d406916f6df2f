/**
 * The demo world that both the console's demo mode and the bundled simulator know — so production code never
 * imports the simulator: the simulator's identity (the README documents these values; they are not secrets, they
 * only open the local simulator) and the ids of the seed apps the demo accounts are granted.
 */
import { createHash } from "node:crypto";

export const DEMO_AK = "CODEARTSSIMULATORAK01";
export const DEMO_SK = "CodeArtsSimulatorDemoSecretKey0000000001";

/** The CodeArts (ProjectMan) project id: the `project_id` of Deploy paths and bodies. */
export const DEMO_CODEARTS_PROJECT_ID = "0b5d8e4c2a7f4d0e9c3b1a2f6e8d7c5b";
export const DEMO_CODEARTS_PROJECT_NAME = "retail-platform";

/** The IAM project id (region scoped): token scope and the `X-Project-Id` header. */
export const DEMO_IAM_PROJECT_ID = "c53b2d1e0f9a4b8c7d6e5f4a3b2c1d0e";
export const DEMO_REGION = "cn-north-4";

export const DEMO_DOMAIN_NAME = "codearts-demo";
export const DEMO_DOMAIN_ID = "9f8e7d6c5b4a39281706f5e4d3c2b1a0";

export const DEMO_IAM_USER = "deployer";
export const DEMO_IAM_PASSWORD = "simulator-demo-password";

/** A seed id: 32 chars of [0-9a-f] derived from a label, the same on every start (the simulator's ids are these). */
export function seedId(label: string): string {
  return createHash("sha256").update(`codearts-simulator:${label}`).digest("hex").slice(0, 32);
}

/** The seed apps the demo accounts are granted (slug and name; the simulator adds the rest of each app). */
export const DEMO_APPS = {
  orders: { slug: "order-service", name: "订单服务" },
  favourite: { slug: "payment-gateway", name: "支付网关" },
  inventory: { slug: "inventory-sync", name: "库存同步" },
  failing: { slug: "report-export", name: "report-export" },
  draft: { slug: "promo-campaign", name: "promo-campaign" },
  pipelineOnly: { slug: "mobile-bff", name: "mobile-bff" },
  warehouse: { slug: "warehouse-wms", name: "仓储管理WMS" },
} as const;

/** A seed app's ids (ListAllApp id, its one task's id) and name. */
export const seedAppRef = (a: { slug: string; name: string }) => ({ appId: seedId(`app:${a.slug}`), taskId: seedId(`task:${a.slug}`), name: a.name });
