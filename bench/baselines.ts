// The bare pipelines, each in its own process: SQLite (baseline-child.ts) or PostgreSQL (baseline-pg-child.ts).
import { join } from 'node:path';
import { measure, tsxArgs } from './processes.js';

export interface BaselineRates {
  /** Incidents per second into an empty table, then with every row already there and unchanged. */
  fresh: number;
  unchanged: number;
}

export type BaselineTarget = { kind: 'sqlite'; dir: string } | { kind: 'postgres'; url: string; schema: string };

export async function runBaseline(apiUrl: string, apiKey: string, target: BaselineTarget): Promise<BaselineRates> {
  process.stderr.write(`bench: bare ${target.kind === 'sqlite' ? '' : 'PostgreSQL '}baseline…\n`);
  const res = await fetch(`${apiUrl}/teams`, { headers: { 'x-api-key': apiKey } });
  const ids = ((await res.json()) as { teams: { _id: string }[] }).teams.map((t) => t._id).join(',');
  const args =
    target.kind === 'sqlite'
      ? tsxArgs('bench/baseline-child.ts', apiUrl, apiKey, join(target.dir, 'baseline.db'), ids)
      : tsxArgs('bench/baseline-pg-child.ts', apiUrl, apiKey, target.url, target.schema, ids);
  const run = await measure(args, {});
  if (run.code !== 0) throw new Error(`baseline failed: ${run.stderr}`);
  const out = JSON.parse(run.stdout) as { fresh: { incidents: number; seconds: number }; unchanged: { incidents: number; seconds: number } };
  return { fresh: out.fresh.incidents / out.fresh.seconds, unchanged: out.unchanged.incidents / out.unchanged.seconds };
}
