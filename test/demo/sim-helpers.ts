import { generateOrg, type GenerateOrgOptions } from '../../src/demo/generator.js';
import { startSimServer, type SimServer, type SimServerOptions } from '../../src/demo/server.js';
import type { Json, SimOrg } from '../../src/demo/sim-org.js';

export const API_KEY = 'test-key-123';

export function smallOrg(overrides: GenerateOrgOptions = {}): SimOrg {
  return generateOrg({ seed: 42, teams: 3, incidentsPerTeam: 45, ...overrides });
}

export async function startServer(opts: Partial<SimServerOptions> = {}): Promise<SimServer> {
  return startSimServer({ org: opts.org ?? smallOrg(), apiKey: API_KEY, ...opts });
}

export interface GetOptions {
  team?: string | undefined;
  key?: string | null;
  method?: string;
}

/** Sends one request with the key (unless `key: null`) and an optional team header. */
export async function call(server: SimServer, path: string, opts: GetOptions = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  if (opts.key !== null) headers['x-api-key'] = opts.key ?? API_KEY;
  if (opts.team !== undefined) headers['x-team-id'] = opts.team;
  return fetch(server.url + path, { method: opts.method ?? 'GET', headers });
}

export async function getJson(server: SimServer, path: string, opts: GetOptions = {}): Promise<{ status: number; body: unknown }> {
  const res = await call(server, path, opts);
  return { status: res.status, body: await res.json() };
}

export function teamId(org: SimOrg, index = 0): string {
  const team = org.teams[index];
  if (team === undefined) throw new Error(`no team ${index}`);
  return String(team['_id']);
}

export function asJson(value: unknown): Json {
  return value as Json;
}

export function items(value: unknown, key: string): Json[] {
  return asJson(value)[key] as Json[];
}
