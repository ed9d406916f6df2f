/**
 * The task and record pages come with their data in the HTML (read on the server through the API's own route
 * handlers), before any JavaScript runs — and only what the user could read through the API: a user without a
 * grant on the app gets the page's frame and nothing of the task.
 */
import { SEED } from "../lib/codearts/simulator/seed";
import { apiAs, expect, test } from "./fixtures";
import { USERS } from "./users";

const { orders, search } = SEED.apps;

/** The HTML as the server sent it, for the signed-in user of `request`. */
async function html(request: { get(url: string): Promise<{ status(): number; text(): Promise<string> }> }, path: string) {
  const res = await request.get(path);
  expect(res.status()).toBe(200);
  return res.text();
}

/** The task's description, as an admin reads it through the API. */
async function descriptionOf(taskId: string, playwright: Parameters<typeof apiAs>[0]) {
  const admin = await apiAs(playwright, "admin");
  try {
    const { description } = (await (await admin.get(`/api/tasks/${taskId}`)).json()) as { description: string | null };
    expect(description).toBeTruthy();
    return description!;
  } finally {
    await admin.dispose();
  }
}

async function latestRecordOf(taskId: string, playwright: Parameters<typeof apiAs>[0]) {
  const admin = await apiAs(playwright, "admin");
  try {
    const page = (await (await admin.get(`/api/tasks/${taskId}/records?size=1`)).json()) as { items: { recordId: string }[] };
    const recordId = page.items[0]?.recordId;
    expect(recordId).toBeTruthy();
    return recordId!;
  } finally {
    await admin.dispose();
  }
}

test.beforeEach(async ({ sim }) => {
  await sim.reset();
});

test("the task page's HTML holds the task, its parameter rows, the history and the signed-in user", async ({ request, playwright }) => {
  const body = await html(request, `/tasks/${orders.taskId}`);
  expect(body).toContain(`>${orders.name}</h1>`);
  expect(body).toContain(await descriptionOf(orders.taskId, playwright));
  expect(body).toMatch(/data-testid="param-row" data-key="image_tag"/);
  expect(body).toContain('data-testid="history-record-link"');
  expect(body).toContain(`>${USERS.dev.name}<`);
});

test("the record page's HTML holds the record's state, parameters and steps", async ({ request, playwright }) => {
  const recordId = await latestRecordOf(orders.taskId, playwright);
  const body = await html(request, `/tasks/${orders.taskId}/records/${recordId}`);
  expect(body).toContain('data-testid="record-state"');
  expect(body).toContain(`>${recordId}</span>`);
  expect(body).toMatch(/data-testid="record-param" data-key="image_tag"/);
  expect(body).toContain('data-testid="step-row"');
});

test("without a grant on the app, neither page's HTML carries anything of it", async ({ request, playwright }) => {
  // dev@ has no role on the search app: GET /api/tasks/{id} answers 403, and so the pages show nothing of it.
  expect((await request.get(`/api/tasks/${search.taskId}`)).status()).toBe(403);
  const task = await html(request, `/tasks/${search.taskId}`);
  expect(task).not.toContain(await descriptionOf(search.taskId, playwright));
  expect(task).not.toContain('data-testid="param-row"');
  expect(task).not.toContain('data-testid="history-record-link"');

  const recordId = await latestRecordOf(search.taskId, playwright);
  const record = await html(request, `/tasks/${search.taskId}/records/${recordId}`);
  expect(record).not.toContain('data-testid="record-state"');
  expect(record).not.toContain('data-testid="record-param"');
  expect(record).not.toContain('data-testid="step-row"');
  expect(record).not.toContain(search.name);
});

test("the picker's HTML holds the first page of the apps this user may view, and no other", async ({ request }) => {
  const body = await html(request, "/apps");
  expect(body).toContain(orders.name);
  // dev@ has no role on the search app: /api/apps leaves it out, and so does the page.
  expect(body).not.toContain(search.name);
  // The search in the address narrows the server's first page too.
  const rows = (h: string) => h.split('data-testid="app-row"').length - 1;
  const narrowed = await html(request, `/apps?q=${encodeURIComponent(orders.name)}`);
  expect(narrowed).toContain(orders.name);
  expect(rows(narrowed)).toBeGreaterThanOrEqual(1);
  expect(rows(narrowed)).toBeLessThan(rows(body));
});

test("in the browser the page shows the refusal, as before", async ({ page }) => {
  await page.goto(`/tasks/${search.taskId}`);
  await expect(page.getByTestId("forbidden")).toBeVisible();
});
