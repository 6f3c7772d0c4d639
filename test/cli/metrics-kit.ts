import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:net';

/** A port nothing listens on right now (the kernel's pick, released at once). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A TCP server holding a port until closed. */
export async function holdPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, server };
}

export interface Fetched {
  status: number;
  headers: Headers;
  body: string;
}

export async function get(base: string, path: string, method = 'GET', body?: string): Promise<Fetched> {
  const res = await fetch(`${base}${path}`, { method, body, signal: AbortSignal.timeout(5_000) });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL = '[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\[\\\\"n])*"';
// Values are Go floats, which Prometheus parses without regard to case: prom-client writes NaN as `Nan`.
const SAMPLE = new RegExp(`^(${NAME})(?:\\{((?:${LABEL})(?:,${LABEL})*)?\\})? (-?(?:\\d+(?:\\.\\d+)?(?:e[+-]?\\d+)?)|[Nn][Aa][Nn]|\\+Inf|-Inf)(?: -?\\d+)?$`);
const HELP = new RegExp(`^# HELP (${NAME}) .*$`);
const TYPE = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`);
const SUFFIXES: Record<string, string[]> = { histogram: ['_bucket', '_sum', '_count'], summary: ['', '_sum', '_count'] };

/**
 * The Prometheus text exposition format (0.0.4), strictly: every line is empty, a HELP, a TYPE or a sample of a family
 * whose TYPE came before it (a histogram's as _bucket, _sum, _count), no family is declared twice, and the
 * text ends with a newline. Throws naming the first line that is not.
 */
export function parsePrometheusText(text: string): Sample[] {
  if (!text.endsWith('\n')) throw new Error('the exposition does not end with a newline');
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const [i, line] of text.slice(0, -1).split('\n').entries()) {
    const fail = (why: string) => new Error(`line ${i + 1} ${why}: ${JSON.stringify(line)}`);
    // The format ignores empty lines; prom-client puts one between families.
    if (line === '') continue;
    if (line.startsWith('#')) {
      const type = TYPE.exec(line);
      if (type) {
        if (types.has(type[1]!)) throw fail('declares a family twice');
        types.set(type[1]!, type[2]!);
      } else if (!HELP.test(line)) throw fail('is neither a HELP nor a TYPE line');
      continue;
    }
    const m = SAMPLE.exec(line);
    if (!m) throw fail('is not a sample line');
    const name = m[1]!;
    const family = [...types].find(([f, t]) => (SUFFIXES[t] ?? ['']).some((s) => `${f}${s}` === name));
    if (!family) throw fail('has no TYPE declared before it');
    const labels: Record<string, string> = {};
    for (const [, key, value] of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      if (key! in labels) throw fail(`repeats the label ${key}`);
      labels[key!] = value!.replace(/\\(["\\n])/g, (_, c: string) => (c === 'n' ? '\n' : c));
    }
    samples.push({ name, labels, value: /^nan$/i.test(m[3]!) ? NaN : Number(m[3]!.replace('+Inf', 'Infinity').replace('-Inf', '-Infinity')) });
  }
  return samples;
}

/** The value of the one sample with this name and these labels (others may be present), or undefined. */
export function valueOf(samples: readonly Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value;
}

/**
 * TCP ports a process listens on, from Linux's /proc: its socket inodes matched against the listening
 * sockets (state 0A) of /proc/net/tcp and tcp6.
 */
export function listeningPorts(pid: number): number[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) inodes.add(m[1]!);
    } catch {
      // The descriptor closed while being listed.
    }
  }
  const ports: number[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const row of readFileSync(table, 'utf8').trim().split('\n').slice(1)) {
      const cols = row.trim().split(/\s+/);
      if (cols[3] === '0A' && inodes.has(cols[9]!)) ports.push(parseInt(cols[1]!.split(':')[1]!, 16));
    }
  }
  return ports;
}
