import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '../../lib/errors.js';

export interface Reply {
  status: number;
  contentType: string;
  body: string;
}

/** What each path answers; each must answer at once, without waiting for a run or the store. */
export type Routes = Readonly<Record<string, () => Reply | Promise<Reply>>>;

export interface MonitoringServer {
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

// A probe or a scrape is one short GET: anything slower or larger is not one of ours.
const HEADERS_TIMEOUT_MS = 5_000;
const REQUEST_TIMEOUT_MS = 10_000;
const IDLE_TIMEOUT_MS = 15_000;
const MAX_HEADER_BYTES = 8 * 1024;
const TEXT = 'text/plain; charset=utf-8';

/**
 * Serves `routes` to GET and HEAD on `host:port`. The request body is never read; an unknown path is 404,
 * another method 405. A port in use or an address this machine does not have is a ConfigError naming the
 * variable to change.
 */
export async function startMonitoringServer(options: { host: string; port: number; routes: Routes; onError: (err: unknown) => void }): Promise<MonitoringServer> {
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES, requestTimeout: REQUEST_TIMEOUT_MS, headersTimeout: HEADERS_TIMEOUT_MS, keepAliveTimeout: 5_000 }, (req, res) => {
    void answer(options.routes, req, res).catch((err: unknown) => {
      options.onError(err);
      if (!res.headersSent) send(res, req, { status: 500, contentType: TEXT, body: 'internal error\n' });
      else res.destroy();
    });
  });
  server.setTimeout(IDLE_TIMEOUT_MS, (socket) => socket.destroy());
  server.maxRequestsPerSocket = 100;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) => reject(listenError(err, options.host, options.port)));
    server.listen(options.port, options.host, () => resolve());
  });
  server.on('error', options.onError);
  const { port } = server.address() as AddressInfo;
  return {
    host: options.host,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function answer(routes: Routes, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '').split('?', 1)[0] ?? '';
  const route = Object.hasOwn(routes, path) ? routes[path] : undefined;
  if (route === undefined) return send(res, req, { status: 404, contentType: TEXT, body: 'not found\n' });
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return send(res, req, { status: 405, contentType: TEXT, body: 'method not allowed\n' });
  }
  send(res, req, await route());
}

function send(res: ServerResponse, req: IncomingMessage, reply: Reply): void {
  // A request with a body is answered without reading it, so the connection cannot carry another request.
  const hasBody = req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0';
  if (hasBody || req.headers['transfer-encoding'] !== undefined) res.setHeader('Connection', 'close');
  res.writeHead(reply.status, {
    'Content-Type': reply.contentType,
    'Content-Length': Buffer.byteLength(reply.body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(req.method === 'HEAD' ? undefined : reply.body);
}

function listenError(err: Error & { code?: string }, host: string, port: number): Error {
  switch (err.code) {
    case 'EADDRINUSE':
      return new ConfigError('SPIKE_HTTP_PORT', `port ${port} on ${host} is already in use (another spike-sync start?); choose a free port, or 0 to turn the metrics server off`);
    case 'EACCES':
      return new ConfigError('SPIKE_HTTP_PORT', `port ${port} may not be opened by this user (ports below 1024 need privileges); choose another, or 0 to turn the metrics server off`);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
    case 'EAFNOSUPPORT':
      return new ConfigError('SPIKE_HTTP_HOST', `cannot listen on "${host}" (${err.code}): not an address of this machine; use 127.0.0.1, or 0.0.0.0 for every interface`);
    default:
      return err;
  }
}
