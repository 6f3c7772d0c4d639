import type { SpikeClient } from '../client.js';
import { unwrapList } from '../unwrap.js';

/** The team's on-call schedules (with their layers). */
export async function listOncalls(client: SpikeClient, teamId: string): Promise<unknown[]> {
  const path = '/on-calls';
  return unwrapList(await client.get(path, { teamId }), 'oncalls', { method: 'GET', path, teamId });
}

/**
 * The schedule's flattened shifts from `from` on (Spike serves a span of about two weeks), overrides cut in.
 * The detail wraps them beside the schedule (`{oncall, activeShift, shifts}`); unwrapList also finds them
 * under `data` or `result`, or as a bare array.
 */
export async function listOncallShifts(client: SpikeClient, teamId: string, oncallId: string, from: string): Promise<unknown[]> {
  const path = `/on-calls/${encodeURIComponent(oncallId)}`;
  const body = await client.get(path, { teamId, query: { from } });
  return unwrapList(body, 'shifts', { method: 'GET', path: `${path}?from=${from}`, teamId });
}

/** The schedule's overrides overlapping [from, to]. Spike documents this route with the key alone: no team header. */
export async function listOncallOverrides(client: SpikeClient, oncallId: string, window: { from: string; to: string }): Promise<unknown[]> {
  const path = `/oncalls/${encodeURIComponent(oncallId)}/overrides`;
  const body = await client.get(path, { query: { from: window.from, to: window.to } });
  return unwrapList(body, 'overrides', { method: 'GET', path: `${path}?from=${window.from}&to=${window.to}`, teamId: undefined });
}
