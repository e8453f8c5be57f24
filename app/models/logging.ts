import { mkdirSync, accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import log4js from 'log4js';

/** Log levels from most to least severe. */
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Options of {@link configureLogging}. */
export interface LoggingOptions {
  /** Folder for the daily files, usually `<data dir>/logs`. */
  logDir: string;
  level?: LogLevel;
  /** Also write to the console (development, browser mode). */
  console?: boolean;
  /** Days of files to keep. */
  keepDays?: number;
}

/** What {@link configureLogging} managed to set up. */
export interface LoggingState {
  /** The folder holding today's file, or null when files could not be written. */
  logDir: string | null;
  level: LogLevel;
  /** Why file logging is off, when it is. */
  warning?: string;
}

/**
 * Sets up log4js: a `dateFile` appender rotating daily in `logDir` (plus the console when
 * asked). If the folder is unusable it logs to the console only and says why in
 * `warning`. Never throws.
 */
export function configureLogging(options: LoggingOptions): LoggingState {
  const level = options.level ?? 'info';
  const consoleAppender: log4js.Appender = {
    type: 'stderr',
    layout: { type: 'pattern', pattern: '%d %p %c %m' },
  };
  try {
    mkdirSync(options.logDir, { recursive: true });
    accessSync(options.logDir, constants.W_OK);
    const appenders: Record<string, log4js.Appender> = {
      file: {
        type: 'dateFile',
        filename: join(options.logDir, 'tusk.log'),
        pattern: 'yyyy-MM-dd',
        alwaysIncludePattern: true,
        numBackups: options.keepDays ?? 14,
        layout: { type: 'pattern', pattern: '%d %p %c %m' },
      },
    };
    if (options.console) appenders['console'] = consoleAppender;
    log4js.configure({
      appenders,
      categories: { default: { appenders: Object.keys(appenders), level } },
    });
    return { logDir: options.logDir, level };
  } catch (cause) {
    log4js.configure({
      appenders: { console: consoleAppender },
      categories: { default: { appenders: ['console'], level } },
    });
    const warning = `Cannot write logs to ${options.logDir}: ${(cause as Error).message}. Logging to the console only.`;
    log4js.getLogger('logging').warn(warning);
    return { logDir: null, level, warning };
  }
}

/** A logger for one part of the app (`category` names the module). */
export function getLogger(category: string): log4js.Logger {
  return log4js.getLogger(category);
}

/** Flushes and closes the log files; resolves when done. Never rejects. */
export function shutdownLogging(): Promise<void> {
  return new Promise((resolve) => log4js.shutdown(() => resolve()));
}
