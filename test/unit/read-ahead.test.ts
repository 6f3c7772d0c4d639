import { describe, expect, it } from 'vitest';
import { inHandTogether, readAhead } from '../../src/jobs/read-ahead.js';

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

describe('inHandTogether', () => {
  /** A source whose values arrive when the test says; `asked` counts the values pulled from it. */
  function source<T>(values: T[]) {
    const arrivals = values.map(() => {
      const arrival = {} as { promise: Promise<T>; resolve: (value: T) => void; reject: (err: Error) => void };
      arrival.promise = new Promise<T>((resolve, reject) => Object.assign(arrival, { resolve, reject }));
      return arrival;
    });
    let asked = 0;
    let closed = false;
    async function* walk() {
      try {
        for (const arrival of arrivals) {
          asked++;
          yield await arrival.promise;
        }
      } finally {
        closed = true;
      }
    }
    return {
      walk: walk(),
      arrive: (n: number, value = values[n] as T) => arrivals[n]?.resolve(value),
      fail: (n: number, err: Error) => arrivals[n]?.reject(err),
      get asked() {
        return asked;
      },
      get closed() {
        return closed;
      },
    };
  }

  it('groups the values already in hand, up to max, and waits for none past the first', async () => {
    const s = source([1, 2, 3, 4, 5, 6]);
    const groups = inHandTogether(s.walk, 2);
    s.arrive(0);
    s.arrive(1);
    s.arrive(2);
    expect((await groups.next()).value).toEqual([1, 2]);
    // 3 is in hand, 4 is not: the group does not wait for it.
    expect((await groups.next()).value).toEqual([3]);
    const next = groups.next();
    await tick(5);
    s.arrive(3);
    s.arrive(4);
    s.arrive(5);
    expect((await next).value).toEqual([4, 5]);
    expect((await groups.next()).value).toEqual([6]);
    expect((await groups.next()).done).toBe(true);
    expect(s.closed).toBe(true);
  });

  it('yields the group taken before a failure, then throws it', async () => {
    const s = source([1, 2, 3]);
    const groups = inHandTogether(s.walk, 5);
    s.arrive(0);
    s.arrive(1);
    s.fail(2, new Error('page 3 failed'));
    expect((await groups.next()).value).toEqual([1, 2]);
    await expect(groups.next()).rejects.toThrow('page 3 failed');
  });

  it('a consumer that stops early closes the source, after the value it was waiting for', async () => {
    const s = source([1, 2, 3, 4]);
    s.arrive(0);
    const stopped = (async () => {
      for await (const _ of inHandTogether(s.walk, 3)) throw new Error('could not store it');
    })();
    await tick(5);
    expect(s.closed).toBe(false);
    s.arrive(1);
    await expect(stopped).rejects.toThrow('could not store it');
    expect(s.closed).toBe(true);
    expect(s.asked).toBe(2);
  });
});
