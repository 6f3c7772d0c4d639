/**
 * Orders text as both stores do: byte by byte in UTF-8 (SQLite's BINARY collation, COLLATE "C" on PostgreSQL).
 * JavaScript's own `<` compares UTF-16 units, which puts characters beyond U+FFFF before some below it.
 */
export function compareText(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
