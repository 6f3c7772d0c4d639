import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GARBLED_RESPONSE, defaultFaultBody, echoKeyBody, htmlErrorPage, takeFault, type FaultKind, type FaultRule } from './faults.js';
import {
  badRequest, errorReply, methodNotAllowed, notFound, unauthorized, unknownRoute, wrapList, type Drift, type Reply,
} from './http-reply.js';
import { closeServer, JSON_TYPE, later, send, sendTruncated, type Outgoing } from './http-send.js';
import { IncidentIndex } from './incident-index.js';
import { createRouter, type RouteMatch } from './routes/router.js';
import { findTeam, type SimOrg } from './sim-org.js';

export type { FaultKind, FaultRule } from './faults.js';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  teamId: string | undefined;
  apiKey: string | undefined;
  /** Status sent, or 0 when the socket was destroyed without a response. */
  status: number;
  /** Requests the server had received and not yet answered when this one arrived: how many a client had in flight beside it. */
  beside: number;
}

export interface SimServerOptions {
  org: SimOrg;
  /** The only accepted `x-api-key`. */
  apiKey: string;
  port?: number;
  host?: string;
  /** Added to every response. */
  latencyMs?: number;
  /** How list bodies are wrapped: `{<key>:[...]}`, `{data:[...]}`, `{result:{<key>:[...]}}` or a bare array. */
  drift?: Drift;
  /** `legacy-only`: `/teams/get-all-teams` answers 404 Unknown route while `/teams` works. */
  teamsRoute?: 'both' | 'legacy-only';
  /** Always serve page 1 whatever `page` asks for. */
  ignorePaging?: boolean;
  /** "Now" for on-call shifts; defaults to the real clock. */
  clock?: () => Date;
}

export interface SimServer {
  url: string;
  port: number;
  org: SimOrg;
  requests: RecordedRequest[];
  /** Mutable: push rules at any time; the first matching rule wins. */
  faults: FaultRule[];
  /**
   * Connections open now. Once a client process is gone and this is 0, every request it sent has been read and is
   * in `requests`: a request written just before it died is not still waiting in a socket.
   */
  connections(): Promise<number>;
  close(): Promise<void>;
}

interface ServerState {
  opts: SimServerOptions;
  requests: RecordedRequest[];
  faults: FaultRule[];
  index: IncidentIndex;
  route: (path: string) => RouteMatch | undefined;
  timers: Set<NodeJS.Timeout>;
  /** Requests received and not answered yet. */
  open: number;
}

export async function startSimServer(opts: SimServerOptions): Promise<SimServer> {
  const state: ServerState = {
    opts, requests: [], faults: [], index: new IncidentIndex(opts.org), route: createRouter(), timers: new Set(), open: 0,
  };
  const server = createServer((req, res) => handleRequest(state, req, res));
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    org: opts.org,
    requests: state.requests,
    faults: state.faults,
    connections: () => new Promise((resolve, reject) => server.getConnections((error, count) => (error ? reject(error) : resolve(count)))),
    close: () => closeServer(server, state.timers),
  };
}

function handleRequest(state: ServerState, req: IncomingMessage, res: ServerResponse): void {
  req.resume();
  const url = new URL(req.url ?? '/', 'http://sim.invalid');
  const record: RecordedRequest = {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    teamId: header(req, 'x-team-id'),
    apiKey: header(req, 'x-api-key'),
    status: 0,
    beside: state.open,
  };
  state.requests.push(record);
  state.open++;
  res.once('close', () => state.open--);
  const fault = takeFault(state.faults, record.path, record.teamId, record.query);
  if (fault?.kind === 'reset') {
    req.socket.destroy();
    return;
  }
  if (fault?.kind === 'garbled') {
    req.socket.end(GARBLED_RESPONSE, () => req.socket.destroy());
    return;
  }
  const out = faultResponse(fault, record) ?? toOutgoing(safeAnswer(state, record));
  const truncate = fault?.kind === 'truncate';
  record.status = truncate ? 200 : out.status;
  const delay = (state.opts.latencyMs ?? 0) + (fault?.kind === 'delay' ? fault.ms : 0);
  later(state.timers, delay, () => (truncate ? sendTruncated(res, out) : send(res, out)));
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Faults that replace the response outright; the others alter how the real one is sent. */
function faultResponse(fault: FaultKind | undefined, record: RecordedRequest): Outgoing | undefined {
  switch (fault?.kind) {
    case 'status': {
      const headers = fault.headers ?? (fault.status === 429 ? { 'retry-after': '2' } : {});
      return { status: fault.status, headers: { 'content-type': JSON_TYPE, ...headers }, text: fault.body ?? defaultFaultBody(fault.status) };
    }
    case 'html': {
      const status = fault.status ?? 502;
      return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, text: htmlErrorPage(status) };
    }
    case 'echo-key':
      return { status: fault.status ?? 500, headers: { 'content-type': JSON_TYPE }, text: echoKeyBody(record.apiKey) };
    case 'json':
      return { status: 200, headers: { 'content-type': JSON_TYPE }, text: JSON.stringify(fault.body) };
    default:
      return undefined;
  }
}

function safeAnswer(state: ServerState, record: RecordedRequest): Reply {
  try {
    return answer(state, record);
  } catch (error) {
    // A bug in a route must show up as a 500 in the test that hit it, not crash the server.
    return errorReply(500, error instanceof Error ? error.message : String(error), 'INTERNAL_SERVER_ERROR');
  }
}

function answer(state: ServerState, record: RecordedRequest): Reply {
  const { opts } = state;
  if (record.method !== 'GET') return methodNotAllowed();
  if (record.apiKey === undefined || record.apiKey !== opts.apiKey) return unauthorized();
  const match = state.route(record.path);
  if (match === undefined) return unknownRoute();
  const teamId = record.teamId ?? '';
  const team = match.route.scope === 'team' ? findTeam(opts.org, teamId) : undefined;
  if (match.route.scope === 'team') {
    if (teamId === '') return badRequest('x-team-id header is required');
    if (team === undefined) return notFound('Team');
  }
  const drift = opts.drift ?? 'documented';
  return match.route.handle({
    org: opts.org,
    index: state.index,
    params: match.params,
    query: record.query,
    teamId,
    team,
    now: opts.clock?.() ?? new Date(),
    drift,
    ignorePaging: opts.ignorePaging ?? false,
    teamsRoute: opts.teamsRoute ?? 'both',
    list: (key, items, extras) => ({ status: 200, body: wrapList(drift, key, items, extras) }),
  });
}

function toOutgoing(reply: Reply): Outgoing {
  return { status: reply.status, headers: { 'content-type': JSON_TYPE, ...reply.headers }, text: JSON.stringify(reply.body) };
}
