// The run's set-up after the builds: the simulator, a local admin account and its session, the console and the two
// floors started; then the read targets and start tasks the load steps go round, checked on every side before
// anything is timed.
import { randomBytes } from "node:crypto";
import { tsImport } from "tsx/esm/api";
import { CFG, CONSOLE, NEXT_FLOOR, PLAIN, SIM, root } from "./config.mjs";
import { WATCH, say } from "./context.mjs";
import { latestRecordOf, listBenchTasks } from "./data.mjs";
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

/** The bench apps' tasks and up to CFG.readTargets finished records; each side's record route answers first. */
async function loadTargets(results, { demo, sign, session }) {
  const { tasks, totalApps } = await listBenchTasks(sign, demo.DEMO_CODEARTS_PROJECT_ID);
  const readTargets = [];
  for (const t of tasks) {
    if (readTargets.length >= CFG.readTargets) break;
    const recordId = await latestRecordOf(sign, t.taskId);
    if (recordId) readTargets.push({ ...t, recordId });
  }
  if (readTargets.length === 0) throw new Error("no bench-app task with a record was found in the simulator");
  // The console answers what it should before anything is timed.
  const readPath = `/api/tasks/${readTargets[0].taskId}/records/${readTargets[0].recordId}`;
  for (const [name, base, headers] of [
    ["console", CONSOLE, session ? { cookie: session.header } : {}],
    ["plain proxy", PLAIN, {}],
    ["bare Next.js app", NEXT_FLOOR, {}],
  ]) {
    const probe = await fetch(`${base}${readPath}`, { headers, signal: AbortSignal.timeout(30_000) });
    if (!probe.ok) throw new Error(`the ${name}'s record route answered ${probe.status}: ${(await probe.text()).slice(0, 300)}`);
  }
  results.data = { totalApps, benchTasks: tasks.length, readTargets: readTargets.length, startTasks: tasks.length };
  say(`simulator: ${totalApps} apps; reads round-robin over ${readTargets.length} records, starts over ${tasks.length} tasks`);
  return requestMakers({ sign, session, readTargets, startTasks: tasks });
}

/** Everything the steps need: the console's process and session, the signer, the request makers, the history task and the watched one (7). */
export async function setUp(results) {
  const running = await startAll(results);
  const { SEED, sign, consoleProc, session } = running;
  const historyTask = SEED.apps.orders;
  const makers = await loadTargets(results, running);
  return { consoleProc, session, sign, makers, historyTask, viewedTask: SEED.apps.edge };
}
