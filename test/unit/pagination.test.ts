import { describe, expect, it } from 'vitest';
import { SpikePaginationError, SpikeResponseError, paginate, paginateTogether, type Page } from '../../src/spike/index.js';
import { unwrapList, unwrapObject } from '../../src/spike/unwrap.js';
import { controlledFetch, firstTwoGroups } from '../helpers/controlled-fetch.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const items = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ _id: `id${from + i}` }));

async function collect(total: number, perPage: number, startPage = 1) {
  const asked: number[] = [];
  const pages: number[] = [];
  for await (const page of paginate(async (p, size) => {
    asked.push(p);
    return items((p - 1) * size, Math.max(0, Math.min(size, total - (p - 1) * size)));
  }, { perPage, startPage, label: 'test' })) {
    pages.push(page.items.length);
  }
  return { asked, pages };
}

describe('paginate', () => {
  it('stops on a short page', async () => {
    expect(await collect(250, 100)).toEqual({ asked: [1, 2, 3], pages: [100, 100, 50] });
  });

  it('reads one empty page past an exact multiple', async () => {
    expect(await collect(200, 100)).toEqual({ asked: [1, 2, 3], pages: [100, 100] });
  });

  it('handles an empty listing with one request', async () => {
    expect(await collect(0, 100)).toEqual({ asked: [1], pages: [] });
  });

  it('resumes from a later page', async () => {
    expect(await collect(250, 100, 2)).toEqual({ asked: [2, 3], pages: [100, 50] });
  });

  it('fetches the next concurrency - 1 pages while one is processed, yields them in order and stops at the short page', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const asked: number[] = [];
    const pages: number[] = [];
    const fetchPage = async (p: number, size: number) => {
      asked.push(p);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      // Later pages answer sooner, so order must come from the queue, not from arrival.
      await new Promise((resolve) => setTimeout(resolve, 10 - p));
      inFlight--;
      return items((p - 1) * size, Math.max(0, Math.min(size, 650 - (p - 1) * size)));
    };
    for await (const page of paginate(fetchPage, { perPage: 100, concurrency: 4, label: 'test' })) pages.push(page.page);
    expect(pages).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(maxInFlight).toBe(3);
    // The end is only known from page 7; pages 8 and 9 were already asked for.
    expect(asked).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('asks for one page only when the listing fits in it', async () => {
    const asked: number[] = [];
    for await (const _ of paginate(async (p) => (asked.push(p), items(0, 40)), { concurrency: 4, label: 'test' })) {
      /* reading */
    }
    expect(asked).toEqual([1]);
  });

  it('with concurrency 1 asks for no page past the one where the consumer stops', async () => {
    const asked: number[] = [];
    for await (const page of paginate(async (p) => (asked.push(p), items(p * 100, 100)), { label: 'test' })) {
      if (page.page === 2) break;
    }
    expect(asked).toEqual([1, 2]);
  });

  it('a consumer that stops with pages fetched ahead: they are abandoned, and settled before the walk gives control back', async () => {
    const open = new Set<number>();
    const abandoned: number[] = [];
    // Pages after the first answer only once abandoned, as a request cut short by its signal does.
    const fetchPage = (p: number, size: number, signal: AbortSignal) => {
      if (p === 1) return Promise.resolve(items(0, size));
      open.add(p);
      return new Promise<unknown[]>((_, reject) => {
        signal.addEventListener('abort', () => {
          abandoned.push(p);
          open.delete(p);
          reject(new Error('abandoned'));
        });
      });
    };
    const consume = async () => {
      for await (const _ of paginate(fetchPage, { perPage: 100, concurrency: 4, label: 'test' })) throw new Error('the page could not be stored');
    };
    await expect(consume()).rejects.toThrow('the page could not be stored');
    expect(abandoned).toEqual([2, 3, 4]);
    expect(open.size).toBe(0);
  });

  it('pages fetched past the end of the listing are answered, not abandoned, before the walk ends', async () => {
    const settled: number[] = [];
    const fetchPage = async (p: number, size: number, signal: AbortSignal) => {
      // Past the end (page 2 is short), pages answer last.
      await new Promise((resolve) => setTimeout(resolve, p > 2 ? 20 : 1));
      expect(signal.aborted).toBe(false);
      settled.push(p);
      return items((p - 1) * size, p === 1 ? size : p === 2 ? 30 : 0);
    };
    const pages: number[] = [];
    for await (const page of paginate(fetchPage, { perPage: 100, concurrency: 4, label: 'test' })) pages.push(page.page);
    expect(pages).toEqual([1, 2]);
    expect(settled.sort()).toEqual([1, 2, 3, 4]);
  });

  it('a consumer that fails on the last page abandons the pages fetched past the end instead of waiting for them', async () => {
    const abandoned: number[] = [];
    // Page 2 is short; the pages past it answer only once abandoned.
    const fetchPage = (p: number, size: number, signal: AbortSignal) => {
      if (p <= 2) return Promise.resolve(items((p - 1) * size, p === 1 ? size : 30));
      return new Promise<unknown[]>((_, reject) => {
        signal.addEventListener('abort', () => {
          abandoned.push(p);
          reject(new Error('abandoned'));
        });
      });
    };
    const consume = async () => {
      for await (const page of paginate(fetchPage, { perPage: 100, concurrency: 4, label: 'test' })) {
        if (page.last) throw new Error('the last page could not be stored');
      }
    };
    await expect(consume()).rejects.toThrow('the last page could not be stored');
    expect(abandoned.sort()).toEqual([3, 4]);
  });

  it('fails loudly when the server ignores the page parameter', async () => {
    const run = async () => {
      for await (const _ of paginate(async () => items(0, 100), { label: 'GET /incidents' })) {
        /* reading */
      }
    };
    await expect(run()).rejects.toThrow(SpikePaginationError);
    await expect(run()).rejects.toThrow(/page 2 repeats page 1/);
  });
});

describe('unwrapList', () => {
  const ctx = { method: 'GET', path: '/incidents', teamId: 't' };
  const list = [{ _id: 'a' }];
  it.each([
    ['documented key', { incidents: list }],
    ['data', { data: list }],
    ['data.<key>', { data: { incidents: list } }],
    ['result.<key>', { result: { incidents: list } }],
    ['result', { result: list }],
    ['bare array', list],
  ])('unwraps %s', (_, body) => {
    expect(unwrapList(body, 'incidents', ctx)).toEqual(list);
  });

  it.each([{ incidents: 'nope' }, { other: [] }, null, 'text', 42])('rejects %j with the shape it saw', (body) => {
    expect(() => unwrapList(body, 'incidents', ctx)).toThrow(SpikeResponseError);
    expect(() => unwrapList(body, 'incidents', ctx)).toThrow(/expected a list under "incidents"/);
  });

  it('unwraps detail objects, wrapped or bare', () => {
    expect(unwrapObject({ incident: { _id: 'a' } }, 'incident', ctx)).toEqual({ _id: 'a' });
    expect(unwrapObject({ _id: 'b', firstName: 'Ada' }, 'user', ctx)).toEqual({ _id: 'b', firstName: 'Ada' });
    expect(() => unwrapObject({ nothing: true }, 'incident', ctx)).toThrow(SpikeResponseError);
  });
});

describe('paginateTogether', () => {
  const full = (page: number) => Array.from({ length: 100 }, (_, i) => ({ _id: `${page}-${i}` }));

  it('yields the pages that arrived together, and the ones before a failed page before its failure', async () => {
    const answers = new Map<number, { resolve: (items: unknown[]) => void; reject: (err: Error) => void }>();
    const fetchPage = (page: number) => new Promise<unknown[]>((resolve, reject) => answers.set(page, { resolve, reject }));
    const groups = paginateTogether(fetchPage, { concurrency: 4, label: 'test' }, 10);
    const first = groups.next();
    await tick(1);
    answers.get(1)?.resolve(full(1));
    expect((await first).value?.map((p: Page) => p.page)).toEqual([1]);
    const second = groups.next();
    await tick(1);
    answers.get(3)?.resolve(full(3));
    answers.get(4)?.reject(new Error('page 4 failed'));
    answers.get(2)?.resolve(full(2));
    expect((await second).value?.map((p: Page) => p.page)).toEqual([2, 3]);
    await expect(groups.next()).rejects.toThrow('page 4 failed');
  });

  it('counts the pages the caller holds against concurrency', async () => {
    const control = controlledFetch(full);
    const groups = paginateTogether((page, _perPage, signal) => control.fetch(page, signal), { concurrency: 4, label: 'test' }, 10);
    const seen = await firstTwoGroups(groups, control);
    expect(seen.sentAfterFirst).toEqual([1, 2, 3, 4]);
    expect(seen.second.map((p) => p.page)).toEqual([2, 3, 4]);
    // Three held, one in flight: four in hand, as with one page at a time.
    expect(seen.sentAfterSecond).toEqual([1, 2, 3, 4, 5]);
    // Handed back: three in flight again at once.
    const third = groups.next();
    await tick(1);
    expect(control.sent).toEqual([1, 2, 3, 4, 5, 6, 7]);
    await control.answer(5);
    await third;
    await groups.return(undefined);
  });

  it('sends every page of the listing and none that paginate would not, at every concurrency and however the pages group', async () => {
    for (const concurrency of [1, 2, 4, 8]) {
      for (const listed of [0, 99, 100, 250, 1234]) {
        const sentBy = async (walk: (fetchPage: (page: number) => Promise<unknown[]>) => AsyncIterable<unknown>) => {
          const sent: number[] = [];
          const fetchPage = async (page: number) => {
            sent.push(page);
            await tick(page % 3);
            return Array.from({ length: Math.max(0, Math.min(100, listed - (page - 1) * 100)) }, (_, i) => ({ _id: `${page}-${i}` }));
          };
          for await (const _ of walk(fetchPage)) await tick(2);
          return sent.sort((a, b) => a - b);
        };
        const alone = await sentBy((f) => paginate(f, { concurrency, label: 'test' }));
        const together = await sentBy((f) => paginateTogether(f, { concurrency, label: 'test' }, 10));
        const pages = Math.floor(listed / 100) + 1;
        expect(together.slice(0, pages)).toEqual(Array.from({ length: pages }, (_, i) => i + 1));
        expect(together.every((page) => alone.includes(page))).toBe(true);
        // Past the end, at most concurrency - 2 requests, and none for a listing of one page.
        const bound = pages === 1 ? 1 : pages + Math.max(0, concurrency - 2);
        for (const sent of [alone, together]) expect(Math.max(...sent)).toBeLessThanOrEqual(bound);
      }
    }
  });
});
