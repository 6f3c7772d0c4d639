import { isObject, type JsonObject as Obj } from '../lib/ids.js';
import { SpikeResponseError, type RequestContext } from './errors.js';

/**
 * Spike's list bodies drift between deployments and documents: try the documented key,
 * then `data`, `data.<key>`, `result.<key>`, `result`, and finally a bare array.
 */
export function unwrapList(body: unknown, key: string, ctx: RequestContext): unknown[] {
  if (Array.isArray(body)) return body;
  if (isObject(body)) {
    const candidates = [body[key], body.data, isObject(body.data) ? body.data[key] : undefined];
    if (isObject(body.result)) candidates.push(body.result[key]);
    candidates.push(body.result);
    for (const candidate of candidates) if (Array.isArray(candidate)) return candidate;
  }
  throw new SpikeResponseError(ctx, `expected a list under "${key}", got ${describeShape(body)}`);
}

/** Detail routes wrap one object under a key (`{incident: {...}}`) or return it bare. */
export function unwrapObject(body: unknown, key: string, ctx: RequestContext): Obj {
  if (isObject(body)) {
    for (const candidate of [body[key], body.data, isObject(body.result) ? body.result[key] : undefined]) {
      if (isObject(candidate)) return candidate;
    }
    if (typeof body._id === 'string') return body;
  }
  throw new SpikeResponseError(ctx, `expected an object under "${key}", got ${describeShape(body)}`);
}

function describeShape(body: unknown): string {
  if (body === null) return 'null';
  if (Array.isArray(body)) return 'an array';
  if (isObject(body)) {
    const keys = Object.keys(body).slice(0, 5);
    return keys.length ? `an object with keys ${keys.join(', ')}` : 'an empty object';
  }
  return typeof body;
}
