/**
 * Kafka error codes of the requests we encode ourselves, as kafkajs' own protocol errors (`type`,
 * `code`, `retriable`), so the rest of the extension names and classifies them as any kafkajs error.
 * The one place that reaches kafkajs' internal error table.
 */
import { createErrorFromCode } from 'kafkajs/src/protocol/error';

export type KafkaProtocolError = Error & { type: string; code: number; retriable: boolean };

/** A Kafka error code as kafkajs' KafkaJSProtocolError. */
export const kafkaError = (code: number): KafkaProtocolError => createErrorFromCode(code);

/** Kafka's name of an error code (kafkajs' table), or "error N" for a code kafkajs does not know. */
export function kafkaErrorName(code: number): string {
  const e = kafkaError(code);
  return e.code === code ? e.type : `error ${code}`;
}

/** kafkajs' protocol error for a Kafka error code, saying what failed. */
export function protocolError(code: number, what: string): KafkaProtocolError {
  const e = kafkaError(code);
  e.message = `${what}: ${e.message}`;
  return e;
}
