import { counterNumber } from './incident-shape.js';
import type { Json, SimOrg } from './sim-org.js';

/** Newest NACK_at first; equal instants fall back to the higher counter, i.e. the later incident. */
function newestFirst(a: Json, b: Json): number {
  const at = String(a['NACK_at']);
  const bt = String(b['NACK_at']);
  if (at !== bt) return at < bt ? 1 : -1;
  return counterNumber(b['counterId']) - counterNumber(a['counterId']);
}

/**
 * Per-team incident arrays sorted newest first, rebuilt only when the incident list itself changes
 * (replaced, grown or shrunk). Status changes made in place need no rebuild: routes read them live.
 */
export class IncidentIndex {
  private source: Json[] | undefined;
  private fingerprint = '';
  private byTeam = new Map<string, Json[]>();
  private byCounter = new Map<string, Map<string, Json>>();
  private generation = 0;
  /** Backfills page through one window many times; merging it once saves a sort per page. */
  private lastWindow: { key: string; generation: number; result: readonly Json[] } | undefined;

  constructor(private readonly org: SimOrg) {}

  teamIncidents(teamId: string): readonly Json[] {
    this.refresh();
    return this.byTeam.get(teamId) ?? [];
  }

  findByCounterId(teamId: string, counterId: string): Json | undefined {
    this.refresh();
    return this.byCounter.get(teamId)?.get(counterId);
  }

  /** Incidents triggered within [startIso, endIso] of the given teams (all when undefined), newest first. */
  window(teamIds: readonly string[] | undefined, startIso: string, endIso: string): readonly Json[] {
    this.refresh();
    const key = `${teamIds?.join(',') ?? '*'}|${startIso}|${endIso}`;
    if (this.lastWindow?.key === key && this.lastWindow.generation === this.generation) return this.lastWindow.result;
    const out: Json[] = [];
    const teams = teamIds ?? [...this.byTeam.keys()];
    for (const teamId of teams) {
      const sorted = this.byTeam.get(teamId) ?? [];
      const first = firstIndex(sorted, (inc) => String(inc['NACK_at']) <= endIso);
      const last = firstIndex(sorted, (inc) => String(inc['NACK_at']) < startIso);
      for (let i = first; i < last; i++) out.push(sorted[i] as Json);
    }
    const result = teams.length > 1 ? out.sort(newestFirst) : out;
    this.lastWindow = { key, generation: this.generation, result };
    return result;
  }

  private refresh(): void {
    const incidents = this.org.incidents;
    const shared = this.org.alsoListedUnder;
    const fingerprint = `${incidents.length}:${String(incidents[0]?.['_id'])}:${String(incidents.at(-1)?.['_id'])}:${shared?.size ?? 0}`;
    if (incidents === this.source && fingerprint === this.fingerprint) return;
    this.byTeam = new Map();
    this.byCounter = new Map();
    for (const inc of incidents) {
      this.add(String(inc['team']), inc);
      for (const teamId of shared?.get(String(inc['_id'])) ?? []) this.add(teamId, inc);
    }
    for (const list of this.byTeam.values()) list.sort(newestFirst);
    this.source = incidents;
    this.fingerprint = fingerprint;
    this.generation += 1;
  }

  private add(teamId: string, inc: Json): void {
    let list = this.byTeam.get(teamId);
    let counters = this.byCounter.get(teamId);
    if (list === undefined || counters === undefined) {
      list = [];
      counters = new Map();
      this.byTeam.set(teamId, list);
      this.byCounter.set(teamId, counters);
    }
    list.push(inc);
    counters.set(String(inc['counterId']), inc);
  }
}

/** Binary search over a list where `pred` is false then true; returns the first true index. */
function firstIndex(sorted: readonly Json[], pred: (inc: Json) => boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pred(sorted[mid] as Json)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
