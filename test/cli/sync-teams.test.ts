import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { finishWithin, spawnCli } from '../helpers/cli-process.js';
import { useHarness, type Harness } from '../helpers/harness.js';
import { SMALL_ORG, teamIdsOf, teamName } from '../faults/fault-kit.js';

const startHarness = useHarness();
const UNKNOWN = 'aaaaaaaaaaaaaaaaaaaaaaaa';

function ledger(h: Harness) {
  const db = new Database(h.dbPath, { readonly: true });
  try {
    return {
      runs: db.prepare('SELECT status, teams_ok, teams_failed, error FROM sync_runs ORDER BY id').all() as Record<string, unknown>[],
      streamTeams: db.prepare('SELECT DISTINCT team_id FROM sync_run_streams ORDER BY team_id').pluck().all() as string[],
    };
  } finally {
    db.close();
  }
}

describe('spike-sync sync --team', () => {
  it('syncs only the named team: every team-scoped request carries its x-team-id', async () => {
    const h = await startHarness({ org: SMALL_ORG });
    const [, b] = teamIdsOf(h);

    const run = spawnCli(['sync', '--team', b!], h.env);
    const exit = await finishWithin(run, 20_000);

    expect(exit.code).toBe(0);
    const teamScoped = h.server.requests.filter((r) => r.teamId !== undefined);
    expect(teamScoped.length).toBeGreaterThan(0);
    expect(new Set(teamScoped.map((r) => r.teamId))).toEqual(new Set([b]));
    expect(teamScoped.some((r) => r.path === '/incidents')).toBe(true);
    expect(run.stdout()).toMatch(/total \(1 teams, run 1\)\s+ok/);
    expect(run.stdout()).toContain(teamName(h, b!));
    expect(ledger(h)).toEqual({ runs: [expect.objectContaining({ status: 'ok', teams_ok: 1, teams_failed: 0 })], streamTeams: ['*', b].sort() });
  }, 30_000);

  it.each([
    ['--team', (b: string) => ({ args: ['sync', '--team', b, '--team', UNKNOWN], env: {} })],
    ['SPIKE_TEAMS', (b: string) => ({ args: ['sync'], env: { SPIKE_TEAMS: `${b},${UNKNOWN}` } })],
  ])('an id the organisation does not have (from %s) is a warning naming it, a partial run and exit 2, and sends nothing for it', async (_source, ask) => {
    const h = await startHarness({ org: SMALL_ORG });
    const [, b] = teamIdsOf(h);
    const { args, env } = ask(b!);

    const run = spawnCli(args, { ...h.env, LOG_LEVEL: 'warn', ...env });
    const exit = await finishWithin(run, 20_000);

    expect(exit.code).toBe(2);
    expect(h.server.requests.some((r) => r.teamId === UNKNOWN)).toBe(false);
    expect(new Set(h.server.requests.filter((r) => r.teamId !== undefined).map((r) => r.teamId))).toEqual(new Set([b]));
    const warnings = run.stderr().split('\n').filter((l) => l.includes(UNKNOWN));
    expect(warnings).toEqual([
      expect.stringMatching(new RegExp(`"level":40.*"msg":"team ${UNKNOWN} \\(from SPIKE_TEAMS or --team\\) is not a team of this organisation; skipping it"`)),
      `spike-sync: team ${UNKNOWN}: not a team of this organisation (check SPIKE_TEAMS and --team); skipped`,
    ]);
    expect(run.stdout()).toMatch(new RegExp(`^${UNKNOWN}\\s+unknown team: not in the organisation\\s+0\\s+0\\s+0$`, 'm'));
    expect(run.stdout()).toMatch(/total \(1 teams, run 1\)\s+partial/);
    expect(ledger(h).runs).toEqual([
      { status: 'partial', teams_ok: 1, teams_failed: 1, error: `not a team of this organisation: ${UNKNOWN}` },
    ]);
  }, 30_000);
});
