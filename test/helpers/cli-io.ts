import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/main.js';

export interface CapturedIo extends CliIo {
  out: () => string;
  err: () => string;
}

/** The CLI's io parameter with stdout and stderr collected as strings. */
export function captureIo(env: Record<string, string>): CapturedIo {
  let out = '';
  let err = '';
  return {
    env,
    stdout: { write: (chunk: string) => ((out += chunk), true) } as unknown as NodeJS.WritableStream,
    stderr: { write: (chunk: string) => ((err += chunk), true) } as unknown as NodeJS.WritableStream,
    out: () => out,
    err: () => err,
  };
}

/** Runs the CLI in this process with `env`, as a user would run `spike-sync <args>`: its exit code and what it wrote. */
export async function runCaptured(args: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo(env);
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}
