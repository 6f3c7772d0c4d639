import { StringDecoder } from 'node:string_decoder';
import type { Dispatcher } from 'undici';
import { formatByteSize } from '../lib/byte-size.js';
import { SpikeResponseTooLargeError, type RequestContext } from './errors.js';

/**
 * Reads a body as UTF-8 text, keeping at most `maxBytes`: past that the stream is destroyed
 * (which closes the connection) and the read fails, so an endless or huge body cannot grow
 * memory. A Content-Length already above the limit fails before anything is read.
 * Each chunk is decoded as it arrives, so the body is never held as bytes and as text at once.
 */
export async function readBoundedText(response: Dispatcher.ResponseData, maxBytes: number, ctx: RequestContext): Promise<string> {
  const announced = Number(response.headers['content-length']);
  if (Number.isFinite(announced) && announced > maxBytes) {
    discardBody(response);
    throw new SpikeResponseTooLargeError(ctx, formatByteSize(maxBytes), announced);
  }
  // Holds back the bytes of a character split between chunks until the rest arrives.
  const decoder = new StringDecoder('utf8');
  const parts: string[] = [];
  let total = 0;
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      parts.length = 0;
      response.body.destroy();
      throw new SpikeResponseTooLargeError(ctx, formatByteSize(maxBytes));
    }
    parts.push(decoder.write(chunk));
  }
  parts.push(decoder.end());
  return parts.join('');
}

/**
 * Drops a body unread, closing its connection. undici reports the drop as an 'error' on the body;
 * with nobody reading it, that would be an uncaught exception.
 */
export function discardBody(response: Dispatcher.ResponseData): void {
  response.body.on('error', () => undefined).destroy();
}
