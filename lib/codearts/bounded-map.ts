/**
 * The console's in-memory caches keep insertion order as age: `remember` sets a key as the newest and drops the
 * oldest entries past `max`. One rule for the task details, the release numbers and the trigger rules.
 */
export function remember<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  for (const oldest of map.keys()) {
    if (map.size <= max) break;
    map.delete(oldest);
  }
}
