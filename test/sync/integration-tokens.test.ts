import { existsSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { runCli } from '../../src/main.js';
import { REDACTED } from '../../src/lib/secret-fields.js';
import { captureIo } from '../helpers/cli-io.js';
import { useHarness } from '../helpers/harness.js';
import { describeEachStore } from '../helpers/stores.js';

function storeBytes(path: string): string {
  return ['', '-wal', '-shm'].filter((s) => existsSync(path + s)).map((s) => readFileSync(path + s).toString('latin1')).join('');
}

describeEachStore('integration tokens', (store) => {
  const startHarness = useHarness(store);

  it('are stored nowhere and logged nowhere, even at trace level', async () => {
    const h = await startHarness({ org: { teams: 2, incidentsPerTeam: [5, 5] } });
    const tokens = (h.server.org.integrations ?? []).map((i) => String(i.token));
    expect(tokens.length).toBeGreaterThan(0);
    const io = captureIo({ ...h.env, LOG_LEVEL: 'trace' });
    expect(await runCli(['sync'], io)).toBe(0);

    const output = io.out() + io.err();
    expect(output).toContain('spike request');
    const rows = await h.query<Record<string, unknown>>('SELECT * FROM integrations');
    expect(rows).toHaveLength(tokens.length);
    for (const row of rows) expect(JSON.parse(String(row.raw))).toHaveProperty('token', REDACTED);
    const everything = [output, JSON.stringify(rows), JSON.stringify(await h.query('SELECT * FROM sync_run_streams'))].join('\n');
    for (const token of tokens) expect(everything).not.toContain(token);
    if (h.storeKind === 'sqlite') for (const token of tokens) expect(storeBytes(h.dbPath)).not.toContain(token);
  });
});
