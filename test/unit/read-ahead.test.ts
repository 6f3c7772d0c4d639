import { describe, expect, it } from 'vitest';
import { readAhead, readAheadTogether } from '../../src/jobs/read-ahead.js';
import { controlledFetch, firstTwoGroups } from '../helpers/controlled-fetch.js';

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
  it('yields together the fetches that ended by the time the caller asks, up to most, in order', async () => {
    const { fetch, answer } = controlledFetch((n) => n * 10);
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
    const control = controlledFetch((n) => n * 10);
    const { sent, answer } = control;
    const groups = readAheadTogether([1, 2, 3, 4, 5, 6, 7, 8, 9], control.fetch, 3, 10);
    const seen = await firstTwoGroups(groups, control);
    // One processed, three in flight: four in hand, as readAhead has.
    expect(seen.sentAfterFirst).toEqual([1, 2, 3, 4]);
    expect(seen.second.map(([n]) => n)).toEqual([2, 3, 4]);
    // Three held: one more in flight, not three.
    expect(seen.sentAfterSecond).toEqual([1, 2, 3, 4, 5]);
    // Handed back: three in flight again at once, not only once the next one arrives.
    const third = groups.next();
    await tick(1);
    expect(sent).toEqual([1, 2, 3, 4, 5, 6, 7]);
    await answer(5);
    expect((await third).value?.map(([n]: [number, unknown]) => n)).toEqual([5]);
    expect(sent).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    await groups.return(undefined);
  });
});
