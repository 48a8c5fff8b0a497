/**
 * The iteration order of a JDK 8+ `java.util.HashMap<String, String>`, which the VXP SDK uses for its
 * signed header map: the order of `XroadVnpt-sign-header-key` and of the signed JSON depends on it, so a
 * byte-identical client has to emulate it (spec `vxp-sdk-wire-capture.md` §1.3).
 *
 * Emulated: `String.hashCode()` over UTF-16 code units with 32-bit overflow, the spread `h ^ (h >>> 16)`,
 * capacity 16 doubling when `size > 0.75 · capacity` (a resize keeps the relative order inside each bucket),
 * appends at the bucket's tail, and a re-put that keeps the key's slot. Not emulated: tree bins (nine or more
 * keys in one bucket at capacity 64 or more), which a header map never reaches; they are refused.
 */

const INITIAL_CAPACITY = 16;
const LOAD_FACTOR = 0.75;
const TREEIFY_THRESHOLD = 8;
const MIN_TREEIFY_CAPACITY = 64;

/** Java's `String.hashCode()`: `s[0]·31^(n-1) + … + s[n-1]` in 32-bit two's complement. */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** `HashMap.hash(key)`: the high half folded into the low half, because the table index uses the low bits. */
export function javaSpreadHash(s: string): number {
  const h = javaStringHash(s);
  return h ^ (h >>> 16);
}

interface Entry {
  key: string;
  value: string;
  hash: number;
}

/** A string-to-string map that iterates exactly like a JDK 8+ HashMap built by the same puts. */
export class JavaHashMap {
  private table: Entry[][] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** `put(key, value)`: a known key keeps its slot and takes the new value. */
  put(key: string, value: string): void {
    if (this.table.length === 0) this.table = emptyTable(INITIAL_CAPACITY);
    const hash = javaSpreadHash(key);
    const bucket = this.table[hash & (this.table.length - 1)];
    const existing = bucket.find((e) => e.hash === hash && e.key === key);
    if (existing) {
      existing.value = value;
      return;
    }
    bucket.push({ key, value, hash });
    // putVal calls treeifyBin when the bin held 8 nodes before this one; below 64 buckets that is a resize.
    if (bucket.length > TREEIFY_THRESHOLD) {
      if (this.table.length >= MIN_TREEIFY_CAPACITY)
        throw new Error('JavaHashMap: tree bins (9+ colliding keys at capacity 64+) are not emulated');
      this.resize();
    }
    this.count += 1;
    if (this.count > this.table.length * LOAD_FACTOR) this.resize();
  }

  /** Entries in iteration order: buckets ascending, insertion order inside a bucket. */
  entries(): Array<[string, string]> {
    return this.table.flatMap((bucket) => bucket.map((e): [string, string] => [e.key, e.value]));
  }

  private resize(): void {
    const next = emptyTable(this.table.length * 2);
    // Walking the old buckets in order and appending keeps the lo/hi split order of HashMap.resize().
    for (const bucket of this.table) for (const e of bucket) next[e.hash & (next.length - 1)].push(e);
    this.table = next;
  }
}

function emptyTable(capacity: number): Entry[][] {
  return Array.from({ length: capacity }, () => []);
}

/** The iteration order of a HashMap after these puts, in this order (later puts of a key update it in place). */
export function javaHashMapOrder(puts: ReadonlyArray<readonly [string, string]>): Array<[string, string]> {
  const map = new JavaHashMap();
  for (const [key, value] of puts) map.put(key, value);
  return map.entries();
}
