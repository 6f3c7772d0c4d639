import { loadConfig } from '../../config.js';
import { describeStore, openStore } from '../../db/index.js';
import { readEnv, type CliIo } from '../io.js';
import { chosenStore, type StoreChoice } from '../store-choice.js';

/** Applies pending migrations (sync, start and demo do too) and says where the store is. */
export async function migrateCommand(io: CliIo, options: StoreChoice): Promise<number> {
  const config = loadConfig(readEnv(io), { requireApiKey: false });
  const store = chosenStore(config, options);
  await (await openStore(store)).close();
  io.stderr.write(`spike-sync: store at ${describeStore(store)} is up to date\n`);
  return 0;
}
