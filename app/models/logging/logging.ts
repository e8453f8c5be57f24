import { mkdirSync, accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import { formatWithOptions } from 'node:util';
import log4js from 'log4js';
import { LOG_LEVELS, type LogLevel } from '../../common/preference-limits';
import { redact } from '../errors/redact';
import { pruneOldLogs } from './log-retention';

/** Log levels from most to least severe (defined in `common`, a preference's choices). */
export { LOG_LEVELS, type LogLevel };

/** Days of log files kept unless configured otherwise. */
export const DEFAULT_KEEP_DAYS = 14;

/** Name of the daily files: `tusk.<yyyy-MM-dd>.log`. */
export const LOG_FILE_PREFIX = 'tusk';

/** Options of {@link configureLogging}. */
export interface LoggingOptions {
  /** Folder for the daily files, usually `<data dir>/logs`. */
  logDir: string;
  level?: LogLevel;
  /** Also write to the console (development, browser mode). */
  console?: boolean;
  /** Days of files to keep (default {@link DEFAULT_KEEP_DAYS}); older ones are deleted. */
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

/** The level in force; read by the gate appender for every event. */
let currentLevel: log4js.Level = log4js.levels.INFO;

/**
 * Sets up log4js: a `dateFile` appender writing `tusk.<date>.log` in `logDir`, rotating
 * daily and keeping `keepDays` files (plus the console when asked). Every line passes
 * through {@link redact}. If the folder is unusable it logs to the console only and says
 * why in `warning`. Never throws.
 */
export function configureLogging(options: LoggingOptions): LoggingState {
  const level = options.level ?? 'info';
  const keepDays = options.keepDays ?? DEFAULT_KEEP_DAYS;
  currentLevel = log4js.levels.getLevel(level);
  const layout = { type: 'tusk-redacted' };
  const consoleAppender: log4js.Appender = { type: 'stderr', layout };
  const configure = (appenders: Record<string, log4js.Appender>) => {
    log4js.addLayout('tusk-redacted', () => formatEvent);
    log4js.configure({
      appenders: {
        ...appenders,
        gate: { type: { configure: gateAppender }, appenders: Object.keys(appenders) } as never,
      },
      categories: { default: { appenders: ['gate'], level: 'all' } },
    });
  };
  try {
    mkdirSync(options.logDir, { recursive: true });
    accessSync(options.logDir, constants.W_OK);
    const removed = pruneOldLogs(options.logDir, LOG_FILE_PREFIX, keepDays);
    const appenders: Record<string, log4js.Appender> = {
      file: {
        type: 'dateFile',
        filename: join(options.logDir, `${LOG_FILE_PREFIX}.log`),
        pattern: 'yyyy-MM-dd',
        alwaysIncludePattern: true,
        keepFileExt: true,
        numBackups: keepDays,
        layout,
      },
    };
    if (options.console) appenders['console'] = consoleAppender;
    configure(appenders);
    if (removed.length > 0) {
      getLogger('logging').info(
        `removed ${removed.length} log file(s) older than ${keepDays} days`,
      );
    }
    return { logDir: options.logDir, level };
  } catch (cause) {
    configure({ console: consoleAppender });
    const warning = `Cannot write logs to ${options.logDir}: ${(cause as Error).message}. Logging to the console only.`;
    getLogger('logging').warn(warning);
    return { logDir: null, level, warning };
  }
}

/** Changes the level at run time; takes effect for the next line logged. */
export function setLogLevel(level: LogLevel): void {
  currentLevel = log4js.levels.getLevel(level);
}

/** True when a line at `level` would be written: check it before building an expensive line. */
export function isLevelEnabled(level: LogLevel): boolean {
  return log4js.levels.getLevel(level).isGreaterThanOrEqualTo(currentLevel);
}

/** The level in force. */
export function getLogLevel(): LogLevel {
  return currentLevel.levelStr.toLowerCase() as LogLevel;
}

/** True when `value` names a level (case-insensitive). */
export function isLogLevel(value: string | undefined): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value?.toLowerCase() ?? '');
}

/** A logger for one part of the app (`category` names the module). */
export function getLogger(category: string): log4js.Logger {
  return log4js.getLogger(category);
}

/** Flushes and closes the log files; resolves when done. Never rejects. */
export function shutdownLogging(): Promise<void> {
  return new Promise((resolve) => log4js.shutdown(() => resolve()));
}

/** A log4js appender that forwards an event to its appenders when its level is in force. */
function gateAppender(
  config: { appenders: string[] },
  _layouts: unknown,
  findAppender: (name: string) => (event: log4js.LoggingEvent) => void,
) {
  const targets = config.appenders.map(findAppender);
  return (event: log4js.LoggingEvent) => {
    if (!event.level.isGreaterThanOrEqualTo(currentLevel)) return;
    for (const target of targets) target(event);
  };
}

/** `2026-11-23T10:00:00.000Z INFO router message …`, secrets removed. */
function formatEvent(event: log4js.LoggingEvent): string {
  const text = formatWithOptions({ depth: 4, breakLength: Infinity }, ...event.data);
  return redact(
    `${event.startTime.toISOString()} ${event.level.levelStr} ${event.categoryName} ${text}`,
  );
}
