/** What a secret is replaced with: in text, in the logger's redacted fields and in stored raw JSON alike. */
export const REDACTED = '[redacted]';

/**
 * Fields that can carry the API key in a log line's object; pino replaces them before serialising.
 * Kept beside the stored-JSON rule below: a field that holds a credential is hidden in both places.
 */
export const LOG_REDACT_PATHS = ['apiKey', '*.apiKey', 'headers["x-api-key"]', '*.headers["x-api-key"]', 'config.apiKey'];

/**
 * An item's raw JSON as the store keeps it, with the named top-level fields replaced by REDACTED: a field
 * that is a credential (an integration's token lets anyone raise incidents) is stored nowhere. A field
 * that is absent stays absent, so the marker never suggests a value Spike did not send.
 */
export function storedJson(item: unknown, secretFields: readonly string[] = []): string {
  if (secretFields.length === 0 || typeof item !== 'object' || item === null) return JSON.stringify(item);
  const hidden = secretFields.filter((field) => Object.hasOwn(item, field));
  if (hidden.length === 0) return JSON.stringify(item);
  return JSON.stringify({ ...item, ...Object.fromEntries(hidden.map((field) => [field, REDACTED])) });
}

/** An integration's `token` lets anyone who has it raise incidents: never in a column, in raw, or in a log line. */
export const INTEGRATION_SECRET_FIELDS: readonly string[] = ['token'];
