import { existsSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { runCli } from '../../src/main.js';
import { REDACTED } from '../../src/lib/secret-fields.js';
import { captureIo } from '../helpers/cli-io.js';
import { useHarness, type Harness } from '../helpers/harness.js';
import { describeEachStore } from '../helpers/stores.js';

function storeBytes(path: string): string {
  return ['', '-wal', '-shm'].filter((s) => existsSync(path + s)).map((s) => readFileSync(path + s).toString('latin1')).join('');
}

async function storedText(h: Harness, tables: readonly string[]): Promise<string> {
  const dumps = await Promise.all(tables.map((table) => h.query(`SELECT * FROM ${table}`)));
  return JSON.stringify(dumps);
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

  it('are hidden in every form: nested, any casing, named otherwise, in webhook URLs, populated in incidents, echoed in text', async () => {
    const h = await startHarness({ org: { teams: 1, incidentsPerTeam: [8] } });
    const org = h.server.org;
    const integrations = org.integrations ?? [];
    expect(integrations.length).toBeGreaterThanOrEqual(2);
    const [first, second] = integrations as [Record<string, unknown>, Record<string, unknown>];
    const secret = (name: string) => `tok_${name}_5f1e2d3c4b5a69788796`;
    Object.assign(first, { Token: secret('cased'), config: { token: secret('config'), nested: [{ apiKey: secret('apikey') }] } });
    Object.assign(second, { integrationToken: secret('camel'), webhookUrl: `https://hooks.spike.sh/${secret('webhook')}` });
    const [echoed, populated, logged] = org.incidents.filter((i) => i['status'] === 'RES') as Record<string, unknown>[];
    if (!echoed || !populated || !logged) throw new Error('fewer than three resolved incidents');
    // Spike may populate the integration with its token; the alert sender may quote a token in the title.
    populated['integration'] = { _id: first['_id'], customName: 'Checkout', token: secret('populated'), Token: secret('populatedcased') };
    populated['metadata'] = { source: `alert from https://hooks.spike.sh/${secret('inmetadata')}` };
    // Incidents are read before the integrations: a token echoed in a title is learnt too late for that run.
    echoed['message'] = `Disk full ${String(first['token'])}`;
    // An item skipped for a value it quotes in the reason the ledger keeps.
    const unreadable = org.incidents.find((i) => ![echoed, populated, logged].includes(i as Record<string, unknown>))!;
    unreadable['NACK_at'] = `hooks.spike.sh/${secret('intime')}`;
    org.activityLogs.set(String(logged['_id']), [
      { _id: 'e1', type: 'triggered', message: `Triggered by ${secret('camel')} via ${String(second['token'])}`, createdAt: String(logged['NACK_at']) },
      { _id: 'e2', type: 'resolved', message: 'Resolved', createdAt: String(logged['RES_at']) },
    ]);

    const io = captureIo({ ...h.env, LOG_LEVEL: 'trace' });
    expect(await runCli(['sync', '--backfill-activity', '36500d'], io)).toBe(0);

    const hidden = [
      ...integrations.map((i) => String(i['token'])),
      ...['cased', 'config', 'apikey', 'camel', 'webhook', 'populated', 'populatedcased', 'inmetadata', 'intime'].map(secret),
    ];
    const output = io.out() + io.err();
    const ledger = await storedText(h, ['sync_runs', 'sync_run_streams']);
    const stored = await storedText(h, ['integrations', 'incident_events', 'services', 'escalation_policies']);
    const incidents = await h.query<{ id: string; raw: string }>('SELECT id, raw FROM incidents WHERE id <> @echoed', { echoed: echoed['_id'] });
    for (const token of hidden) {
      expect(output).not.toContain(token);
      expect(ledger).not.toContain(token);
      expect(stored).not.toContain(token);
      expect(JSON.stringify(incidents)).not.toContain(token);
    }
    const raw = JSON.parse(String(incidents.find((i) => i.id === populated['_id'])?.raw)) as Record<string, Record<string, unknown>>;
    expect(raw['integration']).toMatchObject({ token: REDACTED, Token: REDACTED, customName: 'Checkout' });
    expect(raw['metadata']?.['source']).toBe(`alert from https://hooks.spike.sh/${REDACTED}`);
    const message = await h.value('SELECT message FROM incident_events WHERE incident_id = @id AND kind = @kind', { id: logged['_id'], kind: 'triggered' });
    expect(message).toBe(`Triggered by ${REDACTED} via ${REDACTED}`);
    // The reason quotes the start of the value only: no part of the token is left either.
    expect(ledger).toContain(`hooks.spike.sh/${REDACTED}`);
    expect(ledger).not.toContain('tok_intime');
  });
});
