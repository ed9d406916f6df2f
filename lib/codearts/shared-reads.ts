/**
 * Reads of the cloud that many callers ask at once (every open record page polls its record every 2 s): identical
 * reads in flight share one upstream call, and an answer is kept for as long as `keepMs` says — briefly while it
 * can still change, until evicted once it cannot. Failures are never kept. Only the callers' own checks (who may see
 * what) stand before a read: what is kept is the cloud's answer, the same for everyone who may ask for it.
 *
 * A briefly kept answer is renewed ahead: the first caller once keepMs has passed since its read *began* starts the
 * next read and still gets the kept answer, which is then at most keepMs old when the new one replaces it. So
 * watchers of a running record wait for the cloud only when nobody asked for a while, no answer is handed out older
 * than keepMs, and the cloud is asked at most once per keepMs.
 */
import { remember } from "./bounded-map";

export class SharedReads<V> {
  /** until: handed out before then; renewFrom: from then on, a caller starts the next read (keepMs after the last began). */
  private readonly kept = new Map<string, { until: number; renewFrom: number; value: V }>();
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
      const now = this.now();
      if (hit && now < hit.until) {
        // Renewed once, in the background: a failure is not kept, and whoever comes after `until` joins or retries it.
        if (now >= hit.renewFrom && !this.inFlight.has(key)) {
          hit.renewFrom = Infinity;
          this.begin(key, load).catch(() => undefined);
        }
        return Promise.resolve(hit.value);
      }
      const pending = this.inFlight.get(key);
      if (pending) return pending;
    }
    return this.begin(key, load);
  }

  private begin(key: string, load: () => Promise<V>): Promise<V> {
    const began = this.now();
    const pending = load()
      .then((value) => {
        const ms = this.keepMs(value);
        if (ms > 0) remember(this.kept, key, { until: this.now() + ms, renewFrom: began + ms, value }, this.max);
        return value;
      })
      .finally(() => {
        if (this.inFlight.get(key) === pending) this.inFlight.delete(key);
      });
    this.inFlight.set(key, pending);
    return pending;
  }
}
