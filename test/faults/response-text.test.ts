import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/lib/logger.js';
import { createSpikeClient } from '../../src/spike/index.js';
import { API_KEY } from '../helpers/harness.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  if (server) await new Promise((resolve) => server!.close(resolve));
  server = undefined;
});

/** Answers every request with `body` in two writes, split at byte `at`, some time apart so they arrive as two chunks. */
async function serveSplit(body: Buffer, at: number): Promise<string> {
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write(body.subarray(0, at));
    setTimeout(() => res.end(body.subarray(at)), 50);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('a response body decoded as it streams', () => {
  it.each([
    ['a 2-byte character', 'é', 1],
    ['a 3-byte character', '€', 2],
    ['a 4-byte character', '🚒', 1],
    ['a 4-byte character', '🚒', 3],
  ])('%s (%s) split across two chunks after its byte %i decodes whole', async (_name, char, cut) => {
    const body = Buffer.from(JSON.stringify({ teams: [{ name: `Ops ${char} on call` }] }), 'utf8');
    const url = await serveSplit(body, body.indexOf(Buffer.from(char, 'utf8')) + cut);
    const client = createSpikeClient({ baseUrl: url, apiKey: API_KEY, timeoutMs: 5000, logger: silentLogger(), retry: { retries: 0 } });
    try {
      expect(await client.get('/teams/get-all-teams')).toEqual({ teams: [{ name: `Ops ${char} on call` }] });
    } finally {
      await client.close();
    }
  });
});
