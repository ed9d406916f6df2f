/**
 * Test helper: the test SMTP server (./smtp-main.ts) as its own process, with its admin API for the received messages
 * and injected replies. Only tests (and end-to-end setups) import this.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Fault, Received } from "./smtp-main";

export type { Fault, Received };

export interface SmtpProcess {
  readonly host: string;
  readonly port: number;
  /** `smtp://user:password@127.0.0.1:port` (percent-encoded), with other credentials when given. */
  url(credentials?: { user: string; password: string }): string;
  messages(): Promise<Received[]>;
  clear(): Promise<void>;
  /** Every later command of that stage gets this reply; null: normal answers again. */
  fault(f: Fault | null): Promise<void>;
  stop(): Promise<void>;
}

const MAIN = fileURLToPath(new URL("./smtp-main.ts", import.meta.url));

export async function startSmtpProcess(auth: { user: string; password: string }): Promise<SmtpProcess> {
  const proc: ChildProcess = spawn(process.execPath, ["--import", "tsx", MAIN], {
    env: { ...process.env, SMTP_TEST_USER: auth.user, SMTP_TEST_PASSWORD: auth.password, SMTP_TEST_PORT: "0", SMTP_TEST_ADMIN_PORT: "0" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  const { port, admin } = await new Promise<{ port: number; admin: string }>((resolve, reject) => {
    let out = "";
    proc.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /smtp-test-server smtp=(\d+) admin=(http:\/\/\S+)/.exec(out);
      if (m?.[1] && m[2]) resolve({ port: Number(m[1]), admin: m[2] });
    });
    proc.once("exit", (code) => reject(new Error(`the test SMTP server exited ${code}`)));
  });
  const host = new URL(admin).hostname;

  async function call(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${admin}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    const json: unknown = await res.json();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  }

  return {
    host,
    port,
    url: (c = auth) => `smtp://${encodeURIComponent(c.user)}:${encodeURIComponent(c.password)}@${host}:${port}`,
    messages: async () => ((await call("GET", "/messages")) as { messages: Received[] }).messages,
    clear: async () => void (await call("DELETE", "/messages")),
    fault: async (f) => void (await call("PUT", "/fault", f)),
    stop: async () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGTERM");
      await exited;
    },
  };
}
