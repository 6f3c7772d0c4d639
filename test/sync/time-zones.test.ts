import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/db/index.js';
import { finishWithin, spawnCli } from '../helpers/cli-process.js';
import { useHarness, type Harness } from '../helpers/harness.js';
import { useTempDir } from '../helpers/tmp.js';
import { incidentsOf, teamIdsOf } from '../faults/fault-kit.js';

const startHarness = useHarness();
const tempDir = useTempDir();

const TIME_COLUMNS = 'id, triggered_at, acknowledged_at, resolved_at, created_at, updated_at';

/** Every incident time served without a zone, as some Spike routes and proxies do. */
function serveZonelessTimes(h: Harness): void {
  for (const teamId of teamIdsOf(h)) {
    for (const incident of incidentsOf(h, teamId)) {
      for (const key of ['NACK_at', 'ACK_at', 'RES_at', 'createdAt', 'updatedAt']) {
        if (typeof incident[key] === 'string') incident[key] = String(incident[key]).replace(/(\.\d+)?Z$/, '');
      }
    }
  }
}

async function syncUnder(tz: string, h: Harness, dbPath: string, args: string[] = []): Promise<void> {
  const run = spawnCli(['sync', ...args], { ...h.env, SPIKE_DB_PATH: dbPath, TZ: tz });
  const { code } = await finishWithin(run, 20_000);
  expect(run.stderr()).toBe('');
  expect(code).toBe(0);
}

async function read<T extends object>(dbPath: string, sql: string): Promise<T[]> {
  const store = await openStore({ kind: 'sqlite', path: dbPath }, { mode: 'read' });
  try {
    return await store.reader.all<T>(sql);
  } finally {
    await store.close();
  }
}

describe('timestamps without a zone', () => {
  it('are UTC on every host: runs under two TZ values store the same rows, and a rerun elsewhere writes nothing', async () => {
    const harness = await startHarness({ org: { teams: 2, incidentsPerTeam: [30, 10] } });
    serveZonelessTimes(harness);
    const [first] = incidentsOf(harness, teamIdsOf(harness)[0]!);
    const served = String(first!.NACK_at);
    expect(served).not.toMatch(/Z|[+-]\d\d:?\d\d$/);
    const utcDb = join(tempDir(), 'utc.db');
    const kolkataDb = join(tempDir(), 'kolkata.db');

    await syncUnder('UTC', harness, utcDb);
    await syncUnder('Asia/Kolkata', harness, kolkataDb);

    const query = `SELECT ${TIME_COLUMNS} FROM incidents ORDER BY id`;
    const utcRows = await read<Record<string, string | null>>(utcDb, query);
    expect(utcRows).toHaveLength(40);
    expect(await read(kolkataDb, query)).toEqual(utcRows);
    expect(utcRows.find((r) => r.id === first!._id)?.triggered_at).toBe(`${served.slice(0, 19)}.000Z`);

    // The same store synced again, in full, on a host in another zone: nothing changes.
    await syncUnder('Asia/Kolkata', harness, utcDb, ['--full']);
    const [second] = await read<{ inserted: number; updated: number }>(utcDb, "SELECT SUM(rows_inserted) AS inserted, SUM(rows_updated) AS updated FROM sync_run_streams WHERE run_id = 2 AND stream = 'incidents'");
    expect(second).toEqual({ inserted: 0, updated: 0 });
    expect(await read(utcDb, query)).toEqual(utcRows);
  });
});
