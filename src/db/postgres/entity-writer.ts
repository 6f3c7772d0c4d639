import { getTableName } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { mappedColumns, rowValues } from '../entity-columns.js';
import type { DeleteOutcome, WriteCounts } from '../store.js';
import type { SqlStatement } from '../sql-executor.js';
import { bindStatement, type PgQueryable } from './executor.js';

// PostgreSQL binds at most 65,535 parameters in one statement; a page of any table stays far below.
const MAX_PARAMETERS = 60_000;
/**
 * Rows in one statement: a page's. Each row count has its own statement text, kept here and prepared on every
 * connection, so counts stay among a page's hundred; pages stored together are written as several statements in one
 * transaction.
 */
const MAX_ROWS_PER_STATEMENT = 100;

/** The writer of one PostgreSQL table, on the connection (or open transaction) it is given. */
export interface PgTableWriter<Row> {
  readonly table: string;
  upsert(db: PgQueryable, rows: readonly Row[], now: string): Promise<WriteCounts>;
  /**
   * Upserts the rows and runs `also` in the same statement (as data-modifying WITH queries), so all of it commits
   * in one round trip without a transaction around it. Null, having written nothing, when the rows do not make
   * one statement (none, or more than one statement holds): the caller writes them in a transaction instead.
   */
  upsertWith(db: PgQueryable, rows: readonly Row[], now: string, also: readonly SqlStatement[]): Promise<WriteCounts | null>;
  markMissing(db: PgQueryable, scope: { column: string; value: string } | null, seen: ReadonlySet<string>, now: string, options: { force: boolean; maxFraction?: number }): Promise<DeleteOutcome>;
}

/**
 * Writes a page as one statement: a multi-row INSERT whose conflict branch updates a row only when one
 * of its columns (or its deletion) differs, so an unchanged row writes nothing. RETURNING reports each
 * written row and whether it was new (`xmax = 0`): the rows it does not return were unchanged.
 *
 * Why not as the SQLite writer does (read the page's stored rows, compare here, write only the changed ones):
 * measured on a full reconciliation of unchanged data, it was no faster. An unchanged row costs this statement
 * well under a millisecond per page in the database (a primary-key lookup and a row-lock record); reading the
 * rows back instead costs parsing them here and reproducing jsonb's text of `raw` (keys re-ordered and re-spaced),
 * about as much time as sending the values. A page of the same rows through jsonb_to_recordset was slower still.
 */
export function createPgEntityWriter<Row extends { id: string }>(table: PgTable): PgTableWriter<Row> {
  const name = getTableName(table);
  const dataColumns = mappedColumns(table);
  const storedValues = rowValues(table, dataColumns);
  const rawAt = dataColumns.findIndex((c) => c.name === 'raw');
  const names = [...dataColumns.map((c) => c.name), 'first_seen_at', 'synced_at', 'deleted_at'];
  const compared = [...dataColumns.filter((c) => c.name !== 'id').map((c) => c.name), 'deleted_at'];
  const updates = [...compared.map((n) => `${n} = excluded.${n}`), 'synced_at = excluded.synced_at'];
  const head = `INSERT INTO ${name} AS stored (${names.join(', ')}) VALUES `;
  const tail = ` ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')}
    WHERE (${compared.map((n) => `stored.${n}`).join(', ')}) IS DISTINCT FROM (${compared.map((n) => `excluded.${n}`).join(', ')})
    RETURNING (xmax = 0) AS inserted`;
  const perStatement = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMETERS / dataColumns.length)));

  // One text per page size, built once: it is also the named statement's text, which must not change.
  const texts = new Map<number, string>();
  const statement = (count: number): string => {
    const known = texts.get(count);
    if (known) return known;
    const width = dataColumns.length;
    const tuples: string[] = [];
    // $1 is `now`; each row's values follow.
    for (let r = 0; r < count; r++) {
      const cells = dataColumns.map((_, c) => `$${2 + r * width + c}`);
      tuples.push(`(${cells.join(', ')}, $1, $1, NULL)`);
    }
    const text = head + tuples.join(', ') + tail;
    texts.set(count, text);
    return text;
  };

  // The same with WITH queries in front, by page size and those queries' texts, each under a name of its own.
  const withTexts = new Map<string, { name: string; text: string }>();
  const statementWith = (count: number, parts: readonly string[]): { name: string; text: string } => {
    const key = `${count}\n${parts.join('\n')}`;
    let found = withTexts.get(key);
    if (!found) {
      const text = `WITH ${parts.map((part, i) => `also_${i + 1} AS (${part})`).join(', ')} ${statement(count)}`;
      withTexts.set(key, (found = { name: `spike_upsert_${name}_${count}_with_${withTexts.size + 1}`, text }));
    }
    return found;
  };

  /** Writes one statement's rows (`ordered`, at most `perStatement`), with `also` in front; adds to `counts`. */
  const write = async (db: PgQueryable, ordered: readonly Row[], now: string, also: readonly SqlStatement[], counts: WriteCounts) => {
    const values: unknown[] = [now];
    for (const row of ordered) storedValues(row).forEach((value, i) => values.push(storable(value, i === rawAt)));
    let query = { name: `spike_upsert_${name}_${ordered.length}`, text: statement(ordered.length) };
    if (also.length > 0) {
      const parts: string[] = [];
      for (const part of also) {
        const bound = bindStatement(part, values.length + 1);
        parts.push(bound.text);
        values.push(...bound.values);
      }
      query = statementWith(ordered.length, parts);
    }
    // Named, so each connection parses and plans it once per page size: planning a 100-row, 20-column
    // statement took longer than running it. A generic plan is safe here: the conflict check is one
    // primary-key lookup per row, whatever the table's size (unlike a join, see executor.ts), and so are the
    // checkpoint and ledger writes put in front of it.
    const result = await db.query<{ inserted: boolean }>({ ...query, values });
    for (const written of result.rows) {
      if (written.inserted) counts.inserted++;
      else counts.updated++;
    }
    counts.unchanged += ordered.length - result.rows.length;
  };
  // Rows lock in VALUES order: in id order, two workers writing the same incidents (one listed under two
  // teams) wait for each other instead of deadlocking.
  const inIdOrder = (rows: readonly Row[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  return {
    table: name,
    async upsert(db, rows, now) {
      const counts: WriteCounts = { inserted: 0, updated: 0, unchanged: 0 };
      const ordered = inIdOrder(rows);
      for (let start = 0; start < ordered.length; start += perStatement) await write(db, ordered.slice(start, start + perStatement), now, [], counts);
      return counts;
    },
    async upsertWith(db, rows, now, also) {
      if (rows.length === 0 || rows.length > perStatement) return null;
      const counts: WriteCounts = { inserted: 0, updated: 0, unchanged: 0 };
      await write(db, inIdOrder(rows), now, also, counts);
      return counts;
    },
    async markMissing(db, scope, seen, now, options) {
      // Ids are stored as `storable` made them: compare in that form, or an odd id would vanish on every run.
      seen = new Set([...seen].map((id) => storable(id, false) as string));
      const where = scope ? `${scope.column} = $1 AND deleted_at IS NULL` : 'deleted_at IS NULL';
      const live = await db.query<{ id: string }>(`SELECT id FROM ${name} WHERE ${where}`, scope ? [scope.value] : []);
      const missing = live.rows.map((r) => r.id).filter((id) => !seen.has(id));
      if (missing.length === 0) return { deleted: 0, withheld: 0 };
      if (!options.force && missing.length > live.rows.length * (options.maxFraction ?? 0.5)) {
        return { deleted: 0, withheld: missing.length };
      }
      const marked = await db.query(`UPDATE ${name} SET deleted_at = $1, synced_at = $1 WHERE id = ANY($2::text[])`, [now, missing]);
      return { deleted: marked.rowCount ?? 0, withheld: 0 };
    },
  };
}

/**
 * What PostgreSQL refuses and SQLite stores, from text anyone who can raise an alert writes: the NUL character
 * (in text and jsonb), and in jsonb an unpaired UTF-16 surrogate, which JSON.stringify writes as an escape
 * (a title cut in the middle of an emoji). Both are stored as U+FFFD, the replacement character. In a text
 * column an unpaired surrogate needs nothing: the driver's UTF-8 encoding already replaces it.
 */
export function storable(value: unknown, json: boolean): unknown {
  if (value === undefined) return null;
  if (typeof value !== 'string') return value;
  if (json) return REFUSED_IN_JSONB.test(value) ? JSON.stringify(wellFormed(JSON.parse(value))) : value;
  return value.includes('\0') ? value.replace(/\0/g, '\uFFFD') : value;
}

// An escape jsonb may refuse: \u0000, or any surrogate (checked properly once parsed). A literal backslash
// before `u` (`\\u0000` in the text) also matches, which costs a parse and changes nothing.
const REFUSED_IN_JSONB = /\\u(?:0000|[dD][89a-fA-F])/;
const UNPAIRED = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\0/g;

function wellFormed(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(UNPAIRED, '\uFFFD');
  if (Array.isArray(value)) return value.map(wellFormed);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key.replace(UNPAIRED, '\uFFFD'), wellFormed(inner)]));
  }
  return value;
}
