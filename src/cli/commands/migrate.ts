import { loadConfig } from '../../config.js';
import { openStore } from '../../db/index.js';
import { readEnv, type CliIo } from '../runtime.js';

/** Applies pending migrations (sync, start and demo do too) and says where the store is. */
export async function migrateCommand(io: CliIo, options: { db?: string }): Promise<number> {
  const config = loadConfig(readEnv(io), { requireApiKey: false });
  const path = options.db ?? config.dbPath;
  await (await openStore(path)).close();
  io.stderr.write(`spike-sync: store at ${path} is up to date\n`);
  return 0;
}
