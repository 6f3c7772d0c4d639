import { expect, it } from 'vitest';
import { runCli } from '../../src/main.js';
import { captureIo } from '../helpers/cli-io.js';
import { API_KEY, useHarness, type Harness } from '../helpers/harness.js';
import { describeEachStore } from '../helpers/stores.js';
import { SMALL_ORG, allRuns, hits, requestsOfTeam, streamRow, teamIdsOf, teamName } from './fault-kit.js';

/** The ledger as the CLI left it. */
async function ledger(h: Harness): Promise<{ runs: Record<string, unknown>[]; stream: (runId: number, team: string, stream: string) => Record<string, unknown> }> {
  const runs = await allRuns(h);
  const rows = await h.query('SELECT * FROM sync_run_streams');
  return {
    runs,
    stream: (runId, team, stream) => {
      const row = rows.find((r) => r.run_id === runId && r.team_id === team && r.stream === stream);
      if (!row) throw new Error(`no ledger row for ${team} ${stream}`);
      return row;
    },
  };
}

/** The harness environment without the default request pacing, which would only slow these runs down. */
function cliEnv(h: Harness, extra: Record<string, string> = {}): Record<string, string> {
  // Sequential pages, so exact request counts can be asserted; prefetching is tested on its own.
  return { ...h.env, SPIKE_MAX_RPS: '0', SPIKE_PAGE_CONCURRENCY: '1', ...extra };
}

function summaryLine(out: string, label: string): string {
  const line = out.split('\n').find((l) => l.startsWith(label));
  if (line === undefined) throw new Error(`no summary line for ${label} in:\n${out}`);
  return line;
}

describeEachStore('spike-sync sync: exit codes and output under faults', (store) => {
  const startHarness = useHarness(store);

  it('exits 0 after a clean run, with one summary line per team and a total', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    const io = captureIo(cliEnv(harness));

    const code = await runCli(['sync'], io);

    expect(code).toBe(0);
    expect(io.err()).toBe('');
    const out = io.out();
    expect(out.split('\n')[0]).toMatch(/^team\s+status\s+rows written\s+requests\s+seconds$/);
    expect(summaryLine(out, '(organisation)')).toMatch(/^\(organisation\)\s+ok\s+\d+\s+2\s/);
    for (const id of teamIdsOf(harness)) expect(summaryLine(out, teamName(harness, id))).toMatch(/\sok\s+\d+\s+\d+\s+[\d.]+$/);
    expect(summaryLine(out, 'total')).toMatch(new RegExp(`^total \\(3 teams, run 1\\)\\s+ok\\s+\\d+\\s+${harness.server.requests.length}\\s`));
    expect(harness.server.requests.every((r) => r.apiKey === API_KEY && r.status === 200)).toBe(true);
    expect((await ledger(harness)).runs).toEqual([expect.objectContaining({ status: 'ok', teams_ok: 3, teams_failed: 0 })]);
  });

  it('exits 2 when one team fails, names the failed stream in the summary and the reason on stderr', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    const [a, b, c] = teamIdsOf(harness);
    harness.server.faults.push({ path: '/on-calls', teamId: b, fault: { kind: 'status', status: 404 } });
    const io = captureIo(cliEnv(harness));

    const code = await runCli(['sync'], io);

    expect(code).toBe(2);
    const out = io.out();
    expect(summaryLine(out, teamName(harness, b!))).toMatch(/\sfailed: oncall_schedules\s/);
    for (const id of [a!, c!]) expect(summaryLine(out, teamName(harness, id))).toMatch(/\sok\s/);
    expect(summaryLine(out, 'total')).toMatch(/^total \(3 teams, run 1\)\s+partial\s/);
    expect(io.err()).toBe(`spike-sync: team ${b} oncall_schedules: GET /on-calls (team ${b}) answered HTTP 404: Not found\n`);
    expect(hits(harness, '/on-calls', b)).toHaveLength(1);
    expect(requestsOfTeam(harness, c!).length).toBeGreaterThan(0);
    const { runs, stream } = await ledger(harness);
    expect(runs).toEqual([expect.objectContaining({ status: 'partial', teams_ok: 2, teams_failed: 1 })]);
    expect(stream(1, b!, 'oncall_schedules')).toMatchObject({ status: 'failed', requests: 1 });
  });

  it('exits 2 when a transient fault outlasts the retries (SPIKE_HTTP_RETRIES=0)', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    const [, , c] = teamIdsOf(harness);
    harness.server.faults.push({ path: '/incidents', teamId: c, fault: { kind: 'status', status: 503 } });
    const io = captureIo(cliEnv(harness, { SPIKE_HTTP_RETRIES: '0' }));

    const code = await runCli(['sync'], io);

    expect(code).toBe(2);
    expect(hits(harness, '/incidents', c).map((r) => r.status)).toEqual([503]);
    expect(summaryLine(io.out(), teamName(harness, c!))).toMatch(/\sfailed: incidents\s/);
    expect(io.err()).toMatch(new RegExp(`^spike-sync: team ${c} incidents: GET /incidents\\?page=1&perPage=100 \\(team ${c}\\) answered HTTP 503`));
    expect((await ledger(harness)).stream(1, c!, 'incidents')).toMatchObject({ status: 'failed', requests: 1 });
  });

  it('exits 2 when a page is unusable, and 0 on the next run once it is fixed', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    const [a] = teamIdsOf(harness);
    harness.server.faults.push({ path: '/users', teamId: a, times: 1, fault: { kind: 'json', body: { oops: [] } } });

    const first = captureIo(cliEnv(harness));
    expect(await runCli(['sync'], first)).toBe(2);
    expect(first.err()).toMatch(/team_members: GET \/users .*expected a list under "users", got an object with keys oops/);

    const second = captureIo(cliEnv(harness));
    expect(await runCli(['sync'], second)).toBe(0);
    expect(summaryLine(second.out(), 'total')).toMatch(/^total \(3 teams, run 2\)\s+ok\s/);
    expect((await ledger(harness)).runs.map((r) => r.status)).toEqual(['partial', 'ok']);
  });

  it.each([401, 403])('exits 1 with one "API key rejected" line on stderr when the team listing answers %i', async (status) => {
    const harness = await startHarness({ org: SMALL_ORG });
    harness.server.faults.push({ path: '/teams/get-all-teams', fault: { kind: 'status', status } });
    const io = captureIo(cliEnv(harness));

    const code = await runCli(['sync'], io);

    expect(code).toBe(1);
    expect(io.out()).toBe('');
    expect(io.err()).toBe(`spike-sync: API key rejected by Spike (HTTP ${status} on GET /teams/get-all-teams); check SPIKE_API_KEY\n`);
    expect(harness.server.requests).toHaveLength(1);
    expect((await ledger(harness)).runs).toEqual([expect.objectContaining({ status: 'failed', error: expect.stringMatching(/API key rejected/) })]);
  });

  it('exits 1 when the key is wrong, without echoing it', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    const wrong = 'sk-wrong-0123456789';
    const io = captureIo(cliEnv(harness, { SPIKE_API_KEY: wrong }));

    const code = await runCli(['sync'], io);

    expect(code).toBe(1);
    expect(io.err().split('\n')).toEqual(['spike-sync: API key rejected by Spike (HTTP 401 on GET /teams/get-all-teams); check SPIKE_API_KEY', '']);
    expect(io.err() + io.out()).not.toContain(wrong);
    expect(harness.server.requests.map((r) => `${r.path} ${r.status} ${String(r.apiKey)}`)).toEqual([`/teams/get-all-teams 401 ${wrong}`]);
  });

  it('exits 1 when the key is rejected on a later team, with nothing asked after it', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    const [, b, c] = teamIdsOf(harness);
    harness.server.faults.push({ path: '/incidents', teamId: b, fault: { kind: 'status', status: 401 } });
    const io = captureIo(cliEnv(harness));

    const code = await runCli(['sync'], io);

    expect(code).toBe(1);
    expect(io.err()).toBe('spike-sync: API key rejected by Spike (HTTP 401 on GET /incidents?page=1&perPage=100); check SPIKE_API_KEY\n');
    expect(harness.server.requests.at(-1)).toMatchObject({ path: '/incidents', teamId: b, status: 401 });
    expect(hits(harness, '/incidents', b)).toHaveLength(1);
    expect(requestsOfTeam(harness, c!)).toEqual([]);
    expect((await ledger(harness)).runs).toEqual([expect.objectContaining({ status: 'failed' })]);
  });
});

describeEachStore('ledger rows written by the CLI', (store) => {
  const startHarness = useHarness(store);

  it('records the failed stream with the route and status, next to the ok ones', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    const [a] = teamIdsOf(harness);
    harness.server.faults.push({ path: '/incidents/acknowledged', teamId: a, fault: { kind: 'status', status: 400 } });
    const io = captureIo(cliEnv(harness));

    expect(await runCli(['sync'], io)).toBe(2);

    expect(await streamRow(harness, 1, a!, 'incidents')).toMatchObject({
      status: 'failed',
      error: `GET /incidents/acknowledged (team ${a}) answered HTTP 400: Bad request`,
    });
    expect(await streamRow(harness, 1, a!, 'team_members')).toMatchObject({ status: 'ok', error: null });
  });
});
