/**
 * Orders text as both stores do: byte by byte in UTF-8 (SQLite's BINARY collation, COLLATE "C" on PostgreSQL).
 * JavaScript's own `<` compares UTF-16 units, which puts characters beyond U+FFFF before some below it. Outside the
 * surrogates the two orders agree, so the strings are compared unit by unit, and only a difference that involves a
 * surrogate is settled on the UTF-8 bytes, instead of two fresh buffers per comparison as `responders` merges its people.
 */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const common = Math.min(a.length, b.length);
  for (let i = 0; i < common; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    return isSurrogate(x) || isSurrogate(y) ? utf8Order(a, b) : x - y;
  }
  // One is a prefix of the other, and so are its bytes; even a lone high surrogate at its end (EF BF BD, as U+FFFD)
  // sorts before the pair it starts in the longer one (F0 ...).
  return a.length - b.length;
}

function isSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdfff;
}

function utf8Order(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
