/**
 * A partition assigner that gives the single member of a tail's ephemeral group exactly the chosen
 * partitions of one topic (kafkajs has no manual assignment).
 */
import type * as KafkaJs from 'kafkajs';

export const TAIL_ASSIGNER_NAME = 'MskTailAssigner';

export function tailAssigner(
  protocol: typeof KafkaJs.AssignerProtocol,
  topic: string,
  partitions: number[],
): KafkaJs.PartitionAssigner {
  return () => ({
    name: TAIL_ASSIGNER_NAME,
    version: 1,
    protocol: ({ topics }) => ({
      name: TAIL_ASSIGNER_NAME,
      metadata: protocol.MemberMetadata.encode({ version: 1, topics, userData: Buffer.alloc(0) }),
    }),
    assign: ({ members }) => {
      // One member per ephemeral group; should another appear, it gets nothing.
      const [first, ...others] = [...members].sort((a, b) => a.memberId.localeCompare(b.memberId));
      const encode = (assignment: Record<string, number[]>) =>
        protocol.MemberAssignment.encode({ version: 1, assignment, userData: Buffer.alloc(0) });
      return Promise.resolve([
        ...(first ? [{ memberId: first.memberId, memberAssignment: encode({ [topic]: partitions }) }] : []),
        ...others.map((m) => ({ memberId: m.memberId, memberAssignment: encode({}) })),
      ]);
    },
  });
}
