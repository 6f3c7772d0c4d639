import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import type { StreamRecord } from '../../src/db/index.js';
import { DEFERRED_TABLE, buildDeferredIndex, deferReportIndexes } from '../../src/db/sqlite/deferred-indexes.js';
import { openSqlite } from '../../src/db/sqlite/open.js';
import type { SyncSettings } from '../../src/jobs/context.js';
import { InterruptedError } from '../../src/jobs/errors.js';
import type { RunResult } from '../../src/jobs/run-sync.js';
import { summarizeTeams } from '../../src/reports/index.js';
import { runCli } from '../../src/main.js';
import { captureIo } from '../helpers/cli-io.js';
import { useHarness, type Harness } from '../helpers/harness.js';
import { migrationsUpTo } from '../helpers/old-migrations.js';
import { useTempDir } from '../helpers/tmp.js';

type IndexDefinition = { name: string; sql: string | null };
const INCIDENT_INDEXES = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'incidents' ORDER BY name";
const SET_ASIDE = ['incidents_ack_order_idx', 'incidents_open_order_idx', 'incidents_resolve_order_idx', 'incidents_team_count_idx', 'incidents_team_report_idx', 'incidents_title_count_idx', 'incidents_triggered_idx'];
const WHOLE_HISTORY = { since: new Date('2000-01-01T00:00:00Z'), until: new Date('2100-01-01T00:00:00Z') };

/** The incident indexes a store built by every migration has. */
function migratedIndexes(dir: string): IndexDefinition[] {
  const handle = openSqlite(join(dir, 'migrated.db'));
  try {
    return handle.sqlite.prepare(INCIDENT_INDEXES).all() as IndexDefinition[];
  } finally {
    handle.close();
  }
}

/** What another connection sees of the store's incident indexes, and whether any is recorded as set aside. */
function indexState(h: Harness): { names: string[]; recorded: string[] } {
  const { sqlite } = h.sqliteFile();
  const names = (sqlite.prepare(INCIDENT_INDEXES).all() as IndexDefinition[]).map((i) => i.name);
  const table = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(DEFERRED_TABLE);
  const recorded = table ? (sqlite.prepare(`SELECT name FROM ${DEFERRED_TABLE} ORDER BY name`).all() as { name: string }[]).map((r) => r.name) : [];
  return { names, recorded };
}

type IndexState = ReturnType<typeof indexState>;

/** A sync that looks at the indexes each time a team's incident stream is recorded. */
async function syncWatchingIndexes(h: Harness, settings: Partial<SyncSettings> = {}): Promise<{ result: RunResult; during: IndexState[] }> {
  const during: IndexState[] = [];
  const result = await h.sync(settings, { onStreamRecorded: (record) => void (record.stream === 'incidents' && during.push(indexState(h))) });
  return { result, during };
}

/** A first sync stopped by a signal once `teams` teams' incident streams are recorded. */
async function syncStoppedAfter(h: Harness, teams: number): Promise<void> {
  const stop = new AbortController();
  let read = 0;
  const onStreamRecorded = (record: StreamRecord) => {
    if (record.stream === 'incidents' && ++read === teams) stop.abort();
  };
  await expect(h.sync({}, { signal: stop.signal, onStreamRecorded })).rejects.toThrow(InterruptedError);
}

/** What `spike-sync status` prints. */
async function statusText(h: Harness): Promise<string> {
  const io = captureIo(h.env);
  expect(await runCli(['status'], io)).toBe(0);
  return io.out();
}

describe('report indexes set aside for a first backfill (SQLite)', () => {
  const startHarness = useHarness('sqlite');
  const tempDir = useTempDir();

  it('a cold sync writes its incidents without them and ends with every index the migrations define', async () => {
    const h = await startHarness({ org: { teams: 2, incidentsPerTeam: 150 } });
    const expected = migratedIndexes(tempDir());
    const { result, during } = await syncWatchingIndexes(h);
    expect(result.status).toBe('ok');
    expect(during.map((state) => state.recorded)).toEqual([SET_ASIDE, SET_ASIDE]);
    expect(h.sqliteFile().sqlite.prepare(INCIDENT_INDEXES).all()).toEqual(expected);
    expect(indexState(h).recorded).toEqual([]);
    expect(await h.count('incidents')).toBe(300);
  });

  it('a store that holds incidents keeps every index through a run', async () => {
    const h = await startHarness({ org: { teams: 2, incidentsPerTeam: 120 } });
    await h.sync();
    const { during } = await syncWatchingIndexes(h, { full: true });
    const all = indexState(h).names;
    expect(all).toEqual(expect.arrayContaining(SET_ASIDE));
    expect(during.map((state) => state.names)).toEqual([all, all]);
  });

  it('a run stopped by a signal leaves them aside; the next run goes on without them and builds them when it ends', async () => {
    const h = await startHarness({ org: { teams: 3, incidentsPerTeam: 120 } });
    await syncStoppedAfter(h, 1);
    expect(indexState(h).recorded).toEqual(SET_ASIDE);
    expect(await h.count('incidents')).toBeGreaterThan(0);
    expect(await statusText(h)).toMatch(/\nreport indexes: 7 set aside for the first backfill, built when a run ends \(reports are slower until then\)\n$/);

    const { result, during } = await syncWatchingIndexes(h);
    expect(result.status).toBe('ok');
    expect(during.length).toBeGreaterThan(0);
    for (const state of during) expect(state.recorded).toEqual(SET_ASIDE);
    expect(indexState(h)).toEqual({ names: migratedIndexes(tempDir()).map((i) => i.name), recorded: [] });
    expect(await h.count('incidents')).toBe(360);
    expect(await statusText(h)).not.toMatch(/report indexes/);
  });

  it('reports read the same figures while the indexes are aside as once they are built', async () => {
    const h = await startHarness({ org: { teams: 3, incidentsPerTeam: 120 } });
    await syncStoppedAfter(h, 2);
    const store = await h.openStore();
    try {
      const deferred = await store.deferReportIndexes();
      expect(deferred?.names).toEqual(SET_ASIDE);
      // The whole history: where the indexes are there, per-team durations are read in order through two of them.
      const aside = await summarizeTeams(store.reader, WHOLE_HISTORY);
      expect(aside.filter((row) => row.incidents > 0)).toHaveLength(2);
      await deferred!.build();
      expect(await store.deferReportIndexes()).toBeNull();
      expect(await summarizeTeams(store.reader, WHOLE_HISTORY)).toEqual(aside);
    } finally {
      await store.close();
    }
  });

  it('a build stopped between two indexes leaves the rest aside, and the next run builds them', async () => {
    const h = await startHarness({ org: { teams: 2, incidentsPerTeam: 120 } });
    await syncStoppedAfter(h, 1);
    const store = await h.openStore();
    try {
      const deferred = (await store.deferReportIndexes())!;
      const halt = new AbortController();
      halt.abort();
      expect(await deferred.build(halt.signal)).toBe(false);
      expect(indexState(h).recorded).toEqual(SET_ASIDE);
      // One built by hand, as a build stopped after the first would leave it.
      expect(buildDeferredIndex(h.sqliteFile().sqlite, SET_ASIDE[0]!)).toBe(true);
      expect(indexState(h).recorded).toEqual(SET_ASIDE.slice(1));
    } finally {
      await store.close();
    }
    expect((await h.sync()).status).toBe('ok');
    expect(indexState(h)).toEqual({ names: migratedIndexes(tempDir()).map((i) => i.name), recorded: [] });
  });

  it('an index someone added to incidents stays through a first backfill', async () => {
    const h = await startHarness({ org: { teams: 1, incidentsPerTeam: 50 } });
    h.sqliteFile().sqlite.exec('CREATE INDEX my_titles ON incidents (title)');
    const { during } = await syncWatchingIndexes(h);
    expect(during).toHaveLength(1);
    expect(during[0]!.names).toContain('my_titles');
    expect(during[0]!.names).not.toContain('incidents_team_report_idx');
    expect(indexState(h).names).toContain('my_titles');
  });

  it('a store opened to migrate builds them first, so a migration that alters one finds it', async () => {
    const dir = tempDir();
    const path = join(dir, 'old.db');
    // A store of the release before migration 0011, which drops and recreates the report index.
    const sqlite = new Database(path);
    migrate(drizzle({ client: sqlite }), { migrationsFolder: migrationsUpTo('sqlite', dir, 10) });
    expect(deferReportIndexes(sqlite)).toContain('incidents_team_report_idx');
    sqlite.close();

    const handle = openSqlite(path);
    try {
      expect(handle.sqlite.prepare(INCIDENT_INDEXES).all()).toEqual(migratedIndexes(dir));
      expect(handle.sqlite.prepare("SELECT 1 FROM sqlite_master WHERE name = ?").get(DEFERRED_TABLE)).toBeUndefined();
    } finally {
      handle.close();
    }
  });
});
