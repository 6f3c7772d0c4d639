/** The default of SPIKE_MAX_RESPONSE_BYTES, and of the Spike client when it is given no limit. */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 ** 2;

const UNIT_BYTES: Record<string, number> = {
  b: 1,
  kb: 1000,
  mb: 1000 ** 2,
  gb: 1000 ** 3,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};

/** Parses `1048576`, `500KB`, `64MB`, `64MiB` (KB/MB/GB are powers of 1000, KiB/MiB/GiB of 1024). Null when not a size. */
export function parseByteSize(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb|kib|mib|gib)?\s*$/i.exec(text);
  if (!match) return null;
  const bytes = Number(match[1]) * (UNIT_BYTES[(match[2] ?? 'b').toLowerCase()] ?? 1);
  return Number.isFinite(bytes) ? Math.floor(bytes) : null;
}

/** `67108864` → `64 MiB`, `1500` → `1500 bytes`: how a limit is shown in messages. */
export function formatByteSize(bytes: number): string {
  for (const [unit, size] of [['GiB', 1024 ** 3], ['MiB', 1024 ** 2], ['KiB', 1024]] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size} ${unit}`;
  }
  return `${bytes} bytes`;
}
