import type { Logger } from '../lib/logger.js';

/** True for hosts whose traffic never leaves the machine: 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1') return true;
  // IPv4-mapped IPv6 reaches the same loopback; URL writes it as ::ffff:7fxx:xxxx.
  if (/^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host)) return true;
  const v4 = /^(?:::ffff:)?(\d{1,3})\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.exec(host);
  return v4 !== null && v4[1] === '127';
}

/** The API key goes in a header: over plain http to another machine anyone on the path can read it. */
export function warnIfClearText(apiUrl: string, logger: Logger): void {
  const url = new URL(apiUrl);
  if (url.protocol !== 'http:' || isLoopbackHost(url.hostname)) return;
  logger.warn({ host: url.host }, 'SPIKE_API_URL is plain http to a host that is not this machine: the API key is sent unencrypted; use https');
}
