import { existsSync } from 'node:fs';
import { expect, it } from 'vitest';
import { runCaptured } from '../helpers/cli-io.js';
import { useHarness, type Harness } from '../helpers/harness.js';
import { describeEachStore } from '../helpers/stores.js';

interface PlanJson {
  requests: number;
  seconds: number | null;
  complete: boolean;
  look_requests: number;
  teams: { team_id: string; team_name: string; requests: number; seconds: number | null; streams: Record<string, number>; unknown: string[] }[];
  organisation: { requests: number };
  notes: string[];
  month_requests?: number;
  monthly_budget?: number | null;
  fits?: boolean | null;
  fitting_sync_cron?: string | null;
}

async function plan(h: Harness, args: string[] = [], env: Record<string, string> = {}): Promise<PlanJson & { sent: string[] }> {
  const from = h.server.requests.length;
  const { code, out, err } = await runCaptured(['plan', '--format', 'json', ...args], { ...h.env, ...env });
  expect(err).toBe('');
  expect(code).toBe(0);
  return { ...(JSON.parse(out) as PlanJson), sent: h.server.requests.slice(from).map((r) => `${r.path}${r.query.page ? `?page=${r.query.page}` : ''}`) };
}

async function sync(h: Harness, env: Record<string, string> = {}): Promise<{ requests: number; estimated: number | null }> {
  expect((await runCaptured(['sync'], { ...h.env, ...env })).code).toBe(0);
  const run = await h.one<{ requests: number; estimated_requests: number | null }>('SELECT requests, estimated_requests FROM sync_runs ORDER BY id DESC LIMIT 1');
  return { requests: Number(run?.requests), estimated: run?.estimated_requests == null ? null : Number(run.estimated_requests) };
}

// The organisation the harness builds (3 teams: 250, 200 and no incidents), dated to now so that activity logs and
// on-call backfills fall where a real first sync finds them.
const ORG = { org: { now: new Date() } };

describeEachStore('spike-sync plan', (store) => {
  const startHarness = useHarness(store);

  it('before the first sync, prices the backfill within 10 % from the team listing and first pages, and counts those requests', async () => {
    const h = await startHarness(ORG);
    const teams = h.server.org.teams;
    const before = await plan(h);
    // What it sent is what it reports: the listing, then one first page per team, and nothing is stored.
    expect(before.sent).toEqual(['/teams/get-all-teams', ...teams.map(() => '/incidents?page=1')]);
    expect(before.look_requests).toBe(before.sent.length);
    expect(before.complete).toBe(true);
    expect(before.teams.map((t) => t.team_id).sort()).toEqual(teams.map((t) => String(t._id)).sort());
    if (h.storeKind === 'sqlite') expect(existsSync(h.dbPath)).toBe(false);

    const backfill = await sync(h);
    expect(Math.abs(before.requests - backfill.requests)).toBeLessThanOrEqual(0.1 * backfill.requests);
    // The store could not price the first run: the ledger says so rather than guess.
    expect(backfill.estimated).toBeNull();
  });

  it('after a sync, prices a run in which nothing changed exactly, sending nothing, and the ledger keeps that estimate', async () => {
    const h = await startHarness(ORG);
    await sync(h);
    const next = await plan(h);
    expect(next.sent).toEqual([]);
    expect(next.complete).toBe(true);
    const run = await sync(h);
    expect(run.requests).toBe(next.requests);
    expect(run.estimated).toBe(next.requests);
    // Team by team too, against what each team's streams recorded.
    const perTeam = await h.query<{ team_id: string; requests: number }>(
      'SELECT team_id, SUM(requests) AS requests FROM sync_run_streams WHERE run_id = (SELECT MAX(id) FROM sync_runs) GROUP BY team_id',
    );
    for (const team of next.teams) expect(Number(perTeam.find((r) => r.team_id === team.team_id)?.requests)).toBe(team.requests);
  });

  it('prices a no-change run exactly under a monthly budget too, where the open sets are reconciled first', async () => {
    const h = await startHarness(ORG);
    const budget = { SPIKE_MONTHLY_REQUEST_BUDGET: '100000' };
    await sync(h, budget);
    const next = await plan(h, [], budget);
    expect(next.teams.every((t) => t.streams.open_incidents === 2 && t.streams.incidents === 1)).toBe(true);
    expect((await sync(h, budget)).requests).toBe(next.requests);
  });

  it('--offline sends nothing: from the store alone, or saying it cannot price the teams before the first sync', async () => {
    const h = await startHarness(ORG);
    const blind = await plan(h, ['--offline']);
    expect(blind.sent).toEqual([]);
    expect(h.server.requests).toHaveLength(0);
    expect(blind).toMatchObject({ complete: false, look_requests: 0, teams: [], requests: 2 });
    expect(blind.notes.join(' ')).toMatch(/store holds none yet/);

    await sync(h);
    const from = h.server.requests.length;
    const offline = await plan(h, ['--offline']);
    expect(h.server.requests.length).toBe(from);
    expect(offline.complete).toBe(true);
    expect(offline.requests).toBe((await plan(h)).requests);
    // A team asked for that the store lacks is named as such, beside the teams it does hold.
    const unknown = '0123456789abcdef01234567';
    const asked = await plan(h, ['--offline', '--team', unknown]);
    expect(asked.complete).toBe(false);
    expect(asked.notes.join(' ')).toContain(`the teams the store does not hold (${unknown})`);
  });

  it('--month compares a month of runs with the budget and names a schedule and a full-sync interval that fit', async () => {
    const h = await startHarness(ORG);
    await sync(h);
    const tight = { SPIKE_MONTHLY_REQUEST_BUDGET: '5000' };
    const month = await plan(h, ['--month'], tight);
    expect(month).toMatchObject({ monthly_budget: 5000, fits: false });
    expect(month.month_requests).toBeGreaterThan(5000);
    // Every 15 minutes, a run costs at least its steady requests.
    expect(month.month_requests).toBeGreaterThanOrEqual(31 * 96 * next(month));
    const cron = month.fitting_sync_cron;
    expect(cron).toMatch(/^(\*\/\d+|0) /);
    const refitted = await plan(h, ['--month'], { ...tight, SPIKE_SYNC_CRON: cron ?? '' });
    expect(refitted).toMatchObject({ fits: true, fitting_sync_cron: null });
    expect(refitted.month_requests).toBeLessThanOrEqual(5000);
    // Without a budget there is nothing to fit.
    expect(await plan(h, ['--month'])).toMatchObject({ monthly_budget: null, fits: null });
  });

  it('prints one JSON object with the next run, each team and the month; and a table with a row per team and a total', async () => {
    const h = await startHarness(ORG);
    await sync(h);
    const json = await plan(h, ['--month']);
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['requests', 'seconds', 'teams', 'month_requests', 'monthly_budget', 'fits']));
    for (const team of json.teams) expect(Object.keys(team)).toEqual(expect.arrayContaining(['team_id', 'team_name', 'requests', 'seconds']));
    expect(json.requests).toBe(json.organisation.requests + json.teams.reduce((n, t) => n + t.requests, 0));
    // The harness sets SPIKE_MAX_RPS=0: the time comes from the requests the ledger timed.
    expect(json.seconds).not.toBeNull();

    const table = await runCaptured(['plan', '--month'], h.env);
    const lines = table.out.split('\n');
    expect(lines[0]).toMatch(/^team\s+requests\s+time\s+incidents\s+on-call\s+catalogs\s+activity\s+other$/);
    for (const team of json.teams) expect(table.out).toContain(team.team_name);
    expect(lines.find((l) => l.startsWith('total (3 teams)'))).toMatch(new RegExp(`^total \\(3 teams\\)\\s+${json.requests}\\s`));
    expect(table.out).toMatch(/This plan sent no request to Spike\./);
    expect(table.out).toMatch(/A month \(31 days\) at SPIKE_SYNC_CRON="\*\/15 \* \* \* \*": 2976 runs/);
  });

  it('says when a full first page states no total: the rest of that listing is not counted', async () => {
    const h = await startHarness(ORG);
    const team = String(h.server.org.teams[0]!._id);
    const newest = h.server.org.incidents.filter((i) => i.team === team).slice(-100).reverse();
    h.server.faults.push({ path: '/incidents', teamId: team, times: 2, fault: { kind: 'json', body: { incidents: newest, pagination: { total: 'many' } } } });
    const blind = await plan(h);
    expect(blind.complete).toBe(false);
    expect(blind.teams.find((t) => t.team_id === team)?.unknown.join(' ')).toMatch(/no total/);
    const table = await runCaptured(['plan'], h.env);
    expect(table.out).toMatch(/So at least that many: not counted are .*past its first page/);
  });
});

describeEachStore('spike-sync status, estimate beside requests', (store) => {
  const startHarness = useHarness(store);

  it('lists the latest runs with the requests their plan estimated and those they sent, in every format', async () => {
    const h = await startHarness(ORG);
    await sync(h);
    const second = await sync(h);
    const json = JSON.parse((await runCaptured(['status', '--runs', '5', '--format', 'json'], h.env)).out) as { run_id: number; estimated_requests: number | null; requests: number; difference: number | null }[];
    expect(json).toHaveLength(2);
    expect(json[0]).toMatchObject({ estimated_requests: second.requests, requests: second.requests, difference: 0 });
    expect(json[1]).toMatchObject({ estimated_requests: null, difference: null });
    const csv = (await runCaptured(['status', '--runs', '1', '--format', 'csv'], h.env)).out.split('\n');
    expect(csv[0]).toBe('run_id,started_at,finished_at,trigger,status,full,estimated_requests,requests,difference,error');
    const table = await runCaptured(['status'], h.env);
    expect(table.out).toContain(`last run ${json[0]!.run_id} (ok): ${second.requests} requests, estimated ${second.requests}`);
    expect((await runCaptured(['status', '--runs', '2'], h.env)).out.split('\n')[0]).toMatch(/^run\s+started\s+trigger\s+status\s+estimated\s+requests\s+difference\s+error$/);
  });

  it('gives a run still going the requests its streams have recorded so far', async () => {
    const h = await startHarness(ORG);
    await sync(h);
    const store = await h.openStore();
    const now = h.clock.now().toISOString();
    const runId = await store.ledger.startRun({ trigger: 'cli', full: false, now, pid: process.pid, estimatedRequests: 40 });
    for (const [stream, sent] of [['teams', 1], ['users', 2]] as const) {
      await store.saveStreamRequests(await store.ledger.beginStream(runId, { teamId: '*', stream, startedAt: now }), sent);
    }
    await store.close();
    const [running] = JSON.parse((await runCaptured(['status', '--runs', '1', '--format', 'json'], h.env)).out) as { run_id: number; status: string; requests: number; difference: number | null }[];
    // How far off the plan was is known only once the run is over.
    expect(running).toMatchObject({ run_id: runId, status: 'running', requests: 3, estimated_requests: 40, difference: null });
  });
});

/** The cheapest a run can be: the next run's estimate when nothing is due but the steady streams. */
function next(json: PlanJson): number {
  return json.organisation.requests + json.teams.length * 5;
}
