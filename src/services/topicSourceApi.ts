/**
 * The explorer's topic rows read through MSK's topic API (no path to the brokers needed), and the
 * topic writes sent through it. No vscode import. MSK's answers may be about a minute old; they
 * carry no offsets and no config sources (every entry shows "MSK API" as its source).
 */
import type * as Aws from '../aws/index';
import { UserError } from '../shared/errors';
import type { CreateTopicInput } from './backend';
import type { ClusterRef, ConfigRow, PartitionRow, TopicRow } from './clusterModel';
import { kafkaModule } from './lazyModules';

export const MSK_API_CONFIG_SOURCE = 'MSK API';

export interface MskTopicRows {
  topics: () => Promise<TopicRow[]>;
  partitions: (topic: string) => Promise<PartitionRow[]>;
  topicConfig: (topic: string) => Promise<ConfigRow[]>;
}

export function mskTopicRows(
  cluster: ClusterRef,
  api: () => Aws.MskTopicsService,
  target: Aws.AwsTarget,
): MskTopicRows {
  const arn = cluster.arn ?? '';
  return {
    topics: async () =>
      (await api().listTopics(target, arn)).map((t) => ({
        name: t.name,
        partitions: t.partitionCount,
        replicationFactor: t.replicationFactor,
        underReplicated: t.outOfSyncReplicaCount > 0,
        internal: kafkaModule().isInternalTopic(t.name),
      })),
    partitions: async (topic) =>
      (await api().describeTopicPartitions(target, arn, topic)).map((p) => ({
        partition: p.partition,
        leader: p.leader,
        replicas: p.replicas,
        isr: p.isr,
        earliest: '',
        latest: '',
      })),
    topicConfig: async (topic) => {
      const detail = await api().describeTopic(target, arn, topic);
      return Object.entries(detail.configs)
        .map(([name, value]) => ({
          name,
          value,
          source: MSK_API_CONFIG_SOURCE,
          isOverride: false,
          isSensitive: false,
          readOnly: false,
        }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },
  };
}

/** The writes of the Topics folder through MSK's topic API. */
export function mskTopicWrites(cluster: ClusterRef, api: () => Aws.MskTopicsService, target: Aws.AwsTarget) {
  const arn = cluster.arn ?? '';
  return {
    /** Client-side checks: the broker count MSK reports, the names the API lists. */
    validate: async (input: CreateTopicInput): Promise<string[]> => {
      const existing = await api().listTopics(target, arn, input.name);
      return kafkaModule().validateCreateTopic(input, {
        brokerCount: cluster.brokerCount ?? Number.MAX_SAFE_INTEGER,
        existingTopics: existing.map((t) => t.name),
      });
    },
    create: (input: CreateTopicInput) => api().createTopic(target, arn, input),
    delete: (topic: string) => api().deleteTopic(target, arn, topic),
    setConfig: async (topic: string, key: string, value: string | null): Promise<void> => {
      if (value === null) {
        throw new UserError(`The MSK API cannot remove the setting ${key} of ${topic}.`, {
          code: 'NoTopicApi',
          hint: `MSK's UpdateTopic only sets values: set ${key} to the value you want (its default, to undo an override), or remove the override through the brokers (msk.topics.source "kafka") from a machine that reaches them.`,
        });
      }
      await api().updateTopic(target, arn, topic, { configs: { [key]: value } });
    },
  };
}
