import { describe, expect, it } from 'vitest';
import { readAhead, readAheadTogether } from '../../src/jobs/read-ahead.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('readAhead', () => {
  it('yields in order, with up to concurrency in flight, also while one is processed', async () => {
    let inFlight = 0;
    let most = 0;
    const fetch = async (n: number) => {
      inFlight++;
      most = Math.max(most, inFlight);
      // Later items answer sooner: the order must come from the queue.
      await tick(12 - n);
      inFlight--;
      if (n === 4) throw new Error('item 4 failed');
      return n * 10;
    };
    const seen: string[] = [];
    for await (const [item, outcome] of readAhead([1, 2, 3, 4, 5, 6], fetch, 3)) {
      seen.push(outcome.status === 'fulfilled' ? `${item}:${outcome.value}` : `${item}:${String((outcome.reason as Error).message)}`);
    }
    expect(seen).toEqual(['1:10', '2:20', '3:30', '4:item 4 failed', '5:50', '6:60']);
    expect(most).toBe(3);
  });

  it('with concurrency 1 asks for nothing past the item where the consumer stops', async () => {
    const asked: number[] = [];
    for await (const [item] of readAhead([1, 2, 3], async (n) => asked.push(n), 1)) if (item === 2) break;
    expect(asked).toEqual([1, 2]);
  });

  it('a consumer that stops early abandons the fetches in flight and waits for them to end', async () => {
    const ended: number[] = [];
    const fetch = (n: number, signal: AbortSignal) =>
      n === 1
        ? Promise.resolve(n)
        : new Promise<number>((_, reject) =>
            signal.addEventListener('abort', () => {
              ended.push(n);
              reject(new Error('abandoned'));
            }),
          );
    const consume = async () => {
      for await (const _ of readAhead([1, 2, 3, 4, 5], fetch, 3)) throw new Error('could not store it');
    };
    await expect(consume()).rejects.toThrow('could not store it');
    expect(ended).toEqual([2, 3, 4]);
  });
});

describe('readAheadTogether', () => {
  /** Fetches that end when the test says; `sent` lists the items asked for, in order. */
  function controlled() {
    const sent: number[] = [];
    const answers = new Map<number, (value: number) => void>();
    const fetch = (n: number, signal: AbortSignal) => {
      sent.push(n);
      return new Promise<number>((resolve, reject) => {
        answers.set(n, resolve);
        signal.addEventListener('abort', () => reject(new Error('abandoned')));
      });
    };
    const answer = async (...ns: number[]) => {
      for (const n of ns) answers.get(n)?.(n * 10);
      await tick(1);
    };
    return { sent, fetch, answer };
  }

  it('yields together the fetches that ended by the time the caller asks, up to most, in order', async () => {
    const { fetch, answer } = controlled();
    const groups = readAheadTogether([1, 2, 3, 4, 5, 6], fetch, 4, 2);
    const first = groups.next();
    await answer(1);
    expect((await first).value).toEqual([[1, { status: 'fulfilled', value: 10 }]]);
    // 3 and 4 ended, 2 not: nothing is yielded before 2, then 2 and 3 (most 2), then 4 alone.
    const second = groups.next();
    await answer(4, 3);
    await answer(2);
    expect((await second).value?.map(([n]: [number, unknown]) => n)).toEqual([2, 3]);
    expect((await groups.next()).value?.map(([n]: [number, unknown]) => n)).toEqual([4]);
    await answer(5, 6);
    expect((await groups.next()).value?.map(([n]: [number, unknown]) => n)).toEqual([5, 6]);
    expect((await groups.next()).done).toBe(true);
  });

  it('counts what the caller holds against concurrency: no more sent than with one at a time', async () => {
    const { sent, fetch, answer } = controlled();
    const groups = readAheadTogether([1, 2, 3, 4, 5, 6, 7, 8, 9], fetch, 3, 10);
    const first = groups.next();
    await answer(1);
    await first;
    // One processed, three in flight: four in hand, as readAhead has.
    expect(sent).toEqual([1, 2, 3, 4]);
    const second = groups.next();
    await answer(3);
    await answer(4);
    await answer(2);
    expect((await second).value?.map(([n]: [number, unknown]) => n)).toEqual([2, 3, 4]);
    // Three held: one more in flight, not three.
    expect(sent).toEqual([1, 2, 3, 4, 5]);
    const third = groups.next();
    await tick(1);
    expect(sent).toEqual([1, 2, 3, 4, 5]);
    await answer(5);
    await third;
    expect(sent).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    await groups.return(undefined);
  });
});
