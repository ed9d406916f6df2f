/**
 * Reads of the cloud that many callers ask at once (every open record page polls its record every 2 s): identical
 * reads in flight share one upstream call, and an answer is kept for as long as `keepMs` says — briefly while it
 * can still change, until evicted once it cannot. Failures are never kept. Only the callers' own checks (who may see
 * what) stand before a read: what is kept is the cloud's answer, the same for everyone who may ask for it.
 */
import { remember } from "./bounded-map";

export class SharedReads<V> {
  private readonly kept = new Map<string, { until: number; value: V }>();
  private readonly inFlight = new Map<string, Promise<V>>();

  constructor(
    /** How long an answer may be handed out again (0: not at all; Infinity: until evicted). */
    private readonly keepMs: (value: V) => number,
    private readonly max: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The kept answer, the read in flight, or a new one. `fresh`: none begun before this call — a new read, whose answer
   * is then kept for the others (and which later callers may join).
   */
  read(key: string, load: () => Promise<V>, fresh = false): Promise<V> {
    if (!fresh) {
      const hit = this.kept.get(key);
      if (hit && this.now() < hit.until) return Promise.resolve(hit.value);
      const pending = this.inFlight.get(key);
      if (pending) return pending;
    }
    const pending = load()
      .then((value) => {
        const ms = this.keepMs(value);
        if (ms > 0) remember(this.kept, key, { until: this.now() + ms, value }, this.max);
        return value;
      })
      .finally(() => {
        if (this.inFlight.get(key) === pending) this.inFlight.delete(key);
      });
    this.inFlight.set(key, pending);
    return pending;
  }
}
