/**
 * The API the tree and commands use: one object per connection, every method returning plain data
 * and throwing only KafkaUserError (message + hint + code + cause).
 *
 *   const cluster = new KafkaCluster(pool, spec);
 *   const topics = await cluster.listTopics();
 */
import type { Admin } from 'kafkajs';
import type { KafkaClientPool } from './clientPool';
import type { TopicConfigEntry } from './configOverrides';
import type { KafkaConnectionSpec } from './connection';
import { toKafkaUserError, type KafkaOperation, type KafkaUserError } from './errors';
import { describeBrokers, type BrokerInfo } from './brokers';
import {
  alterBrokerConfig,
  clusterDefaultsBroker,
  describeBrokerConfig,
  waitForBrokerConfig,
  type BrokerConfigEntry,
} from './brokerConfig';
import { addPartitions } from './partitions';
import { describeTopicSizes, type PartitionReplicas, type TopicSizes } from './partitionSizes';
import {
  deleteConsumerGroup,
  describeConsumerGroup,
  listConsumerGroups,
  type ConsumerGroupMember,
  type ConsumerGroupSummary,
} from './groups';
import { describeTopicConfig, planOverrideChange, replaceTopicOverrides } from './topicConfig';
import {
  createTopic,
  deleteTopic,
  describeTopic,
  listTopics,
  type TopicDescription,
  type TopicSummary,
} from './topics';
import type { CreateTopicRequest } from './topicValidation';
import type { KafkaLogger } from './logging';

export class KafkaCluster {
  constructor(
    /** The shared clients of this connection; feature modules (tail, produce, lag) make their clients here. */
    readonly pool: KafkaClientPool,
    readonly spec: KafkaConnectionSpec,
    private readonly logger?: KafkaLogger,
  ) {}

  describeBrokers(): Promise<BrokerInfo[]> {
    return this.run('describeCluster', {}, (admin) => describeBrokers(admin, this.logger));
  }

  listTopics(): Promise<TopicSummary[]> {
    return this.run('listTopics', {}, listTopics);
  }

  describeTopic(name: string): Promise<TopicDescription> {
    return this.run('describeTopic', { topic: name }, (admin) => describeTopic(admin, name));
  }

  describeTopicConfig(name: string): Promise<TopicConfigEntry[]> {
    return this.run('describeTopicConfig', { topic: name }, (admin) => describeTopicConfig(admin, name));
  }

  createTopic(request: CreateTopicRequest): Promise<void> {
    return this.run('createTopic', { topic: request.name }, (admin) => createTopic(admin, request));
  }

  deleteTopic(name: string): Promise<void> {
    return this.run('deleteTopic', { topic: name }, (admin) => deleteTopic(admin, name));
  }

  /**
   * Sets (`value` text) or removes (`value` null) one topic-level override, keeping all others, and
   * returns the topic's configuration afterwards.
   *
   * kafkajs 2.2.4 only has the non-incremental AlterConfigs, which replaces the whole override set,
   * so this reads the current overrides and sends them all with the one change. RACE: an override
   * changed by someone else between the read and the write is silently reverted to what was read.
   * The window is one round trip; there is no compare-and-set in the protocol to close it.
   */
  async alterTopicConfigOverride(name: string, key: string, value: string | null): Promise<TopicConfigEntry[]> {
    const current = await this.describeTopicConfig(name);
    const overrides = planOverrideChange(current, key, value);
    await this.run('alterTopicConfig', { topic: name }, (admin) => replaceTopicOverrides(admin, name, overrides));
    return this.describeTopicConfig(name);
  }

  /** Grows the topic to `total` partitions (refused unless it exceeds the current count). */
  addPartitions(topic: string, total: number): Promise<{ before: number }> {
    return this.run('addPartitions', { topic }, (admin) => addPartitions(admin, topic, total));
  }

  /**
   * Sizes on disk of the replicas of `partitions` (as the topic's partition rows list them):
   * DescribeLogDirs v1 to each broker hosting one, over the connection's shared raw cluster.
   */
  describeTopicSizes(topic: string, partitions: readonly PartitionReplicas[]): Promise<TopicSizes> {
    return this.run('describeLogDirs', { topic }, async () =>
      describeTopicSizes(await this.pool.getRawCluster(this.spec), topic, partitions),
    );
  }

  /**
   * Every config of a broker with the values it overrides (synonyms); `null`: the lowest-id
   * broker's, whose synonyms show the cluster-wide defaults.
   */
  describeBrokerConfig(brokerId: number | null): Promise<BrokerConfigEntry[]> {
    return this.run('describeBrokerConfig', {}, async (admin) =>
      describeBrokerConfig(admin, brokerId ?? (await clusterDefaultsBroker(admin))),
    );
  }

  /**
   * Sets or (`value` null) removes one dynamic config of a broker, or of the cluster-wide default
   * (`brokerId` null), then waits until the broker (the cluster-wide default: the lowest-id broker,
   * whose view the tree shows) applies it. Resolves false when it had not shown within 10 s.
   */
  alterBrokerConfig(
    brokerId: number | null,
    name: string,
    value: string | null,
    options: { validateOnly?: boolean } = {},
  ): Promise<boolean> {
    return this.run('alterBrokerConfig', {}, async (admin) => {
      await alterBrokerConfig(await this.pool.getRawCluster(this.spec), brokerId, name, value, options);
      if (options.validateOnly) return true;
      const checked = brokerId ?? (await clusterDefaultsBroker(admin));
      return waitForBrokerConfig(admin, checked, name, brokerId === null ? 'cluster' : 'broker', value);
    });
  }

  listConsumerGroups(): Promise<ConsumerGroupSummary[]> {
    return this.run('listGroups', {}, listConsumerGroups);
  }

  describeConsumerGroup(id: string): Promise<ConsumerGroupSummary & { memberList: ConsumerGroupMember[] }> {
    return this.run('describeGroup', { group: id }, (admin) => describeConsumerGroup(admin, id));
  }

  /** Refuses with code GroupNotEmpty while the group has members. */
  deleteConsumerGroup(id: string): Promise<void> {
    return this.run('deleteGroup', { group: id }, (admin) => deleteConsumerGroup(admin, id));
  }

  /** Runs `fn` with the shared admin client, mapping any failure to a KafkaUserError for `operation`. */
  async run<T>(
    operation: KafkaOperation,
    names: { topic?: string; group?: string },
    fn: (admin: Admin) => Promise<T>,
  ): Promise<T> {
    let admin: Admin;
    try {
      admin = await this.pool.getAdmin(this.spec);
      return await fn(admin);
    } catch (err) {
      const mapped: KafkaUserError = toKafkaUserError(err, { spec: this.spec, operation, ...names });
      // A refused sign-in may be a stale or revoked token: sign a fresh one next time.
      if (mapped.code === 'Authentication' || mapped.code === 'Credentials')
        this.pool.tokenProvider(this.spec)?.invalidate();
      throw mapped;
    }
  }
}
