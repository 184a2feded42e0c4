/** Consumer groups as plain data. */
import type { Admin, GroupDescription } from 'kafkajs';
import { KafkaUserError } from './errors';

export interface ConsumerGroupSummary {
  id: string;
  /** Stable, Empty, PreparingRebalance, CompletingRebalance, Dead or Unknown. */
  state: string;
  /** "consumer" for consumer groups, "connect" for Kafka Connect workers, "" for groups that only hold offsets. */
  protocolType: string;
  /** The assignor or protocol in use ("range", "roundrobin", …), "" when none. */
  protocol: string;
  members: number;
}

export interface ConsumerGroupMember {
  memberId: string;
  clientId: string;
  clientHost: string;
}

function summarize(g: GroupDescription): ConsumerGroupSummary {
  return {
    id: g.groupId,
    state: g.state,
    protocolType: g.protocolType,
    protocol: g.protocol,
    members: g.members.length,
  };
}

/**
 * Every group of the cluster, described: one ListGroups per broker (kafkajs), then ONE
 * describeGroups call for all ids (kafkajs batches them per coordinator).
 */
export async function describeAllGroups(admin: Admin): Promise<GroupDescription[]> {
  const { groups } = await admin.listGroups();
  const ids = [...new Set(groups.map((g) => g.groupId))];
  if (ids.length === 0) return [];
  return (await admin.describeGroups(ids)).groups;
}

/** All groups with state and member count (see `describeAllGroups`). */
export async function listConsumerGroups(admin: Admin): Promise<ConsumerGroupSummary[]> {
  return (await describeAllGroups(admin)).map(summarize).sort((a, b) => a.id.localeCompare(b.id));
}

export async function describeConsumerGroup(
  admin: Admin,
  id: string,
): Promise<ConsumerGroupSummary & { memberList: ConsumerGroupMember[] }> {
  const { groups } = await admin.describeGroups([id]);
  const g = groups.find((x) => x.groupId === id);
  if (!g || g.state === 'Dead')
    throw new KafkaUserError(`Consumer group "${id}" does not exist.`, {
      code: 'NotFound',
      hint: 'Refresh the consumer group list.',
    });
  return {
    ...summarize(g),
    memberList: g.members.map((m) => ({ memberId: m.memberId, clientId: m.clientId, clientHost: m.clientHost })),
  };
}

/**
 * Deletes a group, refusing (before sending anything destructive) while it has members: Kafka
 * would refuse too, but kafkajs retries NON_EMPTY_GROUP for seconds before giving up.
 */
export async function deleteConsumerGroup(admin: Admin, id: string): Promise<void> {
  const group = await describeConsumerGroup(admin, id);
  if (group.members > 0) {
    const clients = [...new Set(group.memberList.map((m) => `${m.clientId}@${m.clientHost.replace(/^\//, '')}`))];
    throw new KafkaUserError(
      `Consumer group "${id}" has ${group.members} active member(s) (${clients.slice(0, 5).join(', ')}${clients.length > 5 ? ', …' : ''}), so it cannot be deleted.`,
      {
        code: 'GroupNotEmpty',
        hint: 'Stop the consumers of this group and wait until it is Empty, then delete it.',
      },
    );
  }
  const results = await admin.deleteGroups([id]);
  const failed = results.find((r) => r.groupId === id && (r.errorCode ?? 0) !== 0);
  if (failed) throw failed.error ?? new Error(`DeleteGroups failed with error code ${failed.errorCode}`);
}
