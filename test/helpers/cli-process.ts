import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

export const BIN = fileURLToPath(new URL('../../bin/spike-sync.js', import.meta.url));

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** `performance.now()` when the exit was seen, so a duration does not include the test's own await. */
  at: number;
}

export interface Spawned {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Unbounded: tests wait through `finishWithin` or `stopWith`, so a hung child fails the test instead of hanging the run. */
  exited: Promise<Exit>;
}

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const running = new Set<Spawned>();

// Registered in every test file that spawns (each file loads its own copy of this module under vitest's
// isolation): a test that fails while a child runs must not leave it syncing, or holding a store lock, past the test.
afterEach(async () => {
  const left = [...running];
  running.clear();
  for (const run of left) run.child.kill('SIGKILL');
  await Promise.all(left.map((run) => run.exited));
});

/** Runs `node` with `args` as a child the test owns: SIGKILLed after the test if it is still running. */
export function spawnNode(args: string[], options: { env?: Record<string, string>; as?: { uid: number; gid: number } } = {}): Spawned {
  const child = spawn(process.execPath, args, {
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options.as,
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<Exit>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal, at: performance.now() }));
  });
  const run: Spawned = { child, stdout: () => out, stderr: () => err, exited };
  running.add(run);
  void exited.then(() => running.delete(run));
  return run;
}

/**
 * Runs the built CLI (bin/spike-sync.js → dist/) as a separate process, as users run it. Without a
 * SPIKE_HTTP_PORT of the test's own, a `start` opens no metrics server: test files run in parallel, and
 * every worker would want the default port.
 */
export function spawnCli(args: string[], env: Record<string, string>, as?: { uid: number; gid: number }): Spawned {
  return spawnNode([BIN, ...args], { env: { PATH: process.env.PATH ?? '', SPIKE_HTTP_PORT: '0', ...env }, as });
}

/** Waits for a spawned child to exit; past `boundMs` it is killed and the test fails, instead of hanging. */
export async function finishWithin(run: Spawned, boundMs: number): Promise<Finished> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), boundMs)));
  const outcome = await Promise.race([run.exited, late]);
  clearTimeout(timer);
  if (outcome === 'late') {
    run.child.kill('SIGKILL');
    await run.exited;
    throw new Error(`the process did not exit within ${boundMs} ms; stderr:\n${run.stderr().slice(-2000)}`);
  }
  return { code: outcome.code, signal: outcome.signal, stdout: run.stdout(), stderr: run.stderr() };
}

/**
 * Sends `signal` and waits (at most `boundMs`) for the exit; `tookMs` runs from the signal to the exit
 * event, not to whenever this test process got round to noticing it.
 */
export async function stopWith(run: Spawned, signal: NodeJS.Signals, boundMs = 15_000): Promise<Finished & { tookMs: number }> {
  const sentAt = performance.now();
  run.child.kill(signal);
  const finished = await finishWithin(run, boundMs);
  const { at } = await run.exited;
  return { ...finished, tookMs: at - sentAt };
}

/**
 * Resolves once `predicate` holds, polling every `everyMs` (a few milliseconds by default; longer for a
 * predicate that queries a store), or rejects after `timeoutMs`.
 */
export async function waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 5): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
