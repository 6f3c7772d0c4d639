import { loadConfig } from '../../config.js';
import { openStore } from '../../db/index.js';
import { readEnv, type CliIo } from '../runtime.js';

/** Applies pending migrations (every other command does too) and says where the store is. */
export function migrateCommand(io: CliIo, options: { db?: string }): number {
  const config = loadConfig(readEnv(io), { requireApiKey: false });
  const path = options.db ?? config.dbPath;
  openStore(path).close();
  io.stderr.write(`spike-sync: store at ${path} is up to date\n`);
  return 0;
}
