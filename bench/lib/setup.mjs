// The run's set-up after the builds: the simulator, a local admin account and its session, the console and the two
// floors started; and (for steps 1 and 2) the read targets and start tasks the load steps go round, checked on every
// side before anything is timed.
import { randomBytes } from "node:crypto";
import { tsImport } from "tsx/esm/api";
import { CFG, CONSOLE, NEXT_FLOOR, PLAIN, SIM, root } from "./config.mjs";
import { WATCH, say } from "./context.mjs";
import { listBenchTasks, startRecords } from "./data.mjs";
import { treeRss } from "./procs.mjs";
import { requestMakers } from "./requests.mjs";
import { consoleEnv, startConsole, startNextFloor, startPlainProxy, startSimulator } from "./servers.mjs";
import { BENCH_EMAIL, addUser, hasSignIn, signIn } from "./session.mjs";
import { makeSigner } from "./sign.mjs";

/** Every process started and the console signed in; its idle memory into `results`. */
async function startAll(results) {
  const demo = await tsImport("../../lib/codearts/demo.ts", import.meta.url);
  const { SEED } = await tsImport("../../lib/codearts/simulator/seed.ts", import.meta.url);
  const sign = makeSigner({ ak: demo.DEMO_AK, sk: demo.DEMO_SK, projectId: demo.DEMO_IAM_PROJECT_ID });

  say(`starting the simulator (${SIM}, ${CFG.apps} apps, 1 ms steps)…`);
  WATCH.simulator = (await startSimulator()).pid;

  const env = consoleEnv(demo);
  const signInAvailable = hasSignIn(root);
  const password = randomBytes(18).toString("base64url");
  if (signInAvailable) {
    await addUser(root, env, password);
    say(`created ${BENCH_EMAIL} (admin) in ${env.DATABASE_URL}`);
  } else results.notes.push("This checkout has no sign-in yet: the console was measured without a session cookie.");

  say(`starting the console (next start, ${CONSOLE}, cloud mode → simulator)…`);
  const consoleProc = await startConsole(env);
  WATCH.console = consoleProc.pid;
  const session = signInAvailable ? await signIn(CONSOLE, BENCH_EMAIL, password) : null;
  results.signedIn = Boolean(session);
  WATCH.plain = (await startPlainProxy(demo)).pid;
  WATCH.next = (await startNextFloor(demo)).pid;
  results.memory = { idle: treeRss(consoleProc.pid) };
  return { demo, SEED, sign, consoleProc, session };
}

/**
 * The bench apps' tasks, and the read targets: CFG.readRecordsPerTask new records on each of CFG.readTasks tasks,
 * in an order that reads every record once before any again. They are more records than the console keeps finished
 * statuses of (FINISHED_STATUSES_KEPT of lib/codearts/records.ts), so every read of steps 1 and 2 goes upstream, like
 * the floors' — the cost of forwarding a read; step 7 measures reads the console answers from what it keeps. They
 * are fewer tasks than it keeps task details of (TASK_INFO_MAX of lib/codearts/tasks.ts): one task detail per task
 * per 30 s, as on a real page. Each side's record route answers first.
 */
async function loadTargets(results, { demo, sign, session }) {
  const { tasks, totalApps } = await listBenchTasks(sign, demo.DEMO_CODEARTS_PROJECT_ID);
  const readTasks = tasks.slice(0, CFG.readTasks);
  const perTask = [];
  for (let i = 0; i < readTasks.length; i += 10) {
    perTask.push(...(await Promise.all(readTasks.slice(i, i + 10).map((t) => startRecords(sign, t.taskId, CFG.readRecordsPerTask)))));
  }
  const readTargets = [];
  for (let k = 0; k < CFG.readRecordsPerTask; k++) readTasks.forEach((t, j) => readTargets.push({ ...t, recordId: perTask[j][k] }));
  if (readTargets.length === 0) throw new Error("no bench-app task with a record was found in the simulator");
  const cookie = session ? { cookie: session.header } : {};
  /** One record read on a side's record route, which must answer 2xx. */
  const read = async (what, base, headers, t) => {
    const res = await fetch(`${base}/api/tasks/${t.taskId}/records/${t.recordId}`, { headers, signal: AbortSignal.timeout(30_000) });
    if (!res.ok) throw new Error(`${what} of record ${t.recordId} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    await res.arrayBuffer();
  };
  // Each side answers what it should before anything is timed.
  await read("the plain proxy's record route", PLAIN, {}, readTargets[0]);
  await read("the bare Next.js app's record route", NEXT_FLOOR, {}, readTargets[0]);
  // Every record read once through the console first, as a console that has run for a while has: its AOM mapping
  // captured, its release # known (the first read of a finished record asks the cloud two more things and writes
  // twice). Its status is not kept by then: the 1,200 evict one another.
  for (let i = 0; i < readTargets.length; i += 20) {
    await Promise.all(readTargets.slice(i, i + 20).map((t) => read("the console's first read", CONSOLE, cookie, t)));
  }
  results.data = { totalApps, benchTasks: tasks.length, readTargets: readTargets.length, readTasks: readTasks.length, startTasks: tasks.length };
  say(`simulator: ${totalApps} apps; reads round-robin over ${readTargets.length} records of ${readTasks.length} tasks, starts over ${tasks.length} tasks`);
  return requestMakers({ sign, session, readTargets, startTasks: tasks });
}

/**
 * Everything the steps need: the console's process and session, the signer, the history task and the watched one
 * (7), and `loadMakers` — the read targets made and the request makers of steps 1 and 2, called after steps 3 and 4
 * (they reset the simulator).
 */
export async function setUp(results) {
  const running = await startAll(results);
  const { SEED, sign, consoleProc, session } = running;
  return {
    consoleProc,
    session,
    sign,
    historyTask: SEED.apps.orders,
    viewedTask: SEED.apps.edge,
    loadMakers: () => loadTargets(results, running),
  };
}
