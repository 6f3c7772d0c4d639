import { REDACTED, withoutWebhookTokens } from './secret-fields.js';

export { REDACTED };

/**
 * Removes secrets from text that came from outside (API error bodies, messages of lower layers)
 * before it is logged, stored or printed: the secrets it was given or learnt, and the token of any Spike
 * webhook URL. `learn` takes secrets found later in responses, such as the integration tokens a run lists.
 */
export interface Scrubber {
  (text: string): string;
  /** A secret that must be hidden; one shorter than MIN_SECRET_LENGTH is refused (a configuration error). */
  add(secret: string): void;
  /** A secret found in a response: one too short to replace safely is left out (stored raw hides it by its key). */
  learn(secret: string): void;
}

const MIN_SECRET_LENGTH = 8;

export function createScrubber(secrets: readonly string[] = []): Scrubber {
  const forms = new Set<string>();
  const scrub = ((text: string) => {
    let result = withoutWebhookTokens(text);
    for (const form of forms) if (result.includes(form)) result = result.split(form).join(REDACTED);
    return result;
  }) as Scrubber;
  scrub.add = (secret) => {
    if (!secret) return;
    // Replacing a very short secret would mangle ordinary text (and JSON) wherever its letters occur.
    if (secret.length < MIN_SECRET_LENGTH) throw new RangeError(`a secret to scrub must be at least ${MIN_SECRET_LENGTH} characters long`);
    // A server or a library may quote the secret as sent, URL-encoded or inside a JSON string. Encoders differ on
    // !'()*~: encodeURIComponent leaves them, a form (URLSearchParams) escapes all but *, others escape every one;
    // each in upper- or lowercase hex.
    const encoded = encodeURIComponent(secret);
    const escaped = (chars: RegExp) => encoded.replace(chars, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
    const lowerHex = (text: string) => text.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
    const urlForms = [encoded, escaped(/[!'()~]/g), escaped(/[!'()*~]/g)];
    for (const form of [secret, ...urlForms, ...urlForms.map(lowerHex), JSON.stringify(secret).slice(1, -1)]) forms.add(form);
  };
  scrub.learn = (secret) => {
    if (secret.length >= MIN_SECRET_LENGTH) scrub.add(secret);
  };
  for (const secret of secrets) scrub.add(secret);
  return scrub;
}

/**
 * `err` itself when no message along its `cause` chain quotes a secret; otherwise plain Errors
 * carrying the scrubbed messages, so nothing downstream (describeError, logs, the ledger) can see it.
 */
export function scrubCause(err: unknown, scrub: Scrubber, depth = 0): unknown {
  if (!(err instanceof Error) || depth > 4) return err;
  const cause = scrubCause(err.cause, scrub, depth + 1);
  const message = scrub(err.message);
  if (message === err.message && cause === err.cause) return err;
  const copy = new Error(message, cause === undefined ? undefined : { cause });
  copy.name = err.name;
  return copy;
}

/**
 * Scrubbing the raw text of a JSON body misses a secret written with escapes (`\/` for `/`, or any
 * character as `\u0041`): once parsed, those are plain strings. Only text holding such escapes needs
 * the walk over the parsed value; other escapes stand for characters no valid secret contains, or
 * are among the forms the scrubber already knows.
 */
export function mayHideSecrets(jsonText: string): boolean {
  return jsonText.includes('\\u') || jsonText.includes('\\/');
}

/** A parsed JSON value with every string (and object key) scrubbed; the same value when nothing changed. */
export function scrubParsed(value: unknown, scrub: Scrubber): unknown {
  if (typeof value === 'string') return scrub(value);
  if (Array.isArray(value)) {
    const items = value.map((item) => scrubParsed(item, scrub));
    return items.some((item, i) => item !== value[i]) ? items : value;
  }
  if (value === null || typeof value !== 'object') return value;
  let changed = false;
  const entries = Object.entries(value).map(([key, item]) => {
    const entry = [scrub(key), scrubParsed(item, scrub)] as const;
    if (entry[0] !== key || entry[1] !== item) changed = true;
    return entry;
  });
  return changed ? Object.fromEntries(entries) : value;
}
