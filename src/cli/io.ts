import { config as loadDotenv } from 'dotenv';
import type { Env } from '../config.js';

// What every command starts from, kept apart from the runtime so a command that only reads the store loads little.

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: Env;
}

export function defaultIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}

/** Environment plus `.env` (real variables win), read once at the edge. */
export function readEnv(io: CliIo): Env {
  const merged: Record<string, string | undefined> = { ...io.env };
  loadDotenv({ processEnv: merged as Record<string, string>, quiet: true });
  return merged;
}

