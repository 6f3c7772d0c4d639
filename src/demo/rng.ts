export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  /** Standard normal deviate. */
  normal(): number;
  /** Lowercase hex string of the given length. */
  hex(length: number): string;
}

/** mulberry32: tiny, fast and good enough for fixtures; the same seed always yields the same stream. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick<T>(items: readonly T[]): T {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new RangeError('pick() from an empty list');
      return item;
    },
    chance: (probability) => next() < probability,
    normal(): number {
      // Box-Muller; 1 - next() keeps the logarithm away from zero.
      return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
    },
    hex(length: number): string {
      let out = '';
      while (out.length < length) {
        out += Math.floor(next() * 0x1000000).toString(16).padStart(6, '0');
      }
      return out.slice(0, length);
    },
  };
}

/** Picks an index with probability proportional to its weight. */
export function pickWeighted(rng: Rng, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let roll = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    roll -= weights[i] ?? 0;
    if (roll < 0) return i;
  }
  return weights.length - 1;
}

/** Log-normal sample around `median`, clamped, for human reaction times that have long tails. */
export function logNormal(rng: Rng, median: number, sigma: number, min: number, max: number): number {
  const value = median * Math.exp(sigma * rng.normal());
  return Math.min(max, Math.max(min, value));
}
