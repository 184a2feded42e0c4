/**
 * Forwards kafkajs log entries to the extension's logger, dropping anything that could carry a
 * secret. No kafkajs runtime import: kafkajs level numbers are mirrored below.
 */
import type { logCreator as KafkaLogCreator, LogEntry } from 'kafkajs';
import type { Logger } from '../shared/logger';

/** The part of the shared logger the Kafka layer uses. */
export type KafkaLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

/** kafkajs `logLevel` values (kafkajs/types: NOTHING 0, ERROR 1, WARN 2, INFO 4, DEBUG 5). */
export const KAFKA_LOG_LEVEL = { NOTHING: 0, ERROR: 1, WARN: 2, INFO: 4, DEBUG: 5 } as const;

/** Keys of kafkajs log extras that are never forwarded (credentials, raw protocol bytes). */
const SECRET_KEY = /pass|secret|token|sasl|auth|key|cert|credential|buffer|payload|signature/i;
/** Query parameters of a SigV4-presigned URL, should one ever show up inside a message. */
const SIGV4_PARAM = /(X-Amz-(?:Credential|Signature|Security-Token))=[^&\s"']+/gi;
const MAX_VALUE = 300;

/** Removes secret-looking text from a message. */
export function scrubLogText(text: string): string {
  return text.replace(SIGV4_PARAM, '$1=<redacted>');
}

/** One log line: "[Namespace] message (broker=…, groupId=…)", without secret-looking extras. */
export function formatKafkaLogEntry(entry: LogEntry): string {
  const {
    message,
    timestamp: _timestamp,
    logger: _logger,
    ...extra
  } = entry.log as LogEntry['log'] & {
    logger?: unknown;
  };
  const parts: string[] = [];
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined || value === null || SECRET_KEY.test(key)) continue;
    if (key === 'stack') continue; // stacks are noise in the output channel; the error message stays
    let text: string;
    if (typeof value === 'string') text = value;
    else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
    else {
      try {
        text = JSON.stringify(value) ?? '';
      } catch {
        continue;
      }
    }
    if (text.length > MAX_VALUE) text = `${text.slice(0, MAX_VALUE)}…`;
    parts.push(`${key}=${scrubLogText(text)}`);
  }
  const ns = entry.namespace ? `[${entry.namespace}] ` : '';
  return `${ns}${scrubLogText(String(message))}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

/** A kafkajs `logCreator` that writes to `logger`. */
export function createLogCreator(logger: KafkaLogger, prefix = 'kafka'): KafkaLogCreator {
  return () => (entry: LogEntry) => {
    const line = `${prefix}: ${formatKafkaLogEntry(entry)}`;
    switch (entry.level as number) {
      case KAFKA_LOG_LEVEL.ERROR:
        logger.error(line);
        break;
      case KAFKA_LOG_LEVEL.WARN:
        logger.warn(line);
        break;
      case KAFKA_LOG_LEVEL.INFO:
        logger.info(line);
        break;
      default:
        logger.debug(line);
    }
  };
}
