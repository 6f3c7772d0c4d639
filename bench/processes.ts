import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TSX = ['--import', 'tsx'];

export interface Measured {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
  peakRssMb: number;
}

/** Runs a node process to its end, timing it and reading its peak RSS through the rss probe. */
export async function measure(args: string[], env: Record<string, string>): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'spike-bench-rss-'));
  const rssFile = join(dir, 'rss');
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', join(ROOT, 'bench/rss-probe.mjs'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const seconds = (performance.now() - started) / 1000;
  const peakRssMb = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) / 1024 : Number.NaN;
  rmSync(dir, { recursive: true, force: true });
  return { code, stdout, stderr, seconds, peakRssMb };
}

export function tsxArgs(script: string, ...args: string[]): string[] {
  return [...TSX, join(ROOT, script), ...args];
}

export interface SimProcess {
  url: string;
  incidents: number;
  /** Sends one command line and resolves with the JSON line it answers. */
  ask(command: string): Promise<unknown>;
  stop(): Promise<void>;
}

/** Starts the simulated API in its own process and waits for its address. */
export async function startSimProcess(teams: number, perTeam: number, latencyMs: number, apiKey: string): Promise<SimProcess> {
  const child = spawn(process.execPath, tsxArgs('bench/sim-server-child.ts', String(teams), String(perTeam), String(latencyMs), apiKey), {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const nextLine = async (): Promise<unknown> => {
    const { value, done } = await lines.next();
    if (done) throw new Error('the simulated API process ended');
    return JSON.parse(value as string);
  };
  const hello = (await nextLine()) as { url: string; incidents: number };
  return {
    ...hello,
    async ask(command) {
      child.stdin.write(`${command}\n`);
      return nextLine();
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.stdin.end('quit\n');
      await exited;
    },
  };
}
