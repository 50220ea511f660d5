import { redact } from './redact.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Record<string, unknown>;

/** A console-like object; any missing level is skipped. */
export interface LoggerObject {
  debug?(message: string, fields?: LogFields): void;
  info?(message: string, fields?: LogFields): void;
  warn?(message: string, fields?: LogFields): void;
  error?(message: string, fields?: LogFields): void;
}

export type LoggerFunction = (level: LogLevel, message: string, fields?: LogFields) => void;

export type Logger = LoggerObject | LoggerFunction;

/** What the runtime calls; every message and field set has already gone through `redact`. */
export type LogSink = (level: LogLevel, message: string, fields: LogFields, secrets: readonly string[]) => void;

/** True when `MIRO_DEBUG` is `1`/`true` in a Node-like `process.env` (absent elsewhere). */
export function isDebugEnv(): boolean {
  try {
    const g = globalThis as {
      process?: { env?: Record<string, string | undefined> };
      Deno?: { permissions?: { querySync?(d: { name: 'env'; variable: string }): { state: string } } };
    };
    // Deno would prompt for env permission on a read; only read when already granted.
    const deno = g.Deno?.permissions?.querySync?.({ name: 'env', variable: 'MIRO_DEBUG' });
    if (deno && deno.state !== 'granted') return false;
    const env = g.process?.env;
    const flag = env?.['MIRO_DEBUG']?.toLowerCase();
    return flag === '1' || flag === 'true';
  } catch {
    // Deno without --allow-env throws on env access.
    return false;
  }
}

/**
 * Builds the sink from the `logger` option and `MIRO_DEBUG`. Without either, nothing is logged
 * and no redaction work is done.
 */
export function createLogSink(logger: Logger | undefined, debug: boolean): LogSink | undefined {
  const targets: LoggerFunction[] = [];
  if (logger) targets.push(toFunction(logger));
  if (debug) targets.push(consoleLogger);
  if (targets.length === 0) return undefined;
  return (level, message, fields, secrets) => {
    const safeMessage = redact(message, secrets);
    const safeFields = redact(fields, secrets) as LogFields;
    for (const target of targets) target(level, safeMessage, safeFields);
  };
}

function toFunction(logger: Logger): LoggerFunction {
  if (typeof logger === 'function') return logger;
  return (level, message, fields) => logger[level]?.call(logger, message, fields);
}

const consoleLogger: LoggerFunction = (level, message, fields) => {
  // console.debug/info go to stdout in Node; debug output belongs on stderr.
  const write = level === 'debug' || level === 'info' ? console.error : console[level];
  write(`[miro-api] ${message}`, fields ?? '');
};
