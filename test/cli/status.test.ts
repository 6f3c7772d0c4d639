import { expect, it } from 'vitest';
import { reportedTeamStreams } from '../../src/jobs/streams.js';
import { statusCommand } from '../../src/cli/commands/status.js';
import { runCli } from '../../src/main.js';
import { captureIo } from '../helpers/cli-io.js';
import { useHarness, type Harness } from '../helpers/harness.js';
import { describeEachStore } from '../helpers/stores.js';

interface StatusRow {
  team_id: string;
  team_name: string;
  stream: string;
  last_success_at: string | null;
  age_seconds: number | null;
  last_status: string | null;
  rows_written: number | null;
  requests: number | null;
  error: string | null;
}

async function status(h: Harness, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo(h.env);
  const code = await runCli(['status', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describeEachStore('spike-sync status', (store) => {
  const startHarness = useHarness(store);

  it('reports every team and stream with its last success, outcome, rows and requests', async () => {
    const harness = await startHarness();
    const [a, b] = harness.server.org.teams.map((t) => t._id as string);
    harness.server.faults.push({ path: '/on-calls', teamId: b, fault: { kind: 'status', status: 400 } });
    expect(await runCli(['sync'], captureIo(harness.env))).toBe(2);

    const { code, out, err } = await status(harness, '--format', 'json');
    expect(code).toBe(0);
    expect(err).toBe('');
    const rows = JSON.parse(out) as StatusRow[];
    expect(rows.map((r) => `${r.team_id === '*' ? '*' : r.team_name}/${r.stream}`).slice(0, 2)).toEqual(['*/teams', '*/users']);
    expect(rows).toHaveLength(2 + 3 * reportedTeamStreams().length);
    const incidentsA = rows.find((r) => r.team_id === a && r.stream === 'incidents')!;
    expect(incidentsA).toMatchObject({ last_status: 'ok', rows_written: 250, error: null });
    expect(incidentsA.requests).toBeGreaterThanOrEqual(3);
    expect(incidentsA.age_seconds).toBeGreaterThanOrEqual(0);
    const failed = rows.find((r) => r.team_id === b && r.stream === 'oncall_schedules')!;
    expect(failed).toMatchObject({ last_status: 'failed', last_success_at: null, age_seconds: null });
    expect(failed.error).toMatch(/HTTP 400/);
  });

  it('exits 3 with --max-age when a stream is stale or never succeeded, 0 when all are fresh', async () => {
    const harness = await startHarness();
    const b = harness.server.org.teams[1]!._id as string;
    expect(await runCli(['sync'], captureIo(harness.env))).toBe(0);
    expect((await status(harness, '--max-age', '1h')).code).toBe(0);

    harness.server.faults.push({ path: '/users', teamId: b, fault: { kind: 'status', status: 400 } });
    const store = await harness.openStore();
    await store.saveStreamState(b, 'team_members', { lastSuccessAt: '2026-01-01T00:00:00.000Z' }, harness.clock.now().toISOString());
    await store.close();
    const stale = await status(harness, '--max-age', '1h');
    expect(stale.code).toBe(3);
    expect(stale.err).toMatch(/within 1h/);
    expect(stale.out).toMatch(/team_members/);
    // Listing runs instead of streams changes the output, not the check.
    const runs = await status(harness, '--max-age', '1h', '--runs', '2', '--format', 'json');
    expect(runs.code).toBe(3);
    expect(runs.err).toMatch(/within 1h/);
    expect((JSON.parse(runs.out) as unknown[]).length).toBe(1);
    expect((await status(harness, '--runs', '2')).code).toBe(0);
    // A count no store can take is the option's error, not the store's.
    const huge = await status(harness, '--runs', '99999999999999999999');
    expect(huge.code).toBe(1);
    expect(huge.err).toMatch(/--runs <n>' argument '99999999999999999999' is invalid\. must be a whole number below 2\^53/);
  });

  it('renders a table and csv, and rejects a bad --max-age', async () => {
    const harness = await startHarness();
    expect(await runCli(['sync'], captureIo(harness.env))).toBe(0);
    const table = await status(harness);
    expect(table.out.split('\n')[0]).toMatch(/^team\s+stream\s+last success\s+age\s+last outcome\s+rows\s+requests\s+error$/);
    expect(table.out).toContain('(organisation)');
    const csv = await status(harness, '--format', 'csv');
    expect(csv.out.split('\n')[0]).toBe('team_id,team_name,stream,last_success_at,age_seconds,last_status,last_run_at,rows_written,requests,error');
    expect(csv.out.trim().split('\n')).toHaveLength(1 + 2 + 3 * reportedTeamStreams().length);
    const bad = await status(harness, '--max-age', 'soon');
    expect(bad.code).toBe(1);
    expect(bad.err).toBe('spike-sync: configuration error: --max-age: must be a duration such as 30m, 2h or 1d; got "soon"\n');
  });

  it('judges a stream read on an interval against --max-age plus that interval', async () => {
    const harness = await startHarness();
    const b = harness.server.org.teams[1]!._id as string;
    await harness.sync();
    const now = new Date(harness.clock.now().getTime() + 10 * 60_000);
    const statusAt = async (servicesAge: number) => {
      const store = await harness.openStore();
      await store.saveStreamState(b, 'services', { lastSuccessAt: new Date(now.getTime() - servicesAge).toISOString() }, now.toISOString());
      await store.close();
      const io = captureIo(harness.env);
      return { code: await statusCommand(io, { maxAge: '1h' }, now), err: io.err() };
    };
    // Six-hour catalogs (SPIKE_CATALOG_INTERVAL's default): two hours old is within 1h + 6h.
    expect(await statusAt(2 * 3_600_000)).toEqual({ code: 0, err: '' });
    const stale = await statusAt(7 * 3_600_000 + 60_000);
    expect(stale.code).toBe(3);
    expect(stale.err).toMatch(/within 1h/);
  });

  it('takes a last success far in the future for stale, and one a few seconds ahead for fresh', async () => {
    const harness = await startHarness();
    const b = harness.server.org.teams[1]!._id as string;
    await harness.sync();
    const now = new Date(harness.clock.now().getTime() + 10 * 60_000);
    const statusWithMembersAt = async (at: number) => {
      const store = await harness.openStore();
      await store.saveStreamState(b, 'team_members', { lastSuccessAt: new Date(at).toISOString() }, now.toISOString());
      await store.close();
      return statusCommand(captureIo(harness.env), { maxAge: '1h' }, now);
    };
    expect(await statusWithMembersAt(now.getTime() + 5_000)).toBe(0);
    expect(await statusWithMembersAt(now.getTime() + 30 * 86_400_000)).toBe(3);
  });
});
