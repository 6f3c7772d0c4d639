/** How a matched request misbehaves. */
export type FaultKind =
  /** Any status with an optional raw body (default: a JSON error body) and headers; 429 defaults to `Retry-After: 2`. */
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  /** Destroys the socket without a response. */
  | { kind: 'reset' }
  /** A response that is not valid HTTP (a control character in a header value), then a destroyed socket. */
  | { kind: 'garbled' }
  /** 200 headers announcing the full length, half of the real JSON body, then a destroyed socket. */
  | { kind: 'truncate' }
  /** An HTML error page, as proxies produce (default 502). */
  | { kind: 'html'; status?: number }
  /** Delays the real response by `ms`. */
  | { kind: 'delay'; ms: number }
  /** 200 with this JSON body instead of the real one. */
  | { kind: 'json'; body: unknown }
  /** A careless server: the status (default 500) with an error body quoting the `x-api-key` it received. */
  | { kind: 'echo-key'; status?: number };

export interface FaultRule {
  /** Exact pathname, or a RegExp tested against it. */
  path: string | RegExp;
  teamId?: string;
  /** Query parameters the request must carry with these values, such as one page of a listing (`{ page: '3' }`). */
  query?: Readonly<Record<string, string>>;
  /** How many matching requests it applies to; default unlimited. */
  times?: number;
  fault: FaultKind;
}

/** Finds the first matching rule, counts one use and drops it once used up. */
export function takeFault(rules: FaultRule[], path: string, teamId: string | undefined, query: Readonly<Record<string, string>> = {}): FaultKind | undefined {
  const i = rules.findIndex((rule) =>
    (typeof rule.path === 'string' ? rule.path === path : testPattern(rule.path, path)) &&
    (rule.teamId === undefined || rule.teamId === teamId) &&
    Object.entries(rule.query ?? {}).every(([name, value]) => query[name] === value));
  const rule = rules[i];
  if (rule === undefined) return undefined;
  if (rule.times !== undefined) {
    rule.times -= 1;
    if (rule.times <= 0) rules.splice(i, 1);
  }
  return rule.fault;
}

function testPattern(pattern: RegExp, path: string): boolean {
  // A /g or /y pattern keeps lastIndex between calls and would skip every other request.
  pattern.lastIndex = 0;
  return pattern.test(path);
}

const REASONS: Record<number, [string, string]> = {
  400: ['Bad request', 'BAD_REQUEST'],
  401: ['Unauthorized', 'UNAUTHORIZED'],
  403: ['Forbidden', 'FORBIDDEN'],
  404: ['Not found', 'NOT_FOUND'],
  429: ['Too many requests', 'RATE_LIMITED'],
  500: ['Internal server error', 'INTERNAL_SERVER_ERROR'],
  502: ['Bad gateway', 'BAD_GATEWAY'],
  503: ['Service unavailable', 'SERVICE_UNAVAILABLE'],
  504: ['Gateway timeout', 'GATEWAY_TIMEOUT'],
};

export function defaultFaultBody(status: number): string {
  const [message, error] = REASONS[status] ?? ['Simulated failure', 'SIMULATED'];
  return JSON.stringify({ message, error });
}

/** Quotes the key as received, as-is in `message` and `error`, URL-encoded in `detail`. */
export function echoKeyBody(apiKey: string | undefined): string {
  const key = apiKey ?? '';
  return JSON.stringify({
    message: `upstream rejected request with headers {"x-api-key":"${key}"}`,
    error: `KEY_${key}_FAILED`,
    detail: `retry with ?api_key=${encodeURIComponent(key)}`,
  });
}

/** What `garbled` writes on the socket: HTTP/1.1 in form, but a header value no parser may accept. */
export const GARBLED_RESPONSE = 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Garbled: a\x01b\r\nContent-Length: 2\r\n\r\n{}';

export function htmlErrorPage(status: number): string {
  const title = `${status} ${REASONS[status]?.[0] ?? 'Error'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}
