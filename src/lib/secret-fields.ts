/** What a secret is replaced with: in text, in the logger's redacted fields and in stored raw JSON alike. */
export const REDACTED = '[redacted]';

/**
 * Fields that can carry the API key in a log line's object; pino replaces them before serialising.
 * Kept beside the stored-JSON rule below: a field that holds a credential is hidden in both places.
 */
export const LOG_REDACT_PATHS = ['apiKey', '*.apiKey', 'headers["x-api-key"]', '*.headers["x-api-key"]', 'config.apiKey'];

/**
 * A key whose value is a credential, at any depth and in any casing: an integration's `token` (or a populated
 * integration's, or `integrationToken`, `config.token`) lets anyone who has it raise incidents; an `authorization`
 * header or `credentials` an alert carries, and the Slack or Teams `webhook_url` an escalation step posts to, let
 * anyone who has them act as their owner.
 */
const SECRET_KEY = /token|secret|password|passwd|api[-_]?key|authorization|credential|private[-_]?key|webhook[-_]?url/i;

/**
 * A Spike alert webhook: the path after the host is the integration's token. The host may end in a dot or name a
 * port, and the URL may be percent-encoded (`hooks.spike.sh%2F…`, as inside another URL's query). The token part
 * stops where a URL, an encoded character or a JSON string would end, so replacing it inside a response's JSON text
 * keeps the text valid JSON.
 */
const WEBHOOK_URL = /(hooks\.spike\.sh\.?(?::\d+)?(?:\/|%2f)+)([^\s"'\\/?#<>%]+)/gi;

/** Text with the token of every Spike webhook URL in it replaced by REDACTED. */
export function withoutWebhookTokens(text: string): string {
  return /hooks\.spike\.sh/i.test(text) ? text.replace(WEBHOOK_URL, `$1${REDACTED}`) : text;
}

/**
 * Whether JSON text may hold a secret the walk below would hide: without a secret-like word (SECRET_KEY's, so the two
 * never disagree) or a webhook host, it cannot.
 */
const MAY_HOLD_SECRET = new RegExp(`${SECRET_KEY.source}|hooks\\.spike\\.sh`, 'i');

/**
 * A parsed JSON value with the value of every secret key (see SECRET_KEY) replaced by REDACTED at any depth, and
 * the token of every webhook URL in its strings replaced as well; the same value when nothing was hidden. A key
 * whose value is null or absent stays so: the marker never suggests a value Spike did not send.
 */
export function withoutSecrets(value: unknown): unknown {
  if (typeof value === 'string') return withoutWebhookTokens(value);
  if (Array.isArray(value)) {
    const items = value.map(withoutSecrets);
    return items.some((item, i) => item !== value[i]) ? items : value;
  }
  if (value === null || typeof value !== 'object') return value;
  let changed = false;
  const entries = Object.entries(value).map(([key, item]) => {
    const hidden = SECRET_KEY.test(key) && item !== null && item !== '' ? REDACTED : withoutSecrets(item);
    if (hidden !== item) changed = true;
    return [key, hidden] as const;
  });
  return changed ? Object.fromEntries(entries) : value;
}

/** An item's raw JSON as the store keeps it: every credential in it replaced by REDACTED (see withoutSecrets). */
export function storedJson(item: unknown): string {
  const text = JSON.stringify(item);
  // Most items name no secret: their text is kept as it is, without a walk over the whole item.
  if (text === undefined || !MAY_HOLD_SECRET.test(text)) return text;
  return JSON.stringify(withoutSecrets(item));
}

/** The secrets an item carries, to be hidden from any text they appear in later: secret keys' text values and webhook tokens. */
export function secretsIn(value: unknown, found: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') {
    for (const match of value.matchAll(WEBHOOK_URL)) if (match[2] !== undefined) found.add(match[2]);
  } else if (Array.isArray(value)) {
    for (const item of value) secretsIn(item, found);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (SECRET_KEY.test(key) && typeof item === 'string' && item !== '') found.add(item);
      else secretsIn(item, found);
    }
  }
  return found;
}
