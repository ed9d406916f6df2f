/**
 * `npx tsx lib/server/notify/testing/receivers-main.ts`: one receiver of each kind, in its own process, until
 * SIGTERM/SIGINT. Prints one JSON line on stdout: `{"webhook": {"url", "secret"}, "feishu": {…}, …}` — the URLs
 * and secrets to configure as channels. Feishu and DingTalk check signatures: their secrets are made here.
 * Env: RECEIVERS_HOST (127.0.0.1).
 */
import { randomBytes } from "node:crypto";
import { RECEIVER_KINDS, startAllReceivers } from "./receivers";

const receivers = await startAllReceivers({
  host: process.env.RECEIVERS_HOST?.trim() || "127.0.0.1",
  secrets: { feishu: randomBytes(16).toString("hex"), dingtalk: `SEC${randomBytes(32).toString("hex")}` },
}).catch((error: unknown) => {
  console.error(`notification receivers could not listen: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

console.log(JSON.stringify(Object.fromEntries(RECEIVER_KINDS.map((k) => [k, { url: receivers[k].url, secret: receivers[k].secret }]))));

let closing = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    Promise.all(RECEIVER_KINDS.map((k) => receivers[k].close())).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
