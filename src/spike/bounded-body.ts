import type { Dispatcher } from 'undici';
import { formatByteSize } from '../lib/byte-size.js';
import { SpikeResponseTooLargeError, type RequestContext } from './errors.js';

/**
 * Reads a body as UTF-8 text, keeping at most `maxBytes`: past that the stream is destroyed
 * (which closes the connection) and the read fails, so an endless or huge body cannot grow
 * memory. A Content-Length already above the limit fails before anything is read.
 */
export async function readBoundedText(response: Dispatcher.ResponseData, maxBytes: number, ctx: RequestContext): Promise<string> {
  const announced = Number(response.headers['content-length']);
  if (Number.isFinite(announced) && announced > maxBytes) {
    response.body.destroy();
    throw new SpikeResponseTooLargeError(ctx, formatByteSize(maxBytes), announced);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      chunks.length = 0;
      response.body.destroy();
      throw new SpikeResponseTooLargeError(ctx, formatByteSize(maxBytes));
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total).toString('utf8');
}
