/**
 * mulberry32: a tiny, fast, well-distributed 32-bit PRNG; enough for fault injection and made-up data, not
 * for secrets. Every simulator draws from it, so that a seed means the same thing in all of them.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed for a run that was given none; report it, so that the run can be replayed. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 0x100000000);
}
