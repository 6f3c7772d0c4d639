import { expect, it } from 'vitest';
import type { IncidentRow, Store, StreamProgress, StreamState } from '../../src/db/index.js';
import { useFreshStore } from '../helpers/fresh-store.js';
import { describeEachStore } from '../helpers/stores.js';
import { incidentRow } from '../reports/fixture.js';

const NOW = '2026-08-20T12:00:00.000Z';
const LATER = '2026-08-20T12:15:00.000Z';
const TEAM = 'team-a';

const freshStore = useFreshStore();

function incidents(count: number, title = 'Disk full'): IncidentRow[] {
  return Array.from({ length: count }, (_, i) => incidentRow({ id: `inc-${String(i).padStart(5, '0')}`, teamId: TEAM, title, status: 'NACK', triggeredAt: NOW }));
}

describeEachStore('a page written with its stream progress', (kind) => {
  /** A fresh store with a running stream, whose ledger row takes the request counts. */
  async function start(): Promise<{ store: Store; progress: (patch: Partial<StreamState>, sent: number) => StreamProgress; stored: () => Promise<unknown> }> {
    const store = await freshStore(kind);
    const runId = await store.ledger.startRun({ trigger: 'cli', full: false, now: NOW, pid: 1 });
    const rowId = await store.ledger.beginStream(runId, { teamId: TEAM, stream: 'incidents', startedAt: NOW });
    return {
      store,
      progress: (patch, sent) => ({ checkpoint: { teamId: TEAM, stream: 'incidents', patch }, requests: { rowId, sent } }),
      stored: async () => ({
        incidents: Number(await store.reader.all<{ n: number }>('SELECT count(*) AS n FROM incidents').then((r) => r[0]?.n)),
        titles: (await store.reader.all<{ title: string }>('SELECT DISTINCT title FROM incidents')).map((r) => r.title),
        checkpoint: await store.readStreamState(TEAM, 'incidents'),
        requests: Number((await store.reader.all<{ requests: number }>('SELECT requests FROM sync_run_streams WHERE id = @rowId', { rowId }))[0]?.requests),
      }),
    };
  }

  it('commits the rows, the checkpoint and the request count together, and counts what it wrote', async () => {
    const { store, progress, stored } = await start();
    expect(await store.writePage('incidents', incidents(100), NOW, progress({ resumePage: 2, watermark: NOW }, 1))).toEqual({ inserted: 100, updated: 0, unchanged: 0 });
    expect(await stored()).toEqual({ incidents: 100, titles: ['Disk full'], checkpoint: { watermark: NOW, resumePage: 2, lastFullAt: null, lastSuccessAt: null }, requests: 1 });

    // The patch is merged into the checkpoint; a count read before an earlier commit never lowers the stored one.
    const changed = [...incidents(99), ...incidents(100, 'Disk fuller').slice(99)];
    expect(await store.writePage('incidents', changed, LATER, progress({ resumePage: 3 }, 0))).toEqual({ inserted: 0, updated: 1, unchanged: 99 });
    expect(await stored()).toEqual({ incidents: 100, titles: expect.arrayContaining(['Disk full', 'Disk fuller']), checkpoint: { watermark: NOW, resumePage: 3, lastFullAt: null, lastSuccessAt: null }, requests: 1 });
  });

  it('commits nothing of a page the store refuses a row of: not its checkpoint, not its count', async () => {
    const { store, progress, stored } = await start();
    await store.writePage('incidents', incidents(10), NOW, progress({ resumePage: 2 }, 1));
    const before = await stored();
    const refused = [...incidents(20, 'Disk fuller'), incidentRow({ id: 'untitled', teamId: TEAM, title: null as unknown as string, status: 'NACK', triggeredAt: NOW })];
    await expect(store.writePage('incidents', refused, LATER, progress({ resumePage: 3 }, 2))).rejects.toThrow();
    expect(await stored()).toEqual(before);
  });

  it('writes a page no single statement holds, and one without rows, with their progress', async () => {
    const { store, progress, stored } = await start();
    // More rows than one PostgreSQL statement binds (60,000 parameters, 21 columns).
    expect(await store.writePage('incidents', incidents(3000), NOW, progress({ resumePage: 2 }, 1))).toEqual({ inserted: 3000, updated: 0, unchanged: 0 });
    expect(await store.writePage('incidents', [], LATER, progress({ resumePage: null, lastFullAt: NOW }, 2))).toEqual({ inserted: 0, updated: 0, unchanged: 0 });
    expect(await stored()).toEqual({ incidents: 3000, titles: ['Disk full'], checkpoint: { watermark: null, resumePage: null, lastFullAt: NOW, lastSuccessAt: null }, requests: 2 });
  });
});
