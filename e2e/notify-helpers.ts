/** What e2e/notifications.spec.ts asks of the receivers and the console API (kept apart to keep the spec readable). */
import { randomBytes } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import type { Received } from "../lib/server/notify/testing/receivers";
import { CONSOLE_URL } from "../playwright.config";
import { expect } from "./fixtures";

export const EVENTS = ["deploy.started", "deploy.succeeded", "deploy.failed"] as const;

/** The event a message is about: the webhook says it; the chat messages' titles say it in the channel's language. */
const TITLES: Record<(typeof EVENTS)[number], string[]> = {
  "deploy.started": ["Deployment started", "部署已开始"],
  "deploy.succeeded": ["Deployment succeeded", "部署成功"],
  "deploy.failed": ["Deployment failed", "部署失败"],
};
export function kindOf(r: Received): string | null {
  if (typeof r.body?.type === "string") return r.body.type;
  return EVENTS.find((k) => TITLES[k].some((w) => r.raw.includes(w))) ?? null;
}

/** A start through the console API, as a script sends it (a 409 while an earlier record still holds the task: again). */
export async function deploy(api: APIRequestContext, taskId: string): Promise<string> {
  let recordId = "";
  await expect
    .poll(
      async () => {
        const r = await api.post(`/api/tasks/${taskId}/start`, {
          headers: { origin: CONSOLE_URL, "idempotency-key": `e2e-notify-${randomBytes(8).toString("hex")}` },
          data: { params: [] },
        });
        if (r.status() === 200) recordId = ((await r.json()) as { id: string }).id;
        return r.status();
      },
      { timeout: 30_000, intervals: [1_000] },
    )
    .toBe(200);
  return recordId;
}

export const channelRow = (page: Page, name: string) => page.locator(`[data-testid="notify-channel"][data-name="${name}"]`);

export async function channelIds(api: APIRequestContext): Promise<Map<string, string>> {
  const list = (await (await api.get("/api/admin/channels")).json()) as { id: string; name: string }[];
  return new Map(list.map((c) => [c.name, c.id]));
}

export async function deliveriesOf(api: APIRequestContext, channelId: string) {
  const r = await api.get(`/api/admin/channels/${channelId}/deliveries`);
  expect(r.status()).toBe(200);
  return (await r.json()) as { id: string; eventId: string; kind: string; state: string; attempts: number; lastAt: string | null; nextAt: string | null }[];
}
