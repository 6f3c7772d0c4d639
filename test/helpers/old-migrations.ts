import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StoreKind } from './stores.js';

/** The shipped migrations of `kind` up to `last` (its journal index), in a folder of their own under `dir`: an older release's. */
export function migrationsUpTo(kind: StoreKind, dir: string, last: number): string {
  const folder = join(dir, `migrations-${kind}-${last}`);
  cpSync(join(import.meta.dirname, `../../migrations/${kind}`), folder, { recursive: true });
  const journalPath = join(folder, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number }[] };
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.filter((e) => e.idx <= last) }));
  return folder;
}
