/** A Kafka error as a failed step: the shared classifier's message (IAM action or ACL named) and next step. */
import type { KafkaConnectionSpec, KafkaOperation } from '../../kafka/index';
import { kafkaModule } from '../lazyModules';
import { StepFailure } from './recorder';

/** Rethrows any Kafka error as the shared classifier's message and next step. */
export function classified(
  spec: KafkaConnectionSpec,
  operation: KafkaOperation,
  extra: { topic?: string; group?: string } = {},
) {
  return (err: unknown): never => {
    const mapped = kafkaModule().toKafkaUserError(err, { spec, operation, ...extra });
    throw new StepFailure(mapped.message, mapped.hint ?? 'See the "Amazon MSK" output channel for details.');
  };
}
