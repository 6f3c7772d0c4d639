import { Writable } from 'node:stream';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/main.js';

export interface CapturedIo extends CliIo {
  out: () => string;
  err: () => string;
}

/** The CLI's io parameter with stdout and stderr collected as strings. */
export function captureIo(env: Record<string, string>): CapturedIo {
  const out = collected();
  const err = collected();
  return { env, stdout: out.stream, stderr: err.stream, out: out.text, err: err.text };
}

/** A real writable stream (it calls back, it emits errors) keeping what is written to it as text. */
export function collected(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

/** Runs the CLI in this process with `env`, as a user would run `spike-sync <args>`: its exit code and what it wrote. */
export async function runCaptured(args: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo(env);
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}
