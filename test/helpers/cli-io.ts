import type { CliIo } from '../../src/cli/io.js';

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
