export type Drift = 'documented' | 'data' | 'result' | 'bare';

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export function ok(body: unknown): Reply {
  return { status: 200, body };
}

export function errorReply(status: number, message: string, error: string): Reply {
  return { status, body: { message, error } };
}

export const badRequest = (message: string): Reply => errorReply(400, message, 'BAD_REQUEST');
export const notFound = (noun: string): Reply => errorReply(404, `${noun} not found`, 'NOT_FOUND');
export const unknownRoute = (): Reply => errorReply(404, 'Unknown route', 'NOT_FOUND');
export const unauthorized = (): Reply => errorReply(401, 'Unauthorized', 'UNAUTHORIZED');
export const methodNotAllowed = (): Reply => errorReply(405, 'Method not allowed', 'METHOD_NOT_ALLOWED');

/**
 * Wraps a list the way the configured drift mode says. `extras` (pagination, totals) ride along
 * beside the list, except in bare mode where a bare array has nowhere to put them.
 */
export function wrapList(drift: Drift, key: string, items: readonly unknown[], extras: Record<string, unknown> = {}): unknown {
  switch (drift) {
    case 'documented':
      return { [key]: items, ...extras };
    case 'data':
      return { data: items, ...extras };
    case 'result':
      return { result: { [key]: items, ...extras } };
    case 'bare':
      return items;
  }
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Parses a strict ISO 8601 date or date-time to a normalised `...sssZ` string, else undefined. */
export function parseIso(value: string | undefined): string | undefined {
  if (value === undefined || !ISO_8601.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

export interface Paging {
  page: number;
  perPage: number;
}

/** 1-based `page`; `perPage` defaults per route and is clamped to 100, as Spike documents. */
export function parsePaging(query: Record<string, string>, defaultPerPage: number, ignorePage: boolean): Paging {
  const page = Number(query['page']);
  const perPage = Number(query['perPage']);
  return {
    page: !ignorePage && Number.isInteger(page) && page >= 1 ? page : 1,
    perPage: Number.isInteger(perPage) && perPage >= 1 ? Math.min(perPage, 100) : defaultPerPage,
  };
}

export function slicePage<T>(items: readonly T[], paging: Paging): T[] {
  const start = (paging.page - 1) * paging.perPage;
  return items.slice(start, start + paging.perPage);
}
