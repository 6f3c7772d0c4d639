// The one table a bench run prints: each figure beside its target.
export class Figures {
  private readonly rows: [string, string, string][] = [];

  show(label: string, value: string, target = ''): void {
    this.rows.push([label, value, target]);
  }

  print(out: NodeJS.WritableStream = process.stdout): void {
    const headers = ['figure', 'value', 'target'];
    const widths = headers.map((h, i) => Math.max(h.length, ...this.rows.map((r) => r[i]?.length ?? 0)));
    const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
    out.write([line(headers), line(widths.map((w) => '-'.repeat(w))), ...this.rows.map(line)].join('\n') + '\n');
  }
}

export function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** `value` against at least `share` of `base`. */
export function ratio(value: number, base: number, share = 0.6): string {
  const r = value / base;
  return `${r.toFixed(2)}× ${r >= share ? 'met' : 'MISSED'}`;
}

/** A duration against a ceiling. */
export function within(seconds: number, limit: number): string {
  return seconds <= limit ? 'met' : 'MISSED';
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
