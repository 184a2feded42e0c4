/**
 * Kafka error mapping, split by concern: the error type (kafkaUserError.ts), what each operation
 * needs (operations.ts), chain helpers (chain.ts) and the classifiers (classify.ts → tls.ts,
 * network.ts, protocol.ts). MSK resource ARNs are built by the one ARN module, src/shared/arn.ts.
 */
export {
  isKafkaUserError,
  KafkaUserError,
  type KafkaErrorCode,
  type KafkaErrorContext,
  type KafkaOperation,
  type KafkaUserErrorOptions,
} from './kafkaUserError';
export { hasKafkaErrorType, isUnknownTopicError } from './chain';
export { toKafkaUserError } from './classify';
