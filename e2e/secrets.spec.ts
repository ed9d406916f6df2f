/** The server's credentials never reach the browser: not in the built bundle, not in any API answer. */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { SEED } from "../lib/codearts/simulator/seed";
import { CANARY } from "../playwright.config";
import { expect, test } from "./fixtures";

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) yield* files(p);
    else yield p;
  }
}

test("the canary AK/SK the console was built and runs with appear nowhere under .next/static", () => {
  let scanned = 0;
  for (const f of files(".next/static")) {
    const text = readFileSync(f).toString("latin1");
    expect(text.includes(CANARY.ak), f).toBe(false);
    expect(text.includes(CANARY.sk), f).toBe(false);
    scanned++;
  }
  expect(scanned).toBeGreaterThan(5);
});

test("no API answer carries the credentials (success and error paths)", async ({ request, page, sim }) => {
  const t = SEED.apps.orders.taskId;
  const list = await request.get(`/api/tasks/${t}/records`);
  const recordId = ((await list.json()) as { items: { recordId: string }[] }).items[0]!.recordId;
  const answers = [
    await request.get("/api/apps"),
    await request.get("/api/health"),
    await request.get(`/api/tasks/${t}`),
    list,
    await request.get(`/api/tasks/${t}/records/${recordId}`),
    await request.get(`/api/tasks/${t}/records/${recordId}/params`),
    await request.get(`/api/tasks/${t}/records/${recordId}/logs`),
    await request.post(`/api/tasks/${SEED.apps.draft.taskId}/start`, { data: { params: [] } }),
  ];
  await sim.fault({
    path: "^/v1/applications/list$",
    times: 1,
    status: 401,
    body: { error_code: "APIGW.0301", error_msg: "Incorrect IAM authentication information: verify aksk signature fail", request_id: "f".repeat(32) },
  });
  // A state filter no earlier request used: a deployer's list is read afresh (not from the app snapshot).
  answers.push(await request.get("/api/apps?state=timeout"));
  for (const a of answers) {
    const text = JSON.stringify(a.headers()) + (await a.text());
    expect(text).not.toContain(CANARY.ak);
    expect(text).not.toContain(CANARY.sk);
  }
  expect(answers.at(-1)!.status()).toBe(502);
  // And the pages the browser loads.
  await page.goto(`/tasks/${t}`);
  const html = await page.content();
  expect(html).not.toContain(CANARY.ak);
  expect(html).not.toContain(CANARY.sk);
});
