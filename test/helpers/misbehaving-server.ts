import { once } from 'node:events';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  path: string;
  query: Record<string, string>;
  teamId: string | undefined;
}

/** Answers one request badly; the response is the misbehaviour's to end (or never end). */
export type Misbehaviour = (res: ServerResponse, stats: Stats) => void;

export interface Stats {
  /** Body bytes the misbehaviours have written so far. */
  bytesSent: number;
}

export interface Rule {
  path: string;
  teamId?: string;
  /** Only the request for this page (the `page` query parameter). */
  page?: number;
  /** How many matching requests it applies to; default unlimited. */
  times?: number;
  act: Misbehaviour;
}

export interface MisbehavingServer {
  url: string;
  requests: SeenRequest[];
  rules: Rule[];
  stats: Stats;
  /** Requests seen for one path (and team, and page, when given). */
  seen(path: string, teamId?: string, page?: number): SeenRequest[];
  close(): Promise<void>;
}

/**
 * A node:http server in front of the simulated Spike API on 127.0.0.1: it forwards every request,
 * except those a rule matches, which it answers the way the rule says.
 */
export async function startMisbehavingServer(targetUrl: string): Promise<MisbehavingServer> {
  const requests: SeenRequest[] = [];
  const rules: Rule[] = [];
  const stats: Stats = { bytesSent: 0 };
  const matches = (rule: Rule, r: SeenRequest) =>
    rule.path === r.path && (rule.teamId === undefined || rule.teamId === r.teamId) && (rule.page === undefined || String(rule.page) === r.query.page);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://front');
    const seen: SeenRequest = { path: url.pathname, query: Object.fromEntries(url.searchParams), teamId: header(req, 'x-team-id') };
    requests.push(seen);
    const i = rules.findIndex((rule) => matches(rule, seen));
    const rule = rules[i];
    if (rule === undefined) return forward(req, res, targetUrl);
    if (rule.times !== undefined && --rule.times <= 0) rules.splice(i, 1);
    rule.act(res, stats);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    rules,
    stats,
    seen: (path, teamId, page) => requests.filter((r) => matches({ path, teamId, page, act: () => undefined }, r)),
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function forward(req: IncomingMessage, res: ServerResponse, targetUrl: string): void {
  const upstream = request(`${targetUrl}${req.url ?? '/'}`, { method: req.method, headers: req.headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => res.destroy());
  req.pipe(upstream);
}

/**
 * A 200 JSON body in chunks that never ends: the listing's opening, then items without end. It
 * stops (destroying the socket) only at `safetyCapBytes`, so that a client without a size limit
 * cannot take the test machine down.
 */
export function endlessBody(safetyCapBytes: number): Misbehaviour {
  return (res, stats) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const item = JSON.stringify({ _id: '66f000000000000000000101', counterId: 'x-1', message: 'm'.repeat(400), status: 'NACK' });
    const chunk = `${`${item},`.repeat(Math.ceil(65_536 / (item.length + 1)))}`;
    let sent = 0;
    const pump = async () => {
      res.write('{"incidents":[');
      while (!res.destroyed && sent < safetyCapBytes) {
        sent += chunk.length;
        stats.bytesSent += chunk.length;
        if (!res.write(chunk)) await drainedOrClosed(res);
      }
      res.destroy();
    };
    void pump().catch(() => res.destroy());
  };
}

function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** A 200 JSON body that sends one byte per second and never ends. */
export function drip(): Misbehaviour {
  return (res, stats) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{');
    stats.bytesSent += 1;
    const timer = setInterval(() => {
      res.write(' ');
      stats.bytesSent += 1;
    }, 1000);
    res.on('close', () => clearInterval(timer));
  };
}

/** Holds the matched request unanswered until `release()`, which answers 503 (retried, as any outage). */
export function heldUntilReleased(): { act: Misbehaviour; arrived: () => boolean; release: () => void } {
  let held: ServerResponse | undefined;
  let released = false;
  const answer = (res: ServerResponse) => res.writeHead(503, { 'content-type': 'application/json' }).end('{"message":"held by the test"}');
  return {
    act: (res) => (released ? answer(res) : (held = res)),
    arrived: () => held !== undefined,
    release: () => {
      released = true;
      if (held !== undefined) answer(held);
    },
  };
}

/** A redirect to `location`, with a small body, as a proxy or a moved API would answer. */
export function redirectTo(location: string, status = 302): Misbehaviour {
  return (res) => {
    res.writeHead(status, { location, 'content-type': 'text/html' });
    res.end('<html><body>Moved</body></html>');
  };
}
