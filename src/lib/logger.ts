import { pino, type Logger, type DestinationStream } from 'pino';
import { safeLogLine } from './log-line.js';
import type { Scrubber } from './scrub.js';
import { LOG_REDACT_PATHS, REDACTED } from './secret-fields.js';

export type { Logger };

export interface LoggerOptions {
  level: string;
  /** Human-readable lines instead of JSON (the CLI turns this on when stderr is a terminal). */
  pretty?: boolean;
  /** Where lines go; stderr by default so stdout stays clean for command output. */
  destination?: DestinationStream;
  /** Applied to every line as written: API text quoted in messages may carry the key. */
  scrub?: Scrubber;
}

export function createLogger(options: LoggerOptions): Logger {
  const base = {
    level: options.level,
    redact: { paths: LOG_REDACT_PATHS, censor: REDACTED },
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    hooks: { streamWrite: (line: string) => safeLogLine(line, { scrub: options.scrub, pretty: options.pretty }) },
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
