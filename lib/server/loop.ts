import "server-only";

/** A background loop: `pass` now and every `intervalMs`, never two at once; `stop` waits for the pass under way. */
export interface Loop {
  stop(): Promise<void>;
}

export function startLoop(intervalMs: number, pass: () => Promise<void>): Loop {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return; // a slow pass (upstream timeouts) is never overlapped by the next
    running = pass().finally(() => (running = null));
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
