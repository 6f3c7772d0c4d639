import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

export interface LoggerOptions {
  level: string;
  /** Human-readable lines instead of JSON (the CLI turns this on when stderr is a terminal). */
  pretty?: boolean;
  /** Where lines go; stderr by default so stdout stays clean for command output. */
  destination?: DestinationStream;
}

/** Header and field paths that could carry the API key; pino replaces them before serialising. */
export const REDACT_PATHS = [
  'apiKey',
  '*.apiKey',
  'headers["x-api-key"]',
  '*.headers["x-api-key"]',
  'config.apiKey',
];

export function createLogger(options: LoggerOptions): Logger {
  const base = {
    level: options.level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (options.pretty) {
    return pino({
      ...base,
      transport: { target: 'pino-pretty', options: { destination: 2, colorize: true, translateTime: 'SYS:HH:MM:ss' } },
    });
  }
  return pino(base, options.destination ?? pino.destination({ dest: 2, sync: true }));
}

/** A logger that discards everything, for library callers and tests that do not inspect logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
