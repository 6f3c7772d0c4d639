import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/main.js';
import { captureIo } from '../helpers/cli-io.js';
import { API_KEY, useHarness } from '../helpers/harness.js';
import { SMALL_ORG, firstIncidentPage, teamIdsOf } from '../faults/fault-kit.js';

// SQLite only: the store is also grepped byte by byte in its files; the row reads go through the port.
const startHarness = useHarness('sqlite');

function storeBytes(path: string): string {
  return ['', '-wal', '-shm'].filter((s) => existsSync(path + s)).map((s) => readFileSync(path + s).toString('latin1')).join('');
}

/**
 * Syncs with one resolved incident of the third team titled `title`, its page's body text passed through
 * `encode` on the way out, and returns that incident's stored row. Resolved: the open-set lists that follow never serve it again.
 */
async function syncTitle(title: string, encode: (text: string) => string = (text) => text) {
  const harness = await startHarness({ org: SMALL_ORG });
  const [, , c] = teamIdsOf(harness);
  const page = firstIncidentPage(harness, c!);
  const incident = page.find((i) => i.status === 'RES')!;
  incident.message = title;
  const body = encode(JSON.stringify({ incidents: page, pagination: { page: 1, perPage: 100, total: page.length } }));
  harness.server.faults.push({ path: '/incidents', teamId: c, fault: { kind: 'status', status: 200, body } });
  expect(await runCli(['sync'], captureIo(harness.env))).toBe(0);
  const row = (await harness.one<{ title: string; raw: string }>('SELECT title, raw FROM incidents WHERE id = @id', { id: incident._id }))!;
  return { row, harness };
}

describe('the API key never leaks', () => {
  it('is absent from trace logs, summaries, errors and the store, through retries and failures', async () => {
    const harness = await startHarness();
    const [a, b] = harness.server.org.teams.map((t) => t._id as string);
    harness.server.faults.push(
      { path: '/incidents', teamId: a, times: 1, fault: { kind: 'status', status: 503 } },
      { path: '/users', teamId: a, times: 1, fault: { kind: 'reset' } },
      { path: '/on-calls', teamId: b, fault: { kind: 'status', status: 400, body: JSON.stringify({ message: 'bad', error: 'BAD_REQUEST' }) } },
      { path: '/incidents/triggered', teamId: b, times: 1, fault: { kind: 'html' } },
    );
    const io = captureIo({ ...harness.env, LOG_LEVEL: 'trace', SPIKE_HTTP_RETRIES: '1' });
    const code = await runCli(['sync'], io);
    expect(code).toBe(2);
    const output = io.out() + io.err();
    expect(output).toMatch(/"level":10|"level":20/);
    expect(output).toContain('spike request');
    expect(output).not.toContain(API_KEY);

    harness.server.faults.push({ path: '/teams/get-all-teams', fault: { kind: 'status', status: 401 } });
    const rejected = captureIo({ ...harness.env, LOG_LEVEL: 'trace' });
    expect(await runCli(['sync'], rejected)).toBe(1);
    expect(rejected.err()).toMatch(/API key rejected/);
    expect(rejected.out() + rejected.err()).not.toContain(API_KEY);

    expect(storeBytes(harness.dbPath)).not.toContain(API_KEY);
  });

  it('is scrubbed from an error body that echoes it, wherever that text goes', async () => {
    const harness = await startHarness();
    const [a] = harness.server.org.teams.map((t) => t._id as string);
    harness.server.faults.push(
      { path: '/incidents', teamId: a, fault: { kind: 'echo-key' } },
      { path: '/orgs/members', fault: { kind: 'echo-key', status: 400 } },
    );
    // A reader kept open keeps the WAL file on disk, so what the sync wrote there is inspected too.
    harness.sqliteFile();
    const outputs: string[] = [];
    for (const level of ['trace', 'info']) {
      const io = captureIo({ ...harness.env, LOG_LEVEL: level, SPIKE_HTTP_RETRIES: '1' });
      expect(await runCli(['sync'], io)).toBe(2);
      outputs.push(io.out(), io.err());
    }
    expect(harness.server.requests.filter((r) => r.status === 500 || r.status === 400).length).toBeGreaterThanOrEqual(4);
    for (const format of ['table', 'json', 'csv']) {
      const io = captureIo(harness.env);
      expect(await runCli(['status', '--format', format], io)).toBe(0);
      outputs.push(io.out(), io.err());
    }
    const all = outputs.join('\n');
    expect(all).toContain('spike request failed, retrying');
    expect(all).toMatch(/answered HTTP 500: upstream rejected request with headers \{"x-api-key":"\[redacted\]"\}/);
    expect(all).not.toContain(API_KEY);
    expect(existsSync(`${harness.dbPath}-wal`)).toBe(true);
    expect(storeBytes(harness.dbPath)).toContain('[redacted]');
    expect(storeBytes(harness.dbPath)).not.toContain(API_KEY);
  });

  it('is scrubbed from a successful body that quotes it, so neither a typed column nor raw JSON holds it', async () => {
    const { row, harness } = await syncTitle(`webhook failed: curl -H "x-api-key: ${API_KEY}" https://api.spike.sh`);
    expect(row.title).toBe('webhook failed: curl -H "x-api-key: [redacted]" https://api.spike.sh');
    expect(row.raw).toContain('[redacted]');
    expect(storeBytes(harness.dbPath)).not.toContain(API_KEY);
  });

  it('is scrubbed from a successful body that writes it with JSON escapes', async () => {
    // The same characters, one written as a \u escape: the raw text no longer holds the key, the parsed string does.
    expect(API_KEY.startsWith('s')).toBe(true);
    const escaped = (text: string) => {
      const out = text.replace(API_KEY, `\\u0073${API_KEY.slice(1)}`);
      expect(out).not.toContain(API_KEY);
      return out;
    };
    const { row, harness } = await syncTitle(`token ${API_KEY} leaked`, escaped);
    expect(row.title).toBe('token [redacted] leaked');
    expect(storeBytes(harness.dbPath)).not.toContain(API_KEY);
  });
});
