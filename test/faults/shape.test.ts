import { expect, it } from 'vitest';
import type { Json } from '../../src/demo/sim-org.js';
import { MAX_JSON_DEPTH, TOO_DEEP } from '../../src/lib/json-depth.js';
import { useHarness, type Harness } from '../helpers/harness.js';
import { describeEachStore } from '../helpers/stores.js';
import {
  afterCleanRun, QUARTER, SMALL_ORG, firstIncidentPage, hits, incidentsOf, requestsOfTeam, runRow, stateOf, streamRow, streamRows, teamIdsOf, teamSnapshot,
} from './fault-kit.js';

/** Positions on page 1 of resolved incidents: these are never listed again by the open-set routes. */
function resolvedPositions(page: Json[], n: number): number[] {
  const positions = page.flatMap((item, i) => (item.status === 'RES' ? [i] : []));
  expect(positions.length).toBeGreaterThanOrEqual(n);
  return positions.slice(0, n);
}

function incidentPageBody(items: Json[], total: number): Json {
  return { incidents: items, pagination: { page: 1, perPage: 100, total } };
}

async function storedIds(h: Harness, teamId: string): Promise<Set<string>> {
  return new Set((await h.query<{ id: string }>('SELECT id FROM incidents WHERE team_id = @teamId', { teamId })).map((r) => r.id));
}

/**
 * `n` four-byte characters (the most bytes a character takes) that repeat only after 983,040 of them, so PostgreSQL
 * cannot compress them either: 7919 is prime to the size of the planes above the first.
 */
function unrepeated(n: number): string {
  return Array.from({ length: n }, (_, i) => String.fromCodePoint(0x10000 + ((i * 7919) % 0xf0000))).join('');
}

describeEachStore('200 with an unexpected shape', (store) => {
  const startHarness = useHarness(store);

  it('skips the malformed items of a page, counts them with the first reason, and keeps the good ones', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    const [a, b, c] = teamIdsOf(harness);
    const page = firstIncidentPage(harness, a!);
    const [noId, badStatus, badDate, badAckDate, impossibleDate] = resolvedPositions(page, 5).map((i) => page[i]!);
    const lostId = noId!._id as string;
    delete noId!._id;
    badStatus!.status = 42;
    badDate!.NACK_at = 'not a date';
    badAckDate!.ACK_at = { when: 'yesterday' };
    // A day that does not exist, which PostgreSQL refuses: once it failed the whole page there, on every run.
    impossibleDate!.RES_at = '2026-02-30T00:00:00.000Z';
    harness.server.faults.push({ path: '/incidents', teamId: a, times: 1, fault: { kind: 'json', body: incidentPageBody(page, 130) } });

    const result = await harness.sync();

    expect(result.status).toBe('ok');
    expect(hits(harness, '/incidents', a).map((r) => `${r.query.page} ${r.status}`)).toEqual(['1 200', '2 200']);
    const ledger = await streamRow(harness, result.runId, a!, 'incidents');
    expect(ledger).toMatchObject({ status: 'ok', items_skipped: 5, rows_inserted: 125, pages: 3, error: null });
    expect(ledger.first_skip_error).toBe('item without _id: item has no _id');

    const stored = await storedIds(harness, a!);
    expect(stored.size).toBe(125);
    for (const skipped of [lostId, badStatus!._id, badDate!._id, badAckDate!._id, impossibleDate!._id]) expect(stored.has(skipped as string)).toBe(false);
    const good = page.filter((item) => ![noId, badStatus, badDate, badAckDate, impossibleDate].includes(item));
    for (const item of good) expect(stored.has(item._id as string)).toBe(true);
    const sample = good[0]!;
    expect(JSON.parse(String(await harness.value('SELECT raw FROM incidents WHERE id = @id', { id: sample._id })))).toEqual(JSON.parse(JSON.stringify(sample)));
    for (const team of [b!, c!]) {
      expect(await harness.count('incidents', 'team_id = @team', { team })).toBe(incidentsOf(harness, team).length);
    }
    expect((await streamRows(harness, result.runId)).filter((s) => s.team_id !== a).every((s) => s.items_skipped === 0)).toBe(true);
    expect(await runRow(harness, result.runId)).toMatchObject({ status: 'ok', teams_ok: 3 });
  });

  it('the first skip reason names the item and what is wrong with it', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    const [, b] = teamIdsOf(harness);
    const page = firstIncidentPage(harness, b!);
    const [first, second] = resolvedPositions(page, 2).map((i) => page[i]!);
    first!.NACK_at = 'not a date';
    second!.status = 42;
    harness.server.faults.push({ path: '/incidents', teamId: b, times: 1, fault: { kind: 'json', body: incidentPageBody(page, 40) } });

    const result = await harness.sync();

    expect(await streamRow(harness, result.runId, b!, 'incidents')).toMatchObject({
      status: 'ok',
      items_skipped: 2,
      rows_inserted: 38,
      first_skip_error: `${String(first!._id)}: NACK_at is not a valid timestamp: "not a date"`,
    });
  });

  // Failing: the title of an incident whose `message` is an object is stored as '' instead of the item being skipped.
  it('an incident whose title is not text is skipped, and the title stored before is kept', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    const [a] = teamIdsOf(harness);
    await harness.sync();
    const page = firstIncidentPage(harness, a!);
    const [position] = resolvedPositions(page, 1);
    const item = page[position!]!;
    const before = await harness.one('SELECT * FROM incidents WHERE id = @id', { id: item._id });
    expect(before!.title).toBe(item.message);

    harness.clock.advance(QUARTER);
    item.message = { text: String(item.message), format: 'markdown' };
    harness.server.faults.push({ path: '/incidents', teamId: a, times: 1, fault: { kind: 'json', body: incidentPageBody(page, 130) } });
    const result = await harness.sync();

    expect(await harness.one('SELECT * FROM incidents WHERE id = @id', { id: item._id })).toEqual(before);
    expect(await streamRow(harness, result.runId, a!, 'incidents')).toMatchObject({
      status: 'ok',
      items_skipped: 1,
      first_skip_error: expect.stringContaining(String(item._id)),
    });
  });

  // Anyone who can send an alert writes its title; the rest of these fields are Spike's, sent at whatever length.
  it('an incident with huge text fields is stored with them cut to their bounds, and the whole item kept in raw', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    const [a] = teamIdsOf(harness);
    const page = firstIncidentPage(harness, a!);
    const [position] = resolvedPositions(page, 1);
    const item = page[position!]!;
    const huge = unrepeated;
    Object.assign(item, { message: huge(100_000), counterId: huge(5_000) });
    item.groupedIncident = { ...(item.groupedIncident as object), priority: huge(5_000), severity: huge(5_000) };
    item.service = { _id: 'svc-huge', name: huge(5_000) };
    harness.server.faults.push({ path: '/incidents', teamId: a, times: 1, fault: { kind: 'json', body: incidentPageBody(page, 130) } });

    const result = await harness.sync();

    expect(await streamRow(harness, result.runId, a!, 'incidents')).toMatchObject({ status: 'ok', items_skipped: 0, rows_inserted: 130 });
    const stored = (await harness.one('SELECT * FROM incidents WHERE id = @id', { id: item._id }))!;
    const chars = (field: string) => Array.from(String(stored[field])).length;
    expect([chars('title'), chars('counter_id'), chars('priority'), chars('severity'), chars('service_name')]).toEqual([2000, 64, 64, 64, 256]);
    expect(String(stored.title)).toBe(huge(2000));
    expect(JSON.parse(String(stored.raw))).toEqual(JSON.parse(JSON.stringify(item)));
    // The view the reports and BI tools read shows the row with its cut title and priority.
    const facts = await harness.query<{ title: string }>('SELECT title FROM incident_facts WHERE team_id = @a AND priority = @p', { a, p: huge(64) });
    expect(facts.map((r) => r.title)).toEqual([huge(2000)]);
  });

  // A \u escape in the body sends it through the scrubbing walk, without one it goes straight to the raw JSON: both recursed.
  it.each([
    ['with an escaped character', 'deep \u0007 nesting'],
    ['without escapes', 'deep nesting'],
  ])('an incident nesting 5,000 arrays (%s) is stored, with raw cut where it nests too deep', async (_name, message) => {
    const harness = await startHarness({ org: SMALL_ORG });
    const [a] = teamIdsOf(harness);
    const page = firstIncidentPage(harness, a!);
    const item = page[0]!;
    Object.assign(item, { message, metadata: 'DEEP' });
    // Written as text: 10 KB of brackets, which a JSON.stringify of the value would itself have to recurse through.
    const body = JSON.stringify(incidentPageBody(page, 130)).replace('"DEEP"', `${'['.repeat(5000)}${']'.repeat(5000)}`);
    harness.server.faults.push({ path: '/incidents', teamId: a, times: 1, fault: { kind: 'status', status: 200, body } });

    const result = await harness.sync();

    expect(result.status).toBe('ok');
    expect(await streamRow(harness, result.runId, a!, 'incidents')).toMatchObject({ status: 'ok', items_skipped: 0, rows_inserted: 130 });
    const stored = (await harness.one('SELECT title, raw FROM incidents WHERE id = @id', { id: item._id }))!;
    expect(stored.title).toBe(message);
    // The body, its incidents list and the item are the first three levels: the arrays go on to the bound.
    let at = (JSON.parse(String(stored.raw)) as Json).metadata;
    let arrays = 0;
    for (; Array.isArray(at); arrays++) at = at[0] as unknown;
    expect([arrays, at]).toEqual([MAX_JSON_DEPTH - 3, TOO_DEEP]);
  });

  it('an incident title holding half of a character is stored with U+FFFD in its place, as text every reader decodes', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    const [a] = teamIdsOf(harness);
    const page = firstIncidentPage(harness, a!);
    const item = page[0]!;
    item.message = 'lone \ud800 surrogate';
    harness.server.faults.push({ path: '/incidents', teamId: a, times: 1, fault: { kind: 'json', body: incidentPageBody(page, 130) } });

    expect((await harness.sync()).status).toBe('ok');

    // SQLite stored the half as the three bytes ED A0 80, which read back as three U+FFFD and which Python refuses.
    expect(await harness.value('SELECT title FROM incidents WHERE id = @id', { id: item._id })).toBe('lone \ufffd surrogate');
  });

  it('a member with a huge email and name is stored with them cut to their bounds', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    const [a] = teamIdsOf(harness);
    const member = harness.server.org.members.find((m) => m.removed !== true && Array.isArray(m.teams) && m.teams.includes(a))!;
    // users.email is indexed: PostgreSQL refused the entry, and with it every member of the listing.
    Object.assign(member, { email: `${unrepeated(5_000)}@example.com`, firstName: unrepeated(5_000), timezone: unrepeated(500) });

    const result = await harness.sync();

    expect(result.status).toBe('ok');
    const stored = (await harness.one('SELECT * FROM users WHERE id = @id', { id: member._id }))!;
    const chars = (field: string) => Array.from(String(stored[field])).length;
    expect([chars('email'), chars('first_name'), chars('timezone')]).toEqual([320, 256, 64]);
    expect(JSON.parse(String(stored.raw))).toMatchObject({ email: member.email });
  });

  it.each([
    ['an empty object', {}, /expected a list under "incidents", got an empty object/],
    ['an object without the list key', { oops: [] }, /expected a list under "incidents", got an object with keys oops/],
    ['the list key holding a string', { incidents: 'none' }, /expected a list under "incidents", got an object with keys incidents/],
    ['null', null, /expected a list under "incidents", got null/],
  ])('a page that is %s fails that stream only, without retrying, and leaves the stored data alone', async (_name, body, error) => {
    const harness = await startHarness({ org: SMALL_ORG });
    const { a, b, c, before, checkpoint, from } = await afterCleanRun(harness);
    harness.server.faults.push({ path: '/incidents', teamId: a, fault: { kind: 'json', body } });
    const result = await harness.sync();

    expect(result.status).toBe('partial');
    const asked = hits(harness, '/incidents', a, from);
    expect(asked.map((r) => r.status)).toEqual([200]);
    // Not retried, and nothing more of its incidents (the team's members and schedules go beside it).
    expect(requestsOfTeam(harness, a!, asked[0]!.index + 1).filter((r) => r.path.startsWith('/incidents'))).toEqual([]);
    const failed = await streamRow(harness, result.runId, a!, 'incidents');
    expect(failed).toMatchObject({ status: 'failed', requests: 1, pages: 0 });
    expect(String(failed.error)).toMatch(new RegExp(`^GET /incidents\\?page=1 \\(team ${a}\\): `));
    expect(String(failed.error)).toMatch(error);
    expect(await streamRow(harness, result.runId, a!, 'team_members')).toMatchObject({ status: 'ok' });
    expect(result.teams.map((t) => t.ok)).toEqual([false, true, true]);
    for (const team of [b!, c!]) expect(requestsOfTeam(harness, team, from).some((r) => r.path === '/incidents/acknowledged')).toBe(true);
    expect(await runRow(harness, result.runId)).toMatchObject({ status: 'partial', teams_ok: 2, teams_failed: 1 });
    expect(await teamSnapshot(harness, a!)).toEqual(before);
    expect(await stateOf(harness, a!, 'incidents')).toEqual(checkpoint);
  });

  it('an unusable open-set list fails the stream and resolves nothing on its say-so', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    const [, b] = teamIdsOf(harness);
    await harness.sync();
    const open = await harness.count("incidents", "team_id = @b AND status IN ('NACK', 'ACK')", { b });
    expect(open).toBeGreaterThan(0);
    const before = await teamSnapshot(harness, b!);

    harness.clock.advance(QUARTER);
    const from = harness.server.requests.length;
    harness.server.faults.push({ path: '/incidents/triggered', teamId: b, fault: { kind: 'json', body: { data: { items: [] } } } });
    const result = await harness.sync();

    expect(result.status).toBe('partial');
    expect(await streamRow(harness, result.runId, b!, 'incidents')).toMatchObject({ status: 'failed', error: expect.stringMatching(/GET \/incidents\/triggered .*expected a list under "incidents"/) });
    // The two lists go out together; neither is asked again.
    expect(hits(harness, '/incidents/acknowledged', b, from)).toHaveLength(1);
    const details = requestsOfTeam(harness, b!, from).filter((r) => /^\/incidents\/[^/]+$/.test(r.path) && !/\/(triggered|acknowledged)$/.test(r.path));
    expect(details).toEqual([]);
    expect((await teamSnapshot(harness, b!)).incidents).toEqual(before.incidents);
  });

  it('a malformed item in a team listing is skipped and counted; the other teams sync', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    const [a, b, c] = teamIdsOf(harness);
    const teams = JSON.parse(JSON.stringify(harness.server.org.teams)) as Json[];
    teams[2]!.createdAt = 'not a date';
    harness.server.faults.push({ path: '/teams/get-all-teams', times: 1, fault: { kind: 'json', body: { teams } } });

    const result = await harness.sync();

    expect(await streamRow(harness, result.runId, '*', 'teams')).toMatchObject({
      status: 'ok',
      items_skipped: 1,
      rows_inserted: 2,
      first_skip_error: `${c}: createdAt is not a valid timestamp: "not a date"`,
    });
    for (const team of [a!, b!]) expect(result.teams.find((t) => t.team.id === team)?.ok).toBe(true);
    expect(await harness.count('incidents', 'team_id IN (@a, @b)', { a, b })).toBe(130 + 40);
  });

  it('an unusable snapshot listing fails its stream and marks nothing deleted; an empty one is not trusted either', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    const [a, b] = teamIdsOf(harness);
    await harness.sync();
    const before = { a: (await teamSnapshot(harness, a!)), b: (await teamSnapshot(harness, b!)) };

    harness.clock.advance(QUARTER);
    harness.server.faults.push({ path: '/on-calls', teamId: a, fault: { kind: 'json', body: { oops: [] } } });
    harness.server.faults.push({ path: '/users', teamId: b, fault: { kind: 'json', body: { users: [] } } });
    const result = await harness.sync();

    expect(result.status).toBe('partial');
    expect(await streamRow(harness, result.runId, a!, 'oncall_schedules')).toMatchObject({
      status: 'failed',
      requests: 1,
      rows_deleted: 0,
      error: expect.stringMatching(/expected a list under "oncalls", got an object with keys oops/),
    });
    expect(await streamRow(harness, result.runId, b!, 'team_members')).toMatchObject({ status: 'ok', rows_deleted: 0 });
    expect((await teamSnapshot(harness, a!)).schedules).toEqual(before.a.schedules);
    expect((await teamSnapshot(harness, b!)).members).toEqual(before.b.members);
  });

  // Failing: a member item without _id makes the member it stands for look removed.
  it('a team member listed without _id is skipped and counted, and no membership is marked deleted because of it', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    const [a] = teamIdsOf(harness);
    await harness.sync();
    const members = (await teamSnapshot(harness, a!)).members;
    expect(members.length).toBeGreaterThanOrEqual(3);

    harness.clock.advance(QUARTER);
    const listed = JSON.parse(JSON.stringify(members.map((m) => JSON.parse(String(m.raw)) as Json))) as Json[];
    delete listed[0]!._id;
    harness.server.faults.push({ path: '/users', teamId: a, fault: { kind: 'json', body: { users: listed } } });
    const result = await harness.sync();

    expect(await streamRow(harness, result.runId, a!, 'team_members')).toMatchObject({
      status: 'ok',
      items_skipped: 1,
      first_skip_error: 'item without _id: item has no _id',
      rows_deleted: 0,
    });
    expect(await harness.count('team_members', 'team_id = @a AND deleted_at IS NOT NULL', { a })).toBe(0);
  });
});
