import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

/** The lint errors ESLint reports for `code` as if it were saved at `filePath` in this project. */
async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the dependency rule is a lint error', () => {
  it.each([
    ['src/jobs/x.ts', "import Database from 'better-sqlite3';", 'only src/db/ may import better-sqlite3'],
    ['src/reports/x.ts', "import { sql } from 'drizzle-orm';", 'only src/db/ may import'],
    ['src/cli/x.ts', "import pg from 'pg';", 'only src/db/ may import'],
    ['src/jobs/x.ts', "import { request } from 'undici';", 'only src/spike/ may import undici'],
    ['src/jobs/x.ts', "import { createTask } from 'node-cron';", 'only src/jobs/scheduler.ts may import node-cron'],
    ['src/cli/commands/x.ts', "import { Counter } from 'prom-client';", 'only src/cli/monitoring/ may import prom-client'],
    ['src/cli/monitoring/x.ts', "import pg from 'pg';", 'only src/db/ may import'],
    ['src/spike/x.ts', "import { openSqlite } from '../db/index.js';", 'spike/ may import only spike, lib'],
    ['src/db/x.ts', "import { createSpikeClient } from '../spike/index.js';", 'db/ may import only db, lib'],
    ['src/reports/x.ts', "import { runSync } from '../jobs/run-sync.js';", 'reports/ may import only reports, lib, db'],
    ['src/jobs/mappers/x.ts', "import { syncCommand } from '../../cli/commands/sync.js';", 'jobs/ may import only jobs, lib, spike, db'],
    ['src/jobs/x.ts', "import { loadConfig } from '../config.js';", 'only main.ts and cli/ read the configuration'],
    ['src/jobs/mappers/x.ts', "import { incidents } from '../../db/schema.js';", 'import the store through src/db/index.ts'],
    ['src/cli/x.ts', "import { acquireRunLock } from '../db/repositories/run-lock.js';", 'import the store through src/db/index.ts'],
  ])('%s: %s', async (file, code, message) => {
    const errors = await restrictedImports(file, `${code}\nexport const used = [${code.match(/import \{? ?(\w+)/)?.[1]}];\n`);
    expect(errors.join('\n')).toContain(message);
  });

  it.each([
    ['src/db/x.ts', "import Database from 'better-sqlite3';"],
    ['src/spike/x.ts', "import { request } from 'undici';"],
    ['src/jobs/scheduler-user.ts', "import { openSqlite } from '../db/index.js';"],
    ['src/jobs/scheduler.ts', "import { createTask } from 'node-cron';"],
    ['src/cli/monitoring/x.ts', "import { Counter } from 'prom-client';"],
    ['src/cli/x.ts', "import { runSync } from '../jobs/run-sync.js';"],
  ])('%s may: %s', async (file, code) => {
    expect(await restrictedImports(file, `${code}\nexport const used = [${code.match(/import \{? ?(\w+)/)?.[1]}];\n`)).toEqual([]);
  });
});
