declare module 'kafkajs/src/protocol/error' {
  /** kafkajs' KafkaJSProtocolError for a Kafka error code (type, code, retriable, message). */
  export function createErrorFromCode(code: number): Error & { type: string; code: number; retriable: boolean };
}
