import { withoutControls } from '../lib/terminal-text.js';

const MAX_SHOWN = 200;

/**
 * A redirect's `Location`, safe to put in an error: it is untrusted text, so control characters
 * go, the length is bounded, and only scheme, host and path are kept. Credentials, the query and
 * the fragment are dropped, since a redirect to a login or signing service may carry tokens there.
 */
export function describeLocation(location: string | string[] | undefined, requestUrl: string, scrub: (text: string) => string): string {
  const raw = Array.isArray(location) ? location[0] : location;
  if (raw === undefined || raw.trim() === '') return 'nowhere (no Location header)';
  let url: URL;
  try {
    url = new URL(raw, requestUrl);
  } catch {
    return `an unparseable Location (${raw.length} characters, not shown)`;
  }
  let shown = `${url.protocol}//${url.host}${url.pathname}`;
  const dropped = url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '';
  // Scrubbed before cutting: a path can quote the key, and half a key is still a leak.
  shown = withoutControls(scrub(shown));
  if (shown.length > MAX_SHOWN) shown = `${shown.slice(0, MAX_SHOWN)}…`;
  return `"${shown}"${dropped ? ' (query and credentials not shown)' : ''}`;
}
