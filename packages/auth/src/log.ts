import type { LogFields, Logger, LogLevel } from '@miro/api';

/** Writes one line to `@miro/api`'s `Logger` (an object with level methods, or a function). */
export type LogLine = (level: LogLevel, message: string, fields?: LogFields) => void;

export function logLine(logger: Logger | undefined): LogLine {
  if (!logger) return () => undefined;
  if (typeof logger === 'function') return (level, message, fields) => logger(level, message, fields);
  return (level, message, fields) => logger[level]?.call(logger, message, fields);
}
