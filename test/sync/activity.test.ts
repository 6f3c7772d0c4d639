import { expect, it } from 'vitest';
import { resolveIncident, unacknowledgeIncident, type Json } from '../../src/demo/sim-org.js';
import { InterruptedError } from '../../src/jobs/errors.js';
import { runCaptured } from '../helpers/cli-io.js';
import { waitFor } from '../helpers/cli-process.js';
import { API_KEY, useHarness, type Harness } from '../helpers/harness.js';
import { adminQuery } from '../helpers/postgres.js';
import { describeEachStore } from '../helpers/stores.js';

const DAY = 86_400_000;
const LOG_PATH = /^\/incidents\/([^/]+)\/activity-log$/;

/** The counterIds whose activity log the simulated API served since request `from`, in order. */
function logReads(h: Harness, from = 0): string[] {
  return h.server.requests.slice(from).flatMap((r) => {
    const m = LOG_PATH.exec(r.path);
    return m ? [decodeURIComponent(m[1] as string)] : [];
  });
}

/** What the run should read: resolved incidents of the sim whose resolution is within `spanMs` of the harness clock. */
function resolvedWithin(h: Harness, spanMs: number): Json[] {
  const since = h.clock.now().getTime() - spanMs;
  return h.server.org.incidents.filter((i) => i['status'] === 'RES' && Date.parse(String(i['RES_at'])) >= since);
}

/** The log the simulated API serves for an incident now (read after the assertions on request counts). */
async function servedLog(h: Harness, inc: Json): Promise<Json[]> {
  const res = await fetch(`${h.server.url}/incidents/${String(inc['counterId'])}/activity-log`, { headers: { 'x-api-key': API_KEY, 'x-team-id': String(inc['team']) } });
  return ((await res.json()) as { activityLog: Json[] }).activityLog;
}

/** The entry ids of an incident's live events (a row's id is `<incident>:<entry _id>`). */
async function liveEventIds(h: Harness, incidentId: unknown): Promise<string[]> {
  const rows = await h.query<{ id: string }>('SELECT id FROM incident_events WHERE incident_id = @id AND deleted_at IS NULL ORDER BY id', { id: incidentId });
  return rows.map((r) => r.id.slice(String(incidentId).length + 1));
}

describeEachStore('incident activity logs', (store) => {
  const startHarness = useHarness(store);
  const small = { org: { teams: 2, incidentsPerTeam: [60, 30] } };

  it('reads the log of each resolved incident once, with its responders; a second run reads none', async () => {
    const h = await startHarness(small);
    const result = await h.sync();
    expect(result.status).toBe('ok');
    const expected = resolvedWithin(h, 30 * DAY);
    expect(expected.length).toBeGreaterThan(3);
    const reads = logReads(h);
    expect([...reads].sort()).toEqual(expected.map((i) => String(i['counterId'])).sort());
    expect(await h.count('incident_activity_reads')).toBe(expected.length);

    for (const inc of expected) {
      const log = await servedLog(h, inc);
      expect(await liveEventIds(h, inc['_id'])).toEqual(log.map((e) => String(e['_id'])).sort());
      const acks = log.filter((e) => e['type'] === 'acknowledged');
      const resolutions = log.filter((e) => e['type'] === 'resolved');
      expect(await h.one('SELECT acknowledged_by, resolved_by FROM incidents WHERE id = @id', { id: inc['_id'] })).toEqual({
        acknowledged_by: acks[0]?.['user'] ?? null,
        resolved_by: resolutions.at(-1)?.['user'] ?? null,
      });
    }
    // Open incidents and resolutions older than the span are not read.
    expect(await h.count('incident_events', 'incident_id NOT IN (SELECT incident_id FROM incident_activity_reads)')).toBe(0);

    h.clock.advance(15 * 60_000);
    const before = h.server.requests.length;
    expect((await h.sync()).status).toBe('ok');
    expect(logReads(h, before)).toEqual([]);
  });

  it('reads a log again after a reopen and a new resolution, keeping only the entries the new log has', async () => {
    const h = await startHarness(small);
    await h.sync();
    const [inc] = resolvedWithin(h, 30 * DAY).filter((i) => typeof i['ACK_at'] === 'string');
    if (!inc) throw new Error('no acknowledged resolved incident');
    const firstIds = await liveEventIds(h, inc['_id']);

    h.clock.advance(15 * 60_000);
    unacknowledgeIncident(inc, h.clock.now());
    let before = h.server.requests.length;
    await h.sync();
    expect(await h.value('SELECT status FROM incidents WHERE id = @id', { id: inc['_id'] })).toBe('NACK');
    expect(logReads(h, before)).toEqual([]);

    h.clock.advance(15 * 60_000);
    resolveIncident(inc, h.clock.now());
    before = h.server.requests.length;
    await h.sync();
    expect(logReads(h, before)).toEqual([String(inc['counterId'])]);
    const log = await servedLog(h, inc);
    const nowIds = log.map((e) => String(e['_id'])).sort();
    expect(await liveEventIds(h, inc['_id'])).toEqual(nowIds);
    // The acknowledgement went with the reopen: its entry is kept, marked deleted, and nobody acknowledged this resolution.
    const gone = firstIds.filter((id) => !nowIds.includes(id));
    expect(gone.length).toBeGreaterThan(0);
    expect(await h.count('incident_events', `incident_id = @id AND deleted_at IS NOT NULL`, { id: inc['_id'] })).toBe(gone.length);
    expect(await h.value('SELECT acknowledged_by FROM incidents WHERE id = @id', { id: inc['_id'] })).toBeNull();
    expect(await h.value('SELECT resolved_at FROM incident_activity_reads WHERE incident_id = @id', { id: inc['_id'] })).toBe(h.clock.now().toISOString());
  });

  it('a log read again that comes back empty, or with an entry it cannot map, removes nothing and leaves the responders', async () => {
    const h = await startHarness(small);
    const [empty, partial] = resolvedWithin(h, 30 * DAY).filter((i) => typeof i['ACK_at'] === 'string');
    if (!empty || !partial) throw new Error('fewer than two acknowledged resolved incidents');
    await h.sync();
    const responders = 'SELECT acknowledged_by, resolved_by FROM incidents WHERE id = @id';
    const before = await Promise.all([empty, partial].map(async (inc) => ({
      ids: await liveEventIds(h, inc['_id']),
      responders: await h.one(responders, { id: inc['_id'] }),
    })));
    for (const b of before) expect(b.ids.length).toBeGreaterThan(0);
    expect(before.map((b) => b.responders)).not.toContainEqual({ acknowledged_by: null, resolved_by: null });

    h.clock.advance(15 * 60_000);
    for (const inc of [empty, partial]) resolveIncident(inc, h.clock.now());
    h.server.org.activityLogs.set(String(empty['_id']), []);
    h.server.org.activityLogs.set(String(partial['_id']), [
      { _id: 'x1', type: 'triggered', createdAt: String(partial['NACK_at']) },
      { _id: 'x2', type: 'acknowledged', user: 'someone-else', createdAt: 'not a time' },
      { _id: 'x3', type: 'resolved', createdAt: h.clock.now().toISOString() },
    ]);
    const result = await h.sync();
    expect(result.status).toBe('ok');
    expect(logReads(h).filter((c) => c === empty['counterId'] || c === partial['counterId'])).toHaveLength(4);

    expect(await liveEventIds(h, empty['_id'])).toEqual(before[0]!.ids);
    expect(await h.one(responders, { id: empty['_id'] })).toEqual(before[0]!.responders);
    // The mapped entries are stored; none is removed, and the responders stay as the last whole log told.
    expect(await liveEventIds(h, partial['_id'])).toEqual([...before[1]!.ids, 'x1', 'x3'].sort());
    expect(await h.one(responders, { id: partial['_id'] })).toEqual(before[1]!.responders);
    expect(await h.count('incident_events', 'deleted_at IS NOT NULL')).toBe(0);
  });

  it('leaves the rest of the queue to the next run when the request cap cuts a run short, and reads each log once in all', async () => {
    const reference = await startHarness(small);
    await reference.sync();
    const total = reference.server.requests.length;
    const logs = logReads(reference).length;
    expect(logs).toBeGreaterThan(3);

    const h = await startHarness(small);
    const cut = await h.sync({ requestCap: total - Math.ceil(logs / 2) });
    expect(cut.status).toBe('partial');
    const firstReads = logReads(h);
    expect(firstReads.length).toBe(logs - Math.ceil(logs / 2));
    expect(await h.count('incident_activity_reads')).toBe(firstReads.length);

    h.clock.advance(15 * 60_000);
    expect((await h.sync()).status).toBe('ok');
    const reads = logReads(h);
    expect(new Set(reads).size).toBe(reads.length);
    expect([...reads].sort()).toEqual(logReads(reference).sort());
    // Exactly one set of events per incident: the same rows as the run that was never cut short.
    const events = 'SELECT id, incident_id, kind, user_id, interruption FROM incident_events WHERE deleted_at IS NULL ORDER BY id';
    expect(await h.query(events)).toEqual(await reference.query(events));
  });

  it('keeps what a stopped run read, and the next run reads only the rest', async () => {
    const reference = await startHarness(small);
    await reference.sync();
    const order = logReads(reference);
    const cutAt = Math.floor(order.length / 2);
    const target = `/incidents/${order[cutAt] as string}/activity-log`;

    const h = await startHarness(small);
    // The log the stop arrives during is slow, so the stop lands while its request is in flight.
    h.server.faults.push({ path: target, fault: { kind: 'delay', ms: 60_000 } });
    const controller = new AbortController();
    const run = h.sync({}, { signal: controller.signal });
    await waitFor(() => h.server.requests.some((r) => r.path === target), 20_000);
    controller.abort();
    await expect(run).rejects.toBeInstanceOf(InterruptedError);
    expect(await h.count('incident_activity_reads')).toBe(cutAt);

    h.server.faults.length = 0;
    h.clock.advance(15 * 60_000);
    const before = h.server.requests.length;
    expect((await h.sync()).status).toBe('ok');
    expect(logReads(h, before)).toEqual(order.slice(cutAt));
    const events = 'SELECT id, incident_id, kind, user_id, interruption FROM incident_events WHERE deleted_at IS NULL ORDER BY id';
    expect(await h.query(events)).toEqual(await reference.query(events));
  });

  it('goes past a log Spike answers unusably, leaves it pending, and reads it in a later run', async () => {
    const h = await startHarness(small);
    const [first, second] = resolvedWithin(h, 30 * DAY).sort((a, b) => String(a['RES_at']).localeCompare(String(b['RES_at'])));
    if (!first || !second) throw new Error('fewer than two resolved incidents');
    const badPath = `/incidents/${String(first['counterId'])}/activity-log`;
    h.server.faults.push({ path: badPath, fault: { kind: 'json', body: { unexpected: 'shape' } } }, { path: `/incidents/${String(second['counterId'])}/activity-log`, fault: { kind: 'status', status: 404 } });
    const result = await h.sync();
    expect(result.status).toBe('ok');
    const expected = resolvedWithin(h, 30 * DAY);
    expect(await h.count('incident_activity_reads')).toBe(expected.length - 1);
    expect(await h.count('incident_activity_reads', 'incident_id = @id', { id: first['_id'] })).toBe(0);
    // Gone from Spike: marked read with nothing stored, so it is not asked for again.
    expect(await h.count('incident_activity_reads', 'incident_id = @id', { id: second['_id'] })).toBe(1);
    expect(await h.count('incident_events', 'incident_id = @id', { id: second['_id'] })).toBe(0);
    const skipped = await h.one<{ skipped: number }>("SELECT SUM(items_skipped) AS skipped FROM sync_run_streams WHERE stream = 'incident_events' AND run_id = @run", { run: result.runId });
    expect(Number(skipped?.skipped)).toBe(2);

    h.server.faults.length = 0;
    h.clock.advance(15 * 60_000);
    const before = h.server.requests.length;
    await h.sync();
    expect(logReads(h, before)).toEqual([String(first['counterId'])]);
    expect(await liveEventIds(h, first['_id'])).toEqual((await servedLog(h, first)).map((e) => String(e['_id'])).sort());
  });

  it('sends no request for an incident whose counterId is a dot segment: /incidents/.. would be / with the key', async () => {
    const h = await startHarness(small);
    const [dots] = resolvedWithin(h, 30 * DAY);
    if (!dots) throw new Error('no resolved incident');
    dots['counterId'] = '..';

    const result = await h.sync();

    expect(result.status).toBe('ok');
    // Sent, its path would have resolved to /activity-log: a request with the key to a route the sync never meant.
    expect(h.server.requests.filter((r) => r.status === 404).map((r) => r.path)).toEqual([]);
    expect(await h.value('SELECT counter_id FROM incidents WHERE id = @id', { id: dots['_id'] })).toBe('..');
    // Skipped and counted, and marked read: it is not asked about again.
    const row = await h.one<{ skipped: number; first: string }>(
      "SELECT SUM(items_skipped) AS skipped, MAX(first_skip_error) AS first FROM sync_run_streams WHERE stream = 'incident_events' AND run_id = @run", { run: result.runId });
    expect(Number(row?.skipped)).toBe(1);
    expect(row?.first).toBe(`${String(dots['_id'])}: resolved incident's counterId ".." cannot name it in a request`);
    expect(await h.count('incident_activity_reads', 'incident_id = @id', { id: dots['_id'] })).toBe(1);
  });

  /** One team's resolved incidents in the order its queue reads them (resolution time, then id). */
  function queueOf(h: Harness): Json[] {
    const [first] = resolvedWithin(h, 30 * DAY);
    if (!first) throw new Error('no resolved incident');
    return resolvedWithin(h, 30 * DAY)
      .filter((i) => i['team'] === first['team'])
      .sort((a, b) => Date.parse(String(a['RES_at'])) - Date.parse(String(b['RES_at'])) || String(a['_id']).localeCompare(String(b['_id'])));
  }

  const logPath = (inc: Json) => `/incidents/${String(inc['counterId'])}/activity-log`;

  it('skips a log whose request keeps failing (5xx, a body that is not JSON, a timeout), leaves it pending and reads the rest', async () => {
    const h = await startHarness(small);
    const queue = queueOf(h);
    if (queue.length < 6) throw new Error('fewer than six resolved incidents in one team');
    const failing = [queue[0], queue[2], queue[4]] as Json[];
    h.server.faults.push(
      { path: logPath(failing[0]!), fault: { kind: 'status', status: 503 } },
      { path: logPath(failing[1]!), fault: { kind: 'html', status: 200 } },
      { path: logPath(failing[2]!), fault: { kind: 'delay', ms: 30_000 } },
    );
    const result = await h.sync({}, { client: { timeoutMs: 300 } });
    expect(result.status).toBe('ok');
    const team = String(queue[0]!['team']);
    const row = await h.one<{ status: string; items_skipped: number; first_skip_error: string }>(
      "SELECT status, items_skipped, first_skip_error FROM sync_run_streams WHERE run_id = @run AND team_id = @team AND stream = 'incident_events'",
      { run: result.runId, team },
    );
    expect(row).toMatchObject({ status: 'ok', items_skipped: 3 });
    expect(row?.first_skip_error).toContain(String(failing[0]!['_id']));
    for (const inc of queue) {
      const read = await h.count('incident_activity_reads', 'incident_id = @id', { id: inc['_id'] });
      expect(read).toBe(failing.includes(inc) ? 0 : 1);
    }

    h.server.faults.length = 0;
    h.clock.advance(15 * 60_000);
    const before = h.server.requests.length;
    expect((await h.sync()).status).toBe('ok');
    expect(logReads(h, before)).toEqual(failing.map((i) => String(i['counterId'])));
  });

  it('fails the stream after three logs in a row fail, and asks for none after them', async () => {
    const h = await startHarness(small);
    const queue = queueOf(h);
    if (queue.length < 5) throw new Error('fewer than five resolved incidents in one team');
    for (const inc of queue.slice(1, 4)) h.server.faults.push({ path: logPath(inc), fault: { kind: 'status', status: 502 } });
    const result = await h.sync();
    expect(result.status).toBe('partial');
    const team = String(queue[0]!['team']);
    const row = await h.one<{ status: string; items_skipped: number }>(
      "SELECT status, items_skipped FROM sync_run_streams WHERE run_id = @run AND team_id = @team AND stream = 'incident_events'",
      { run: result.runId, team },
    );
    expect(row).toMatchObject({ status: 'failed', items_skipped: 2 });
    const asked = new Set(logReads(h));
    expect(queue.map((i) => asked.has(String(i['counterId'])))).toEqual(queue.map((_, n) => n < 4));
    expect(await h.count('incident_activity_reads', 'incident_id = @id', { id: queue[0]!['_id'] })).toBe(1);
  });

  it('counts only what committed: logs stored together that the store refuses leave no rows and no counts behind', async () => {
    const h = await startHarness(small);
    const queue = queueOf(h);
    if (queue.length < 5) throw new Error('fewer than five resolved incidents in one team');
    // The first log is read alone. The second is held back, so the next three arrive while it is awaited and the four go
    // into one transaction; the store refuses to record who responded to the fourth, after the others' events were written.
    h.server.faults.push({ path: logPath(queue[1]!), fault: { kind: 'delay', ms: 300 } });
    await refuseResponders(h, String(queue[3]!['_id']));
    // A store that fails stops the run.
    await expect(h.sync({ pageConcurrency: 4 })).rejects.toThrow(/refused/);
    const team = String(queue[0]!['team']);
    const rows = await h.query<{ status: string; rows_inserted: number; pages: number }>(
      "SELECT status, rows_inserted, pages FROM sync_run_streams WHERE run_id = (SELECT MAX(id) FROM sync_runs) AND team_id = @team AND stream = 'incident_events'",
      { team },
    );
    // Only the first log committed, and only its entries are counted.
    const stored = await h.count('incident_events');
    expect(stored).toBeGreaterThan(0);
    expect(await h.count('incident_events', 'incident_id = @id', { id: queue[0]!['_id'] })).toBe(stored);
    expect(rows).toEqual([expect.objectContaining({ status: 'failed', rows_inserted: stored, pages: 1 })]);
    expect(await h.count('incident_activity_reads')).toBe(1);
  });

  it('keeps the entries of two logs that number them alike apart', async () => {
    const h = await startHarness(small);
    const [one, two] = resolvedWithin(h, 30 * DAY);
    if (!one || !two) throw new Error('fewer than two resolved incidents');
    for (const inc of [one, two]) {
      h.server.org.activityLogs.set(String(inc['_id']), [
        { _id: '1', type: 'triggered', message: `Triggered ${String(inc['counterId'])}`, createdAt: String(inc['NACK_at']) },
        { _id: '2', type: 'resolved', message: `Resolved ${String(inc['counterId'])}`, createdAt: String(inc['RES_at']) },
      ]);
    }
    expect((await h.sync()).status).toBe('ok');
    for (const inc of [one, two]) {
      const rows = await h.query<{ id: string; message: string }>('SELECT id, message FROM incident_events WHERE incident_id = @id AND deleted_at IS NULL ORDER BY id', { id: inc['_id'] });
      expect(rows).toEqual([
        { id: `${String(inc['_id'])}:1`, message: `Triggered ${String(inc['counterId'])}` },
        { id: `${String(inc['_id'])}:2`, message: `Resolved ${String(inc['counterId'])}` },
      ]);
    }
  });

  it('stores entries of unknown types and entries without users, counting the unknown ones, never failing', async () => {
    const h = await startHarness(small);
    const [inc] = resolvedWithin(h, 30 * DAY);
    if (!inc) throw new Error('no resolved incident');
    const at = (s: number) => new Date(Date.parse(String(inc['NACK_at'])) + s * 1000).toISOString();
    h.server.org.activityLogs.set(String(inc['_id']), [
      { _id: 'e1', type: 'triggered', message: 'Triggered', user: null, createdAt: at(0) },
      { _id: 'e2', type: 'note_added', message: 'Looking', user: '650000000000000000000999', createdAt: at(10) },
      { _id: 'e3', type: 'alert', message: 'Phone call to on-call', createdAt: at(20) },
      { _id: 'e4', type: 'status-page-updated', createdAt: at(30) },
      { type: 'runbook_opened', message: 'no id\u001b[31m', createdAt: at(40) },
      { _id: 'e6', type: 'resolved', message: 'Resolved', createdAt: at(50) },
    ]);
    const result = await h.sync();
    expect(result.status).toBe('ok');
    const rows = await h.query<{ type: string; kind: string; user_id: string | null; message: string | null }>(
      'SELECT type, kind, user_id, message FROM incident_events WHERE incident_id = @id ORDER BY created_at',
      { id: inc['_id'] },
    );
    expect(rows).toEqual([
      { type: 'triggered', kind: 'triggered', user_id: null, message: 'Triggered' },
      { type: 'note_added', kind: 'other', user_id: '650000000000000000000999', message: 'Looking' },
      { type: 'alert', kind: 'notification', user_id: null, message: 'Phone call to on-call' },
      { type: 'status-page-updated', kind: 'other', user_id: null, message: null },
      { type: 'runbook_opened', kind: 'other', user_id: null, message: 'no id[31m' },
      { type: 'resolved', kind: 'resolved', user_id: null, message: 'Resolved' },
    ]);
    const unknown = await h.value("SELECT SUM(items_unknown) FROM sync_run_streams WHERE stream = 'incident_events' AND run_id = @run", { run: result.runId });
    expect(Number(unknown)).toBe(3);
    expect(await h.one('SELECT acknowledged_by, resolved_by FROM incidents WHERE id = @id', { id: inc['_id'] })).toEqual({ acknowledged_by: null, resolved_by: null });
  });

  it('classes interruptions in the person\'s time zone, else the team schedule\'s, and counts a burst once', async () => {
    const h = await startHarness(small);
    const [inc] = resolvedWithin(h, 30 * DAY);
    if (!inc) throw new Error('no resolved incident');
    const teamId = String(inc['team']);
    const [ada, bob] = h.server.org.members.filter((m) => m['removed'] !== true && (m['teams'] as string[]).includes(teamId));
    if (!ada || !bob) throw new Error('team has fewer than two members');
    ada['timezone'] = 'America/New_York';
    delete bob['timezone'];
    for (const schedule of h.server.org.oncalls.filter((s) => (s['teams'] as string[]).includes(teamId))) schedule['timezone'] = 'Asia/Tokyo';
    // Friday 2026-11-13, 13:30 UTC: 08:30 in New York (business), 22:30 in Tokyo (sleep).
    h.server.org.activityLogs.set(String(inc['_id']), [
      { _id: 'p1', type: 'alert', message: 'Push notification to Ada', user: ada['_id'], createdAt: '2026-11-13T13:30:00.000Z' },
      { _id: 'c1', type: 'alert', message: 'Phone call to Ada', user: ada['_id'], createdAt: '2026-11-13T13:30:30.000Z' },
      { _id: 'm1', type: 'alert', message: 'Email to Ada', user: ada['_id'], createdAt: '2026-11-13T23:30:00.000Z' },
      { _id: 's1', type: 'alert', message: 'SMS to Bob', user: bob['_id'], createdAt: '2026-11-13T13:30:10.000Z' },
      // Saturday 2026-11-14, 03:00 UTC: 22:00 Friday in New York (sleep), 12:00 Saturday in Tokyo (off hours).
      { _id: 'c2', type: 'alert', message: 'Phone call to Ada', user: ada['_id'], createdAt: '2026-11-14T03:00:00.000Z' },
      { _id: 'p2', type: 'alert', message: 'Push notification to Bob', user: bob['_id'], createdAt: '2026-11-14T03:00:00.000Z' },
      { _id: 'r1', type: 'resolved', message: 'Resolved by Ada', user: ada['_id'], createdAt: '2026-11-14T03:10:00.000Z' },
    ]);
    await h.sync();
    const rows = await h.query<{ id: string; channel: string | null; interruption: string | null }>(
      'SELECT id, channel, interruption FROM incident_events WHERE incident_id = @id ORDER BY id',
      { id: inc['_id'] },
    );
    expect(rows.map((r) => ({ ...r, id: r.id.slice(String(inc['_id']).length + 1) }))).toEqual([
      { id: 'c1', channel: 'phone', interruption: null },
      { id: 'c2', channel: 'phone', interruption: 'sleep' },
      { id: 'm1', channel: 'email', interruption: null },
      { id: 'p1', channel: 'push', interruption: 'business' },
      { id: 'p2', channel: 'push', interruption: 'off_hours' },
      { id: 'r1', channel: null, interruption: null },
      { id: 's1', channel: 'sms', interruption: 'sleep' },
    ]);
    expect(await h.value('SELECT resolved_by FROM incidents WHERE id = @id', { id: inc['_id'] })).toBe(ada['_id']);
  });

  it('sync --backfill-activity widens the span for that run, and a bad span is a clear error', async () => {
    const h = await startHarness(small);
    const bad = await runCaptured(['sync', '--backfill-activity', 'soon'], h.env);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('--backfill-activity');
    expect(h.server.requests).toHaveLength(0);

    // The CLI runs on the real clock: a century reaches every incident the simulator generated.
    const wide = await runCaptured(['sync', '--backfill-activity', '36500d'], h.env);
    expect(wide.code).toBe(0);
    const resolved = h.server.org.incidents.filter((i) => i['status'] === 'RES');
    expect(logReads(h).sort()).toEqual(resolved.map((i) => String(i['counterId'])).sort());
  });
});

/** Makes the store refuse to record who responded to one incident, as a constraint or a full disk would. */
async function refuseResponders(h: Harness, incidentId: string): Promise<void> {
  await (await h.openStore()).close();
  if (h.storeKind === 'sqlite') {
    h.sqliteFile().sqlite.exec(
      `CREATE TRIGGER refuse_responders BEFORE UPDATE OF acknowledged_by ON incidents WHEN NEW.id = '${incidentId}' BEGIN SELECT RAISE(ABORT, 'refused'); END`,
    );
    return;
  }
  const schema = h.env.SPIKE_DB_SCHEMA as string;
  await adminQuery(`CREATE FUNCTION "${schema}".refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$;
    CREATE TRIGGER refuse_responders BEFORE UPDATE OF acknowledged_by ON "${schema}".incidents FOR EACH ROW WHEN (NEW.id = '${incidentId}') EXECUTE FUNCTION "${schema}".refuse()`);
}
