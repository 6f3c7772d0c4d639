import { describe, expect, it } from 'vitest';
import { takeTurns } from '../../src/lib/turns.js';

describe('takeTurns', () => {
  it('runs at most the given number at once, the others in the order they asked, and hands every result back', async () => {
    const turn = takeTurns(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const gates = Array.from({ length: 6 }, () => {
      let resolve = () => {};
      const promise = new Promise<void>((r) => (resolve = r));
      return { promise, resolve };
    });
    const results = gates.map((gate, n) =>
      turn(async () => {
        started.push(n);
        most = Math.max(most, ++running);
        await gate.promise;
        running--;
        return n * 10;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    // Ending the second lets the third start; ending in any order keeps at most two running.
    for (const n of [1, 0, 3, 2, 5, 4]) {
      gates[n]!.resolve();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await Promise.all(results)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    expect(most).toBe(2);
  });

  it('gives a failed piece’s place to the next one', async () => {
    const turn = takeTurns(1);
    const failed = turn(async () => {
      throw new Error('boom');
    });
    const next = turn(async () => 'ran');
    await expect(failed).rejects.toThrow('boom');
    expect(await next).toBe('ran');
  });
});
