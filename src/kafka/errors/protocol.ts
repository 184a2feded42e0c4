/** Kafka protocol errors the broker answers with: unknown or existing topics, groups, invalid requests. */
import { scrubLogText } from '../logging';
import { msgOf, type ErrorLike } from './chain';
import { KafkaUserError, type KafkaErrorContext } from './kafkaUserError';
import { OPERATIONS, quoted } from './operations';

export function protocolError(e: ErrorLike, ctx: KafkaErrorContext, cause: unknown): KafkaUserError | undefined {
  const detail = scrubLogText(msgOf(e));
  switch (e.type) {
    case 'UNKNOWN_TOPIC_OR_PARTITION':
      return new KafkaUserError(
        `${ctx.topic ? `Topic "${ctx.topic}"` : 'The topic'} does not exist on ${ctx.spec.label}.`,
        {
          code: 'NotFound',
          hint: 'Refresh the topic list: it may have been deleted.',
          cause,
        },
      );
    case 'TOPIC_ALREADY_EXISTS':
      return new KafkaUserError(`Topic ${quoted(ctx.topic, '')} already exists on ${ctx.spec.label}.`, {
        code: 'AlreadyExists',
        hint: 'Choose another name, or refresh the topic list.',
        cause,
      });
    case 'GROUP_ID_NOT_FOUND':
      return new KafkaUserError(`Consumer group ${quoted(ctx.group, '')} does not exist on ${ctx.spec.label}.`, {
        code: 'NotFound',
        hint: 'Refresh the consumer group list.',
        cause,
      });
    case 'NON_EMPTY_GROUP':
      return new KafkaUserError(`Consumer group ${quoted(ctx.group, '')} still has active members.`, {
        code: 'GroupNotEmpty',
        hint: 'Stop the consumers of this group, wait for their session to end, then try again.',
        cause,
      });
    case 'TOPIC_DELETION_DISABLED':
      return new KafkaUserError(`Topic deletion is disabled on ${ctx.spec.label}.`, {
        code: 'InvalidRequest',
        hint: 'The cluster sets delete.topic.enable=false; ask its administrator.',
        cause,
      });
    case 'INVALID_REPLICATION_FACTOR':
    case 'INVALID_PARTITIONS':
    case 'INVALID_CONFIG':
    case 'INVALID_TOPIC_EXCEPTION':
    case 'POLICY_VIOLATION':
    case 'INVALID_REQUEST':
    case 'INVALID_REPLICA_ASSIGNMENT':
      return new KafkaUserError(
        `The cluster rejected the request to ${OPERATIONS[ctx.operation].text(ctx)}: ${detail}`,
        {
          code: 'InvalidRequest',
          hint: 'Fix the values and try again.',
          cause,
        },
      );
    default:
      return undefined;
  }
}
