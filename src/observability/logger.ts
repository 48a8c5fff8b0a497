import pino from 'pino';
import type { Logger } from 'pino';
import { REDACT_PATHS, scrubText } from './redact';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level?: string;
  name?: string;
  /** Where to write; defaults to stdout. Tests pass a stream to inspect what was logged. */
  destination?: pino.DestinationStream;
}

/** The process logger: JSON lines, secrets and identity numbers redacted by key and scrubbed from messages. */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      name: options.name ?? 'lienthong',
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? scrubText(a) : a)) as typeof args;
          return method.apply(this, scrubbed);
        },
      },
      formatters: {
        log(object) {
          // Error messages and free-text fields can carry numbers from partner responses.
          for (const k of ['detail', 'error', 'err', 'reason']) {
            const v = (object as Record<string, unknown>)[k];
            if (typeof v === 'string') (object as Record<string, unknown>)[k] = scrubText(v);
            else if (v instanceof Error)
              (object as Record<string, unknown>)[k] = {
                type: v.name,
                message: scrubText(v.message),
                code: (v as { code?: unknown }).code,
              };
          }
          return object;
        },
      },
    },
    options.destination,
  );
}

/** A logger that writes nothing, for tests and library use. */
export const silentLogger: Logger = pino({ level: 'silent' });
