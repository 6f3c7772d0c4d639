import { createHash } from 'node:crypto';
import type { Rng } from './rng.js';

/**
 * Mongo-style ObjectId: 8 hex of epoch seconds, then randomness, then a sequence number so that
 * ids minted by one maker can never collide however many are drawn.
 */
export class IdMaker {
  private seq = 0;

  constructor(private readonly rng: Rng) {}

  next(timeMs: number): string {
    this.seq += 1;
    // join() yields one flat string; `+` would keep a rope of three pieces alive per id.
    return [epochHex(timeMs), this.rng.hex(6), this.seq.toString(16).padStart(10, '0')].join('');
  }
}

export function epochHex(timeMs: number): string {
  return Math.max(0, Math.floor(timeMs / 1000)).toString(16).padStart(8, '0').slice(-8);
}

/** Stable 24-hex id derived from other values, for objects built on demand (shifts, log entries). */
export function derivedId(...parts: readonly string[]): string {
  return createHash('sha1').update(parts.join('|')).digest('hex').slice(0, 24);
}
