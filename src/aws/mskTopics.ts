/**
 * MSK's topic operations (ListTopics, DescribeTopic, DescribeTopicPartitions, CreateTopic,
 * UpdateTopic, DeleteTopic): topics of a provisioned cluster (Kafka 3.6 or later) without any
 * network path to its brokers. MSK refreshes what they return about once a minute.
 *
 * Every call goes through the one client factory; failures become AwsUserError. Access denied names
 * the `kafka-cluster:` action AWS refused and the cluster or topic ARN, and its Copy IAM Policy
 * Statement holds every action the operation needs (MSK_TOPIC_PERMISSIONS). SDK command classes
 * load on first use.
 */
import type { KafkaClient } from '@aws-sdk/client-kafka';
import { mskResourceArn, regionOfArn } from '../shared/arn';
import { copyIamPolicyAction } from '../shared/errorActions';
import { errorObjects } from '../shared/errorChain';
import { UserError } from '../shared/errors';
import type { AwsClientFactory, AwsTarget } from './clientFactory';
import { AwsUserError } from './errors';

export interface MskTopicSummary {
  name: string;
  arn: string;
  partitionCount: number;
  replicationFactor: number;
  outOfSyncReplicaCount: number;
}

export interface MskTopicDetail {
  name: string;
  arn: string;
  partitionCount: number;
  replicationFactor: number;
  /** Config name → value, decoded from the base64 `configs` member. */
  configs: Record<string, string>;
  /** ACTIVE | CREATING | UPDATING | DELETING */
  status: string;
}

export interface MskTopicPartition {
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
}

export interface MskCreateTopicInput {
  name: string;
  partitions: number;
  replicationFactor: number;
  configs: Record<string, string>;
}

/** An operation of MSK's topic API and the IAM actions it needs. */
export interface MskTopicPermission {
  /** The API operation, e.g. "UpdateTopic". */
  api: string;
  /** Every IAM action it needs; the last one is the operation's own (named when AWS names none). */
  actions: readonly string[];
}

const CONNECT = 'kafka-cluster:Connect';
const DESCRIBE_TOPIC = 'kafka-cluster:DescribeTopic';
const DESCRIBE_TOPIC_CONFIG = 'kafka-cluster:DescribeTopicDynamicConfiguration';

/**
 * What each operation needs, as AWS's "Topic Operations" page lists it (MSK developer guide,
 * msk-topic-operations-information): `kafka-cluster:` actions on the cluster ARN and the topic ARN
 * (arn:aws:kafka:<region>:<account>:topic/<cluster-name>/<cluster-uuid>/<topic>).
 */
export const MSK_TOPIC_PERMISSIONS = {
  list: { api: 'ListTopics', actions: [CONNECT, DESCRIBE_TOPIC] },
  describe: { api: 'DescribeTopic', actions: [CONNECT, DESCRIBE_TOPIC, DESCRIBE_TOPIC_CONFIG] },
  partitions: { api: 'DescribeTopicPartitions', actions: [CONNECT, DESCRIBE_TOPIC, DESCRIBE_TOPIC_CONFIG] },
  create: { api: 'CreateTopic', actions: [CONNECT, 'kafka-cluster:CreateTopic'] },
  update: {
    api: 'UpdateTopic',
    actions: [CONNECT, DESCRIBE_TOPIC, 'kafka-cluster:AlterTopic', 'kafka-cluster:AlterTopicDynamicConfiguration'],
  },
  delete: { api: 'DeleteTopic', actions: [CONNECT, DESCRIBE_TOPIC, 'kafka-cluster:DeleteTopic'] },
} as const satisfies Record<string, MskTopicPermission>;

export type MskTopicOperation = keyof typeof MSK_TOPIC_PERMISSIONS;

/**
 * The base64 `configs` member as name → value. AWS's CLI guide (describe-topic) shows it as base64
 * of server.properties lines ("compression.type=producer\nretention.ms=604800000"); a JSON object,
 * which one third-party source claims, is read too.
 */
export function decodeTopicConfigs(encoded: string | undefined): Record<string, string> {
  if (!encoded) return {};
  const text = Buffer.from(encoded, 'base64').toString('utf8').trim();
  if (text.startsWith('{')) {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        return Object.fromEntries(
          Object.entries(parsed as Record<string, unknown>).map(([k, v]) => [
            k,
            typeof v === 'string' ? v : JSON.stringify(v),
          ]),
        );
      }
    } catch {
      // fall through to properties lines
    }
  }
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (!t || t.startsWith('#')) continue;
    const eq = t.indexOf('=');
    if (eq > 0) out[t.slice(0, eq).trim()] = t.slice(eq + 1).trim();
  }
  return out;
}

/** name → value as the base64 `configs` member: server.properties lines, as AWS documents it. */
export function encodeTopicConfigs(configs: Record<string, string>): string {
  const lines = Object.entries(configs).map(([name, value]) => {
    if (/[\r\n]/.test(name) || /[\r\n]/.test(value) || !name.trim() || name.includes('=')) {
      throw new UserError(`The topic setting “${name}” cannot be sent to MSK.`, {
        code: 'BadConfig',
        hint: 'A setting name is one word without “=”, and neither name nor value may span lines.',
      });
    }
    return `${name}=${value}`;
  });
  return Buffer.from(lines.join('\n'), 'utf8').toString('base64');
}

function targetForArn(target: AwsTarget, arn: string): AwsTarget {
  const region = regionOfArn(arn);
  return region ? { ...target, region } : target;
}

export class MskTopicsService {
  constructor(readonly factory: AwsClientFactory) {}

  /**
   * One call of `operation` about the cluster (ListTopics) or one topic. Messages name the cluster or
   * topic ARN; access denied gets a policy statement with every action the operation needs.
   */
  private call<T>(
    target: AwsTarget,
    clusterArn: string,
    operation: MskTopicOperation,
    topic: string | undefined,
    run: (client: KafkaClient) => Promise<T>,
  ): Promise<T> {
    const need: MskTopicPermission = MSK_TOPIC_PERMISSIONS[operation];
    const name = { action: need.actions[need.actions.length - 1], operation: `MSK ${need.api}` };
    const resource = topic === undefined ? clusterArn : mskResourceArn('topic', { clusterArn }, topic);
    return this.factory
      .call('kafka', targetForArn(target, clusterArn), name, resource, (client) =>
        run(client).catch((err: unknown) => {
          throw topicError(err, name, resource);
        }),
      )
      .catch((err: unknown) => {
        throw withTopicPermissions(err, need, [clusterArn, mskResourceArn('topic', { clusterArn }, topic)]);
      });
  }

  /** Every topic of the cluster (all pages), optionally only names starting with `nameFilter`. */
  async listTopics(target: AwsTarget, clusterArn: string, nameFilter?: string): Promise<MskTopicSummary[]> {
    return this.call(target, clusterArn, 'list', undefined, async (client) => {
      const { ListTopicsCommand } = await import('@aws-sdk/client-kafka');
      const all: MskTopicSummary[] = [];
      let token: string | undefined;
      do {
        const out = await client.send(
          new ListTopicsCommand({
            ClusterArn: clusterArn,
            MaxResults: 100,
            NextToken: token,
            ...(nameFilter ? { TopicNameFilter: nameFilter } : {}),
          }),
        );
        for (const t of out.Topics ?? []) {
          if (!t.TopicName) continue;
          all.push({
            name: t.TopicName,
            arn: t.TopicArn ?? mskResourceArn('topic', { clusterArn }, t.TopicName),
            partitionCount: t.PartitionCount ?? 0,
            replicationFactor: t.ReplicationFactor ?? 0,
            outOfSyncReplicaCount: t.OutOfSyncReplicaCount ?? 0,
          });
        }
        token = out.NextToken;
      } while (token);
      return all;
    });
  }

  async describeTopic(target: AwsTarget, clusterArn: string, topic: string): Promise<MskTopicDetail> {
    const arn = mskResourceArn('topic', { clusterArn }, topic);
    return this.call(target, clusterArn, 'describe', topic, async (client) => {
      const { DescribeTopicCommand } = await import('@aws-sdk/client-kafka');
      const out = await client.send(new DescribeTopicCommand({ ClusterArn: clusterArn, TopicName: topic }));
      return {
        name: out.TopicName ?? topic,
        arn: out.TopicArn ?? arn,
        partitionCount: out.PartitionCount ?? 0,
        replicationFactor: out.ReplicationFactor ?? 0,
        configs: decodeTopicConfigs(out.Configs),
        status: out.Status ?? 'ACTIVE',
      };
    });
  }

  /** Leader, replicas and in-sync replicas of every partition (all pages), by partition. */
  async describeTopicPartitions(target: AwsTarget, clusterArn: string, topic: string): Promise<MskTopicPartition[]> {
    return this.call(target, clusterArn, 'partitions', topic, async (client) => {
      const { DescribeTopicPartitionsCommand } = await import('@aws-sdk/client-kafka');
      const all: MskTopicPartition[] = [];
      let token: string | undefined;
      do {
        const out = await client.send(
          new DescribeTopicPartitionsCommand({ ClusterArn: clusterArn, TopicName: topic, NextToken: token }),
        );
        for (const p of out.Partitions ?? []) {
          all.push({
            partition: p.Partition ?? 0,
            leader: p.Leader ?? -1,
            replicas: p.Replicas ?? [],
            isr: p.Isr ?? [],
          });
        }
        token = out.NextToken;
      } while (token);
      return all.sort((a, b) => a.partition - b.partition);
    });
  }

  async createTopic(target: AwsTarget, clusterArn: string, input: MskCreateTopicInput): Promise<void> {
    const configs = Object.keys(input.configs).length ? encodeTopicConfigs(input.configs) : undefined;
    await this.call(target, clusterArn, 'create', input.name, async (client) => {
      const { CreateTopicCommand } = await import('@aws-sdk/client-kafka');
      await client.send(
        new CreateTopicCommand({
          ClusterArn: clusterArn,
          TopicName: input.name,
          PartitionCount: input.partitions,
          ReplicationFactor: input.replicationFactor,
          ...(configs ? { Configs: configs } : {}),
        }),
      );
    });
  }

  /** Sets configs (others are kept) and/or grows the partition count. */
  async updateTopic(
    target: AwsTarget,
    clusterArn: string,
    topic: string,
    change: { configs?: Record<string, string>; partitionCount?: number },
  ): Promise<void> {
    const configs =
      change.configs && Object.keys(change.configs).length ? encodeTopicConfigs(change.configs) : undefined;
    await this.call(target, clusterArn, 'update', topic, async (client) => {
      const { UpdateTopicCommand } = await import('@aws-sdk/client-kafka');
      await client.send(
        new UpdateTopicCommand({
          ClusterArn: clusterArn,
          TopicName: topic,
          ...(configs ? { Configs: configs } : {}),
          ...(change.partitionCount !== undefined ? { PartitionCount: change.partitionCount } : {}),
        }),
      );
    });
  }

  async deleteTopic(target: AwsTarget, clusterArn: string, topic: string): Promise<void> {
    await this.call(target, clusterArn, 'delete', topic, async (client) => {
      const { DeleteTopicCommand } = await import('@aws-sdk/client-kafka');
      await client.send(new DeleteTopicCommand({ ClusterArn: clusterArn, TopicName: topic }));
    });
  }
}

/**
 * The topic answers MSK gives that the generic mapping does not word well; anything else is
 * returned as it is, for the factory's mapping (which knows the profile, region and endpoint).
 */
function topicError(err: unknown, call: { action: string; operation: string }, resource: string): unknown {
  const name = (err as { name?: unknown } | null)?.name;
  const message = (err as { message?: unknown } | null)?.message;
  const topic = resource.split('/').pop() ?? resource;
  const ctx = { ...call, resource };
  if (name === 'TopicExistsException') {
    return new AwsUserError('unknown', `The topic “${topic}” already exists.`, {
      cause: err,
      context: ctx,
      hint: 'Pick another name, or refresh the Topics folder (the MSK API shows changes after about a minute).',
    });
  }
  if (name === 'UnknownTopicOrPartitionException') {
    return new AwsUserError('not-found', `The topic “${topic}” does not exist on the cluster.`, {
      cause: err,
      context: ctx,
      hint: 'It may have been deleted meanwhile; refresh the Topics folder (the MSK API shows changes after about a minute).',
    });
  }
  if (name === 'BadRequestException' && typeof message === 'string' && /serverless/i.test(message)) {
    return new AwsUserError('unknown', `MSK has no topic operations for serverless clusters: ${message}`, {
      cause: err,
      context: ctx,
      hint: 'Serverless clusters are browsed through their brokers only.',
    });
  }
  return err;
}

const NOT_AUTHORIZED = /not authorized to perform:?\s*([\w-]+:[\w*]+)/i;

/**
 * Access denied with the operation's whole need: the message keeps the action AWS refused and the
 * ARN; the hint lists every action the operation needs, and Copy IAM Policy Statement allows them
 * all (plus the refused one, should AWS name another) on the cluster ARN and the topic ARN. (Other
 * failures name the operation through the call's `operation`, e.g. "MSK CreateTopic failed: …".)
 */
export function withTopicPermissions(err: unknown, need: MskTopicPermission, resources: readonly string[]): unknown {
  if (!(err instanceof AwsUserError) || err.kind !== 'access-denied') return err;
  const refused = errorObjects(err)
    .map((e) => NOT_AUTHORIZED.exec(typeof e.message === 'string' ? e.message : '')?.[1])
    .find((a): a is string => a !== undefined);
  const actions = [...new Set([...need.actions, ...(refused ? [refused] : [])])];
  return new AwsUserError('access-denied', err.message, {
    cause: err.cause,
    context: err.context,
    hint: `MSK's ${need.api} needs ${listed(actions)} on the cluster and the topic ARN. Ask your AWS administrator to allow them for this identity, or pick a profile that has them.`,
    actions: [
      copyIamPolicyAction(actions, resources),
      ...err.actions.filter((a) => a.command !== 'msk.copyIamPolicyStatement'),
    ],
  });
}

function listed(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
