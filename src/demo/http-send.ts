import type { Server, ServerResponse } from 'node:http';

export const JSON_TYPE = 'application/json; charset=utf-8';

export interface Outgoing {
  status: number;
  headers: Record<string, string>;
  text: string;
}

export function send(res: ServerResponse, out: Outgoing): void {
  if (res.destroyed) return;
  res.writeHead(out.status, { ...out.headers, 'content-length': String(Buffer.byteLength(out.text)) });
  res.end(out.text);
}

export function sendTruncated(res: ServerResponse, out: Outgoing): void {
  if (res.destroyed) return;
  const body = Buffer.from(out.text);
  // The full content-length is announced so the client sees a short body, not a complete one.
  res.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': String(body.length) });
  res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.destroy());
}

export function later(timers: Set<NodeJS.Timeout>, ms: number, fn: () => void): void {
  if (ms <= 0) {
    fn();
    return;
  }
  const timer = setTimeout(() => {
    timers.delete(timer);
    fn();
  }, ms);
  timers.add(timer);
}

export async function closeServer(server: Server, timers: Set<NodeJS.Timeout>): Promise<void> {
  for (const timer of timers) clearTimeout(timer);
  timers.clear();
  await new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
