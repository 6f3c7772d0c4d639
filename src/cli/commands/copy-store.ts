import { loadConfig } from '../../config.js';
import { copyStore, describeStore, postgresStore, type CopyProgress } from '../../db/index.js';
import { ConfigError } from '../../lib/errors.js';
import { readEnv, type CliIo } from '../io.js';
import { chosenStore } from '../store-choice.js';

export interface CopyStoreOptions {
  to?: string;
  force?: boolean;
  db?: string;
}

/**
 * Copies the SQLite store (SPIKE_DB_PATH or --db) into the PostgreSQL store at --to, so a move to PostgreSQL
 * costs no second backfill: the checkpoints travel with the rows. Prints the rows of each table copied.
 */
export async function copyStoreCommand(io: CliIo, options: CopyStoreOptions): Promise<number> {
  const config = loadConfig(readEnv(io), { requireApiKey: false });
  if (!options.to?.trim()) throw new ConfigError('--to', 'is required: the PostgreSQL store to copy into, postgres://user:password@host:5432/database');
  const target = postgresStore(options.to.trim(), '--to', config.dbSchema);
  const source = chosenStore(config, { db: options.db });
  if (source.kind !== 'sqlite') {
    throw new ConfigError('--db', 'copy-store reads a SQLite store: name it with --db or SPIKE_DB_PATH (DATABASE_URL is set, so the configured store is PostgreSQL)');
  }
  const outcome = await copyStore(source.path, target, { force: options.force === true, onProgress: progressLine(io) });
  if (io.stderr.isTTY) io.stderr.write('\r\x1b[K');
  const total = outcome.tables.reduce((n, t) => n + t.rows, 0);
  for (const { table, rows } of outcome.tables) io.stdout.write(`${table.padEnd(18)} ${rows.toLocaleString('en-US').padStart(12)}\n`);
  io.stdout.write(`copied ${total.toLocaleString('en-US')} rows from ${source.path} to ${describeStore(target)}; row counts verified\n`);
  return 0;
}

/** On a terminal one line rewritten as batches land; elsewhere one line per table, when it is done. */
function progressLine(io: CliIo): (progress: CopyProgress) => void {
  let last = 0;
  return ({ table, copied, total }) => {
    const text = `copy-store: ${table} ${copied.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`;
    if (io.stderr.isTTY) {
      const now = Date.now();
      if (now - last < 200 && copied < total) return;
      last = now;
      io.stderr.write(`\r\x1b[K${text}`);
    } else if (copied >= total) {
      io.stderr.write(`${text}\n`);
    }
  };
}
