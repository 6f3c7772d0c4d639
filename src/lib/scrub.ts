/** What a secret is replaced with, in text and in the logger's redacted fields alike. */
export const REDACTED = '[redacted]';

/**
 * Removes secrets from text that came from outside (API error bodies, messages of lower layers)
 * before it is logged, stored or printed. `add` takes secrets learnt later, such as integration tokens.
 */
export interface Scrubber {
  (text: string): string;
  add(secret: string): void;
}

export function createScrubber(secrets: readonly string[] = []): Scrubber {
  const forms = new Set<string>();
  const scrub = ((text: string) => {
    let result = text;
    for (const form of forms) if (result.includes(form)) result = result.split(form).join(REDACTED);
    return result;
  }) as Scrubber;
  scrub.add = (secret) => {
    if (!secret) return;
    // A server or a library may quote the secret as sent, URL-encoded or inside a JSON string.
    for (const form of [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]) forms.add(form);
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
