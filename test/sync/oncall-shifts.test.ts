import { expect, it } from 'vitest';
import { buildTimeline, type Shift } from '../../src/demo/oncall-timeline.js';
import type { Json } from '../../src/demo/sim-org.js';
import { hits, streamRow, teamIdsOf, type Row } from '../faults/fault-kit.js';
import { useHarness, type Harness } from '../helpers/harness.js';
import { describeEachStore } from '../helpers/stores.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** The first team's schedule, served on the harness clock so "now" is the same for the sim and the sync. */
async function oncallHarness(start: ReturnType<typeof useHarness>): Promise<{ h: Harness; team: string; schedule: Json }> {
  const ref: { clock?: Harness['clock'] } = {};
  const h = await start({ org: { teams: 2, incidentsPerTeam: [5, 5], usersPerTeam: 4 }, server: { clock: () => ref.clock!.now() } });
  ref.clock = h.clock;
  const [team] = teamIdsOf(h);
  const schedule = h.server.org.oncalls.find((s) => (s.teams as string[]).includes(team!))!;
  // The generated overrides are random; each test adds the ones it needs.
  h.server.org.overrides = h.server.org.overrides.filter((o) => o.oncall !== schedule._id);
  return { h, team: team!, schedule };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** What the stored rows of a schedule should be, from the simulated timeline over [from, to) read at `now`. */
function expectedRows(h: Harness, schedule: Json, team: string, from: number, to: number, now: number): Row[] {
  const overrides = h.server.org.overrides.filter((o) => o.oncall === schedule._id);
  return buildTimeline(schedule, overrides, from, to, now).map((s: Shift) => ({
    id: `${s.oncall}:${s.layer ?? 'override'}:${s.user}:${s.start}`,
    schedule_id: s.oncall,
    team_id: team,
    layer_id: s.layer,
    user_id: s.user,
    start_at: s.start,
    end_at: s.end,
    is_override: s.isOverride ? 1 : 0,
    source: Date.parse(s.end) > now ? 'observed' : 'reconstructed',
  })).sort((a, b) => a.id.localeCompare(b.id));
}

const COLUMNS = 'id, schedule_id, team_id, layer_id, user_id, start_at, end_at, is_override, source';

function liveShifts(h: Harness, scheduleId: string): Promise<Row[]> {
  return h.query(`SELECT ${COLUMNS} FROM oncall_shifts WHERE schedule_id = @scheduleId AND deleted_at IS NULL ORDER BY id`, { scheduleId });
}

/** An override of `schedule` in the sim, `days` from now for `length` days. */
function addOverride(h: Harness, schedule: Json, id: string, days: number, length = 1): Json {
  const start = h.clock.now().getTime() + days * DAY;
  const override = {
    id, oncall: schedule._id, user: (schedule.users as string[])[1], start: iso(start), end: iso(start + length * DAY),
    desc: 'Swap', timezone: 'Etc/UTC', createdAt: iso(start - 5 * DAY),
  };
  h.server.org.overrides.push(override);
  return override;
}

describeEachStore('on-call shifts', (store) => {
  const startHarness = useHarness(store);

  it('the first sync reconstructs 30 days window by window, then reads from now', async () => {
    const { h, team, schedule } = await oncallHarness(startHarness);
    addOverride(h, schedule, 'aaaaaaaaaaaaaaaaaaaa0001', -10);
    addOverride(h, schedule, 'aaaaaaaaaaaaaaaaaaaa0002', 3);
    const now = h.clock.now().getTime();

    const result = await h.sync();

    const path = `/on-calls/${String(schedule._id)}`;
    expect(hits(h, path).map((r) => [r.teamId, r.query.from])).toEqual(
      [now - 30 * DAY, now - 16 * DAY, now - 2 * DAY, now].map((from) => [team, iso(from)]),
    );
    const stored = await liveShifts(h, String(schedule._id));
    expect(stored).toEqual(expectedRows(h, schedule, team, now - 30 * DAY, now + 14 * DAY, now));
    expect(stored.filter((r) => r.is_override === 1)).toHaveLength(2);
    expect(new Set(stored.map((r) => r.source))).toEqual(new Set(['observed', 'reconstructed']));
    expect(await streamRow(h, result.runId, team, 'oncall_shifts')).toMatchObject({ status: 'ok', requests: 4, rows_inserted: stored.length, items_skipped: 0 });
    expect(result.status).toBe('ok');
  });

  it('is not read again within the interval; after it, only from now', async () => {
    const { h, schedule } = await oncallHarness(startHarness);
    const path = `/on-calls/${String(schedule._id)}`;
    const overrides = `/oncalls/${String(schedule._id)}/overrides`;
    await h.sync();

    h.clock.advance(HOUR - 60_000);
    let from = h.server.requests.length;
    await h.sync();
    expect(hits(h, path, undefined, from)).toEqual([]);
    expect(hits(h, overrides, undefined, from)).toEqual([]);

    h.clock.advance(60_000);
    from = h.server.requests.length;
    const result = await h.sync();
    expect(hits(h, path, undefined, from).map((r) => r.query.from)).toEqual([h.clock.now().toISOString()]);
    expect(hits(h, overrides, undefined, from)).toHaveLength(1);
    expect(result.status).toBe('ok');

    // --full reads them again at once.
    from = h.server.requests.length;
    await h.sync({ full: true });
    expect(hits(h, path, undefined, from)).toHaveLength(1);
  });

  it('backfills a schedule that appears later, while the others are read from now only', async () => {
    const { h, team, schedule } = await oncallHarness(startHarness);
    await h.sync();
    const added = { ...structuredClone(schedule), _id: 'cccccccccccccccccccc0001', name: 'Added' };
    h.server.org.oncalls.push(added);
    h.clock.advance(HOUR);
    const now = h.clock.now().getTime();
    const from = h.server.requests.length;

    await h.sync();

    expect(hits(h, `/on-calls/${String(schedule._id)}`, team, from).map((r) => r.query.from)).toEqual([iso(now)]);
    expect(hits(h, `/on-calls/${added._id}`, team, from).map((r) => r.query.from)).toEqual([now - 30 * DAY, now - 16 * DAY, now - 2 * DAY, now].map(iso));
    expect(await liveShifts(h, added._id)).toEqual(expectedRows(h, added, team, now - 30 * DAY, now + 14 * DAY, now));
  });

  it('keeps the shifts it observed when the rotation changes; future ones follow the new rotation', async () => {
    const { h, team, schedule } = await oncallHarness(startHarness);
    const id = String(schedule._id);
    await h.sync();
    h.clock.advance(8 * DAY);
    await h.sync();
    const then = h.clock.now().getTime();
    const history = `SELECT * FROM oncall_shifts WHERE schedule_id = @id AND end_at <= @then ORDER BY id`;
    const ended = await h.query(history, { id, then: iso(then) });
    const beforeChange = await liveShifts(h, id);

    const layer = (schedule.layers as Json[])[0]!;
    layer.users = [...(layer.users as string[])].reverse();
    h.clock.advance(2 * HOUR);
    const now = h.clock.now().getTime();
    const result = await h.sync();

    // Spike now serves the past by the new rotation, but the history stored stays as observed (synced_at included).
    const servedPast = expectedRows(h, schedule, team, then - 8 * DAY, then, now).filter((r) => Date.parse(r.end_at as string) <= then);
    expect(servedPast.filter((r) => !ended.some((e) => e.id === r.id)).length).toBeGreaterThan(0);
    expect(await h.query(history, { id, then: iso(then) })).toEqual(ended);
    // Shifts yet to start are the new rotation's.
    const live = await liveShifts(h, id);
    const future = expectedRows(h, schedule, team, now, now + 14 * DAY, now).filter((r) => Date.parse(r.start_at as string) > now);
    expect(live.filter((r) => Date.parse(r.start_at as string) > now)).toEqual(future);
    // The old rotation's future shifts are soft-deleted now; the shift under way when it changed is kept.
    const vanished = beforeChange.filter((r) => Date.parse(r.start_at as string) > now && !future.some((f) => f.id === r.id));
    expect(vanished.length).toBeGreaterThan(0);
    for (const row of vanished) {
      expect(await h.value('SELECT deleted_at FROM oncall_shifts WHERE id = @id', { id: row.id })).toBe(iso(now));
    }
    const underWay = beforeChange.find((r) => Date.parse(r.start_at as string) <= now && Date.parse(r.end_at as string) > now)!;
    expect(live).toContainEqual(underWay);
    expect(await streamRow(h, result.runId, team, 'oncall_shifts')).toMatchObject({ status: 'ok', rows_deleted: vanished.length });
  });

  it('a read that returns no shift soft-deletes nothing', async () => {
    const { h, team, schedule } = await oncallHarness(startHarness);
    const id = String(schedule._id);
    await h.sync();
    const before = await liveShifts(h, id);
    expect(before.filter((r) => Date.parse(r.start_at as string) > h.clock.now().getTime() + 2 * HOUR).length).toBeGreaterThan(0);

    for (const layer of schedule.layers as Json[]) layer.users = [];
    h.clock.advance(2 * HOUR);
    const result = await h.sync();

    expect(await liveShifts(h, id)).toEqual(before);
    expect(await streamRow(h, result.runId, team, 'oncall_shifts')).toMatchObject({ status: 'ok', rows_deleted: 0 });
  });

  it('a shift soft-deleted while yet to start is not frozen history: a read that lists it again after its end restores it', async () => {
    const { h, schedule } = await oncallHarness(startHarness);
    const id = String(schedule._id);
    await h.sync();
    const layer = (schedule.layers as Json[])[0]!;
    const users = layer.users as string[];
    layer.users = [...users].reverse();
    h.clock.advance(2 * HOUR);
    await h.sync();
    const gone = (await h.query<Row>('SELECT * FROM oncall_shifts WHERE schedule_id = @id AND deleted_at IS NOT NULL ORDER BY start_at', { id }))[0];
    if (!gone) throw new Error('the rotation change soft-deleted no shift');

    layer.users = users;
    h.clock.set(new Date(Date.parse(gone.end_at as string) + 2 * HOUR));
    const item = { _id: 'x', oncall: id, layer: gone.layer_id, user: gone.user_id, start: gone.start_at, end: gone.end_at, active: false, isOverride: false };
    h.server.faults.push({ path: `/on-calls/${id}`, times: 1, fault: { kind: 'json', body: { shifts: [item] } } });
    await h.sync();

    expect(await h.value('SELECT deleted_at FROM oncall_shifts WHERE id = @id', { id: gone.id })).toBeNull();
  });

  it('an empty override listing deletes no stored override, except on --full', async () => {
    const { h, team, schedule } = await oncallHarness(startHarness);
    const id = String(schedule._id);
    addOverride(h, schedule, 'cccccccccccccccccccc0001', 2);
    addOverride(h, schedule, 'cccccccccccccccccccc0002', 9);
    await h.sync();
    const live = 'SELECT COUNT(*) FROM oncall_overrides WHERE schedule_id = @id AND deleted_at IS NULL';
    expect(Number(await h.value(live, { id }))).toBe(2);

    h.server.org.overrides = h.server.org.overrides.filter((o) => o.oncall !== schedule._id);
    h.clock.advance(2 * HOUR);
    const result = await h.sync();
    expect(Number(await h.value(live, { id }))).toBe(2);
    expect(await streamRow(h, result.runId, team, 'oncall_overrides')).toMatchObject({ status: 'ok', rows_deleted: 0 });

    h.clock.advance(2 * HOUR);
    const full = await h.sync({ full: true });
    expect(Number(await h.value(live, { id }))).toBe(0);
    expect(await streamRow(h, full.runId, team, 'oncall_overrides')).toMatchObject({ status: 'ok', rows_deleted: 2 });
  });

  it('never rewrites a shift that has ended, even when a read lists it again differently', async () => {
    const { h, team, schedule } = await oncallHarness(startHarness);
    const id = String(schedule._id);
    await h.sync();
    const past = (await h.query(`SELECT * FROM oncall_shifts WHERE schedule_id = @id AND source = 'reconstructed' ORDER BY start_at`, { id }))[0]!;
    h.clock.advance(HOUR);
    // A deployment that ignores `from` serves history again, here with the same slot ending earlier.
    const item = { _id: 'x', oncall: id, layer: past.layer_id, user: past.user_id, start: past.start_at, end: iso(Date.parse(past.end_at as string) - HOUR), active: false, isOverride: false, title: 'changed' };
    h.server.faults.push({ path: `/on-calls/${id}`, times: 1, fault: { kind: 'json', body: { shifts: [item] } } });

    const result = await h.sync();

    expect(await h.one('SELECT * FROM oncall_shifts WHERE id = @id', { id: past.id })).toEqual(past);
    expect(await streamRow(h, result.runId, team, 'oncall_shifts')).toMatchObject({ status: 'ok', rows_inserted: 0, rows_updated: 0 });
  });

  it('skips malformed shifts with a count, bounds untrusted values, and then proves nothing vanished', async () => {
    const { h, team, schedule } = await oncallHarness(startHarness);
    const id = String(schedule._id);
    await h.sync();
    const before = await liveShifts(h, id);
    h.clock.advance(HOUR);
    const now = h.clock.now().getTime();
    const user = (schedule.users as string[])[0]!;
    const shift = (start: number, extra: Json = {}): Json => ({ _id: 'x', oncall: id, user, start: iso(start), end: iso(start + DAY), active: false, isOverride: false, ...extra });
    const items = [
      // Drift: the user populated, no layer, the list under data.
      shift(now + 20 * DAY, { user: { _id: user, firstName: 'Ada' } }),
      shift(now + 21 * DAY, { user: undefined }),
      shift(now + 22 * DAY, { end: '12000-01-01T00:00:00.000Z' }),
      shift(now + 23 * DAY, { end: iso(now + 23 * DAY - HOUR) }),
      shift(now + 24 * DAY, { user: 'u'.repeat(10_000) }),
      'not a shift',
    ];
    h.server.faults.push({ path: `/on-calls/${id}`, times: 1, fault: { kind: 'json', body: { data: { shifts: items } } } });

    const result = await h.sync();

    expect(result.status).toBe('ok');
    expect(await streamRow(h, result.runId, team, 'oncall_shifts')).toMatchObject({ status: 'ok', items_skipped: 5, rows_inserted: 1, rows_deleted: 0 });
    expect(await h.one(`SELECT ${COLUMNS} FROM oncall_shifts WHERE start_at = @start`, { start: iso(now + 20 * DAY) })).toEqual({
      id: `${id}:override:${user}:${iso(now + 20 * DAY)}`, schedule_id: id, team_id: team, layer_id: null, user_id: user,
      start_at: iso(now + 20 * DAY), end_at: iso(now + 21 * DAY), is_override: 0, source: 'observed',
    });
    // The shifts the faulty read did not list are still live: a skipped item could have been any of them.
    expect((await liveShifts(h, id)).filter((r) => before.some((b) => b.id === r.id))).toEqual(before);
  });
});

describeEachStore('on-call overrides', (store) => {
  const startHarness = useHarness(store);

  it('reads a month back to a quarter ahead with the key alone, and soft-deletes only what vanished inside that window', async () => {
    const { h, team, schedule } = await oncallHarness(startHarness);
    const id = String(schedule._id);
    const old = addOverride(h, schedule, 'bbbbbbbbbbbbbbbbbbbb0001', -20);
    const dropped = addOverride(h, schedule, 'bbbbbbbbbbbbbbbbbbbb0002', 5, 2);
    addOverride(h, schedule, 'bbbbbbbbbbbbbbbbbbbb0003', 60);
    const start = h.clock.now().getTime();
    await h.sync();

    const path = `/oncalls/${id}/overrides`;
    expect(hits(h, path).map((r) => [r.teamId, r.query])).toEqual([[undefined, { from: iso(start - 30 * DAY), to: iso(start + 90 * DAY) }]]);
    expect(await h.query('SELECT id, schedule_id, team_id, user_id, start_at, end_at, description, timezone, created_at, deleted_at FROM oncall_overrides WHERE schedule_id = @id ORDER BY id', { id })).toEqual(
      [old, dropped, h.server.org.overrides.at(-1)!].map((o) => ({
        id: o.id, schedule_id: id, team_id: team, user_id: o.user, start_at: o.start, end_at: o.end, description: 'Swap', timezone: 'Etc/UTC', created_at: o.createdAt, deleted_at: null,
      })),
    );

    // 15 days on, the old override is outside the window the API is asked for; the dropped one is inside it.
    h.clock.advance(15 * DAY);
    h.server.org.overrides = h.server.org.overrides.filter((o) => o.id !== dropped.id);
    addOverride(h, schedule, 'bbbbbbbbbbbbbbbbbbbb0004', 1);
    const result = await h.sync();

    const rows = await h.query<{ id: string; deleted_at: string | null }>('SELECT id, deleted_at FROM oncall_overrides WHERE schedule_id = @id ORDER BY id', { id });
    expect(rows).toEqual([
      { id: old.id, deleted_at: null },
      { id: dropped.id, deleted_at: h.clock.now().toISOString() },
      { id: 'bbbbbbbbbbbbbbbbbbbb0003', deleted_at: null },
      { id: 'bbbbbbbbbbbbbbbbbbbb0004', deleted_at: null },
    ]);
    expect(await streamRow(h, result.runId, team, 'oncall_overrides')).toMatchObject({ status: 'ok', requests: 1, rows_inserted: 1, rows_deleted: 1 });
  });
});
