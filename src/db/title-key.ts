import { createHash } from 'node:crypto';

/**
 * A number that stands for an incident's title in the report index, so reports that group by title (`noisy`,
 * `services`) read the index alone instead of a million wide rows with their raw JSON. Titles cannot sit in the
 * index themselves: they run to 2,000 characters, beyond what PostgreSQL allows in an index row.
 *
 * The first 52 bits of the MD5 of the title's UTF-8 bytes, a whole number JavaScript holds exactly. The migrations
 * fill existing rows with the same value in SQL (`TITLE_KEY_FUNCTION` on SQLite, md5() on PostgreSQL). Two distinct
 * titles counted together (of one team and service in `noisy`, of one service in `services`) share a key with odds of about n² / 2^53 for n distinct titles: one in ten
 * million for ten thousand.
 */
export function titleKey(title: string): number {
  return parseInt(createHash('md5').update(title, 'utf8').digest('hex').slice(0, 13), 16);
}

/**
 * titleKey with a memory of recent short titles, for one table writer. Alerts repeat their titles, and a hash object
 * per incident was a tenth of the writer's own work in a cold sync. At most REMEMBERED titles of at most
 * MAX_REMEMBERED_CHARS are kept (about a megabyte at most), forgotten all at once when full.
 */
export function rememberingTitleKeys(): (title: string) => number {
  const recent = new Map<string, number>();
  return (title) => {
    let key = recent.get(title);
    if (key === undefined) {
      key = titleKey(title);
      if (title.length > MAX_REMEMBERED_CHARS) return key;
      if (recent.size >= REMEMBERED) recent.clear();
      recent.set(title, key);
    }
    return key;
  };
}

const REMEMBERED = 4096;
const MAX_REMEMBERED_CHARS = 120;

/** The SQL function SQLite's migration calls to fill `title_key` for rows stored before the column existed. */
export const TITLE_KEY_FUNCTION = 'spike_title_key';
