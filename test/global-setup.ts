import type { TestProject } from 'vitest/node';
import { maskPassword } from '../src/db/index.js';
import { TEST_DATABASE_URL, adminQuery } from './helpers/postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Why the PostgreSQL tests cannot run here, or null when the server answers. */
    postgresUnavailable: string | null;
  }
}

/**
 * Probes the test PostgreSQL server once per run. Under CI=true an unreachable server fails the run: the
 * PostgreSQL suites must run there. Elsewhere they are skipped, with one line saying how to run them.
 */
export default async function setup(project: TestProject): Promise<void> {
  let reason: string | null = null;
  try {
    await adminQuery('SELECT 1');
  } catch (err) {
    reason = `${(err as Error).message || (err as { code?: string }).code || 'no answer'}`;
  }
  if (reason !== null) {
    const where = maskPassword(TEST_DATABASE_URL);
    if (process.env.CI === 'true') throw new Error(`the PostgreSQL test server at ${where} does not answer (${reason}); under CI=true the PostgreSQL tests must run`);
    process.stderr.write(
      `\n*** PostgreSQL tests SKIPPED: ${where} does not answer (${reason}). Start PostgreSQL or set SPIKE_TEST_DATABASE_URL to run them. ***\n\n`,
    );
  }
  project.provide('postgresUnavailable', reason);
}
