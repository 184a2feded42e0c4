/**
 * MSK's six topic operations (ListTopics, DescribeTopic, DescribeTopicPartitions, CreateTopic,
 * UpdateTopic, DeleteTopic) with the REST shapes @aws-sdk/client-kafka sends and parses, backed by
 * the real broker (topicsBroker.ts). They answer for the provisioned cluster and sandbox-private
 * (the same broker behind both); the serverless cluster is refused, as MSK refuses it. `configs`
 * in DescribeTopic's answer is base64 of server.properties lines ("retention.ms=604800000\n…"), as
 * AWS's CLI guide (describe-topic) shows it; requests may send those lines or a JSON object.
 * Each operation needs the `kafka-cluster:` actions AWS's "Topic Operations" page lists; the
 * readonly principal holds only the describe ones, so its writes are refused with IAM's "not
 * authorized to perform: <action> on resource: <topic ARN>", naming the first action it lacks.
 */
import type { Admin } from 'kafkajs';
import type { SandboxState } from '../state';
import type { Operation, OperationContext } from './api';
import { badRequest, forbidden } from './errors';
import { clusterSuffix, type JsonObject } from './model';
import { findCluster } from './findCluster';
import { paginate } from './pagination';
import { base64Text, body, kafkaOp as op, propertyLines } from './requests';
import { privateCluster } from './privateCluster';
import { expressCluster, expressConfigRefusal } from './expressCluster';
import {
  brokerTopics,
  createBrokerTopic,
  setTopicConfigs,
  topicConfigs,
  unknownTopic,
  withTopicAdmin,
  type BrokerTopic,
} from './topicsBroker';

const TOPICS_LIMIT = 100;
const PARTITIONS_LIMIT = 100;
const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

interface TopicCluster {
  arn: string;
  name: string;
}

/** The provisioned cluster, sandbox-private or sandbox-express; serverless and unknown clusters refused as MSK does. */
function topicCluster(state: SandboxState, arn: string, operation: string): TopicCluster {
  switch (findCluster(state, arn)) {
    case 'serverless':
      throw badRequest(`${operation} is not supported for serverless clusters.`, 'clusterArn');
    case 'provisioned':
      return { arn, name: state.clusters.provisioned.name };
    case 'private':
      return { arn, name: privateCluster(state).name };
    case 'express':
      return { arn, name: expressCluster(state).name };
  }
}

function topicName(raw: string | undefined): string {
  const name = raw ?? '';
  if (!TOPIC_NAME.test(name) || name === '.' || name === '..') {
    throw badRequest(
      `The value of topicName is not valid: use 1 to 249 letters, digits, '.', '_' or '-'.`,
      'topicName',
    );
  }
  return name;
}

export function topicArn(state: SandboxState, cluster: TopicCluster, topic: string): string {
  return `arn:aws:kafka:${state.region}:${state.accountId}:topic/${cluster.name}/${clusterSuffix(cluster.arn)}/${topic}`;
}

type TopicOperation =
  'ListTopics' | 'DescribeTopic' | 'DescribeTopicPartitions' | 'CreateTopic' | 'UpdateTopic' | 'DeleteTopic';

const CONNECT = 'kafka-cluster:Connect';
const DESCRIBE_TOPIC = 'kafka-cluster:DescribeTopic';
const DESCRIBE_TOPIC_CONFIG = 'kafka-cluster:DescribeTopicDynamicConfiguration';

/** The IAM actions each operation needs, as AWS's "Topic Operations" page lists them, in that order. */
const REQUIRED_ACTIONS: Record<TopicOperation, readonly string[]> = {
  ListTopics: [CONNECT, DESCRIBE_TOPIC],
  DescribeTopic: [CONNECT, DESCRIBE_TOPIC, DESCRIBE_TOPIC_CONFIG],
  DescribeTopicPartitions: [CONNECT, DESCRIBE_TOPIC, DESCRIBE_TOPIC_CONFIG],
  CreateTopic: [CONNECT, 'kafka-cluster:CreateTopic'],
  UpdateTopic: [CONNECT, DESCRIBE_TOPIC, 'kafka-cluster:AlterTopic', 'kafka-cluster:AlterTopicDynamicConfiguration'],
  DeleteTopic: [CONNECT, DESCRIBE_TOPIC, 'kafka-cluster:DeleteTopic'],
};

/** What the sandbox's readonly principal is allowed: connecting and describing topics. */
const READONLY_ALLOWED = new Set([CONNECT, DESCRIBE_TOPIC, DESCRIBE_TOPIC_CONFIG]);

/** IAM as the sandbox models it: admin may do everything, readonly only what READONLY_ALLOWED holds. */
function authorize(ctx: OperationContext, operation: TopicOperation, resource: string): void {
  if (ctx.principal !== ctx.view.state.principals.readonly.name) return;
  const missing = REQUIRED_ACTIONS[operation].find((a) => !READONLY_ALLOWED.has(a));
  if (!missing) return;
  throw forbidden(ctx, missing, resource);
}

/** `configs` of a request: base64 of server.properties lines (as AWS documents it) or of a JSON object. */
export function decodeConfigs(raw: unknown): Record<string, string> {
  if (raw === undefined || raw === null || raw === '') return {};
  const text = base64Text(raw, 'configs').trim();
  if (text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw badRequest('The value of configs is not a valid JSON object.', 'configs');
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw badRequest('The value of configs is not a valid JSON object.', 'configs');
    }
    return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
  }
  return Object.fromEntries(propertyLines(text, { member: 'configs', label: 'configs', comments: '#' }));
}

/** `configs` of DescribeTopic's answer: base64 of server.properties lines, one `name=value` each. */
export function encodeConfigs(configs: Record<string, string>): string {
  const lines = Object.entries(configs).map(([name, value]) => `${name}=${value}`);
  return Buffer.from(lines.join('\n'), 'utf8').toString('base64');
}

function positiveInt(value: unknown, member: string, required: boolean): number | undefined {
  if (value === undefined || value === null) {
    if (required) throw badRequest(`The value of ${member} is required.`, member);
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw badRequest(`The value of ${member} must be a positive integer.`, member);
  }
  return value;
}

function replicationFactorOf(t: BrokerTopic): number {
  return t.partitions[0]?.replicas.length ?? 0;
}

/** The topic on the broker (one listing and one metadata fetch), or MSK's NotFoundException. */
async function brokerTopic(admin: Admin, name: string): Promise<BrokerTopic> {
  const [topic] = (await admin.listTopics()).includes(name) ? await brokerTopics(admin, [name]) : [];
  if (!topic) throw unknownTopic(name);
  return topic;
}

// ---------------------------------------------------------------------------------------------

const listTopics = op('ListTopics', async (ctx) => {
  const cluster = topicCluster(ctx.view.state, ctx.labels[0] ?? '', 'ListTopics');
  authorize(ctx, 'ListTopics', cluster.arn);
  const filter = ctx.query.topicNameFilter ?? '';
  const topics = await withTopicAdmin(ctx.view.state, (admin) => brokerTopics(admin));
  const all = topics.filter((t) => t.name.startsWith(filter)).sort((a, b) => a.name.localeCompare(b.name));
  const page = paginate(
    all,
    { maxResults: ctx.query.maxResults, nextToken: ctx.query.nextToken },
    { scope: `ListTopics|${cluster.arn}|${filter}`, defaultMax: TOPICS_LIMIT, limit: TOPICS_LIMIT },
  );
  return {
    topics: page.items.map((t) => ({
      topicArn: topicArn(ctx.view.state, cluster, t.name),
      topicName: t.name,
      replicationFactor: replicationFactorOf(t),
      partitionCount: t.partitions.length,
      outOfSyncReplicaCount: t.partitions.reduce((n, p) => n + (p.replicas.length - p.isr.length), 0),
    })),
    nextToken: page.nextToken,
  };
});

const describeTopic = op('DescribeTopic', async (ctx) => {
  const cluster = topicCluster(ctx.view.state, ctx.labels[0] ?? '', 'DescribeTopic');
  const name = topicName(ctx.labels[1]);
  authorize(ctx, 'DescribeTopic', topicArn(ctx.view.state, cluster, name));
  const { topic, configs } = await withTopicAdmin(ctx.view.state, async (admin) => {
    return { topic: await brokerTopic(admin, name), configs: await topicConfigs(admin, name) };
  });
  return {
    topicArn: topicArn(ctx.view.state, cluster, name),
    topicName: name,
    replicationFactor: replicationFactorOf(topic),
    partitionCount: topic.partitions.length,
    configs: encodeConfigs(configs),
    status: 'ACTIVE',
  };
});

const describeTopicPartitions = op('DescribeTopicPartitions', async (ctx) => {
  const cluster = topicCluster(ctx.view.state, ctx.labels[0] ?? '', 'DescribeTopicPartitions');
  const name = topicName(ctx.labels[1]);
  authorize(ctx, 'DescribeTopicPartitions', topicArn(ctx.view.state, cluster, name));
  const topic = await withTopicAdmin(ctx.view.state, (admin) => brokerTopic(admin, name));
  const page = paginate(
    topic.partitions,
    { maxResults: ctx.query.maxResults, nextToken: ctx.query.nextToken },
    { scope: `DescribeTopicPartitions|${cluster.arn}|${name}`, defaultMax: PARTITIONS_LIMIT, limit: PARTITIONS_LIMIT },
  );
  return {
    partitions: page.items.map((p) => ({
      partition: p.partitionId,
      leader: p.leader,
      replicas: p.replicas,
      isr: p.isr,
    })),
    nextToken: page.nextToken,
  };
});

const createTopic = op('CreateTopic', async (ctx) => {
  const cluster = topicCluster(ctx.view.state, ctx.labels[0] ?? '', 'CreateTopic');
  const b = body(ctx);
  const name = topicName(typeof b.topicName === 'string' ? b.topicName : undefined);
  const arn = topicArn(ctx.view.state, cluster, name);
  authorize(ctx, 'CreateTopic', arn);
  const partitions = positiveInt(b.partitionCount, 'partitionCount', true)!;
  const rf = positiveInt(b.replicationFactor, 'replicationFactor', true)!;
  const configs = decodeConfigs(b.configs);
  await withTopicAdmin(ctx.view.state, (admin) => createBrokerTopic(admin, name, partitions, rf, configs));
  return { topicArn: arn, topicName: name, status: 'CREATING' } satisfies JsonObject;
});

const updateTopic = op('UpdateTopic', async (ctx) => {
  const cluster = topicCluster(ctx.view.state, ctx.labels[0] ?? '', 'UpdateTopic');
  const name = topicName(ctx.labels[1]);
  const arn = topicArn(ctx.view.state, cluster, name);
  authorize(ctx, 'UpdateTopic', arn);
  const b = body(ctx);
  const partitions = positiveInt(b.partitionCount, 'partitionCount', false);
  const configs = decodeConfigs(b.configs);
  if (partitions === undefined && Object.keys(configs).length === 0) {
    throw badRequest('Specify configs or partitionCount to update.', 'configs');
  }
  // Express brokers keep most topic configurations read-only (expressCluster.ts).
  const refusal =
    cluster.arn === expressCluster(ctx.view.state).arn ? expressConfigRefusal(Object.keys(configs)) : undefined;
  if (refusal) throw refusal;
  await withTopicAdmin(ctx.view.state, async (admin) => {
    const topic = await brokerTopic(admin, name);
    if (partitions !== undefined && partitions !== topic.partitions.length) {
      if (partitions < topic.partitions.length) {
        throw badRequest(
          `The topic ${name} has ${topic.partitions.length} partitions; the partition count can only grow.`,
          'partitionCount',
        );
      }
      await admin.createPartitions({ topicPartitions: [{ topic: name, count: partitions }] });
    }
    if (Object.keys(configs).length) await setTopicConfigs(admin, name, configs);
  });
  return { topicArn: arn, topicName: name, status: 'UPDATING' };
});

const deleteTopic = op('DeleteTopic', async (ctx) => {
  const cluster = topicCluster(ctx.view.state, ctx.labels[0] ?? '', 'DeleteTopic');
  const name = topicName(ctx.labels[1]);
  const arn = topicArn(ctx.view.state, cluster, name);
  authorize(ctx, 'DeleteTopic', arn);
  await withTopicAdmin(ctx.view.state, async (admin) => {
    if (!(await admin.listTopics()).includes(name)) throw unknownTopic(name);
    await admin.deleteTopics({ topics: [name] });
  });
  return { topicArn: arn, topicName: name, status: 'DELETING' };
});

/** Route entries for api.ts. */
export const TOPIC_ROUTES: { method: string; template: string; op: Operation }[] = [
  { method: 'GET', template: '/v1/clusters/{clusterArn}/topics', op: listTopics },
  { method: 'POST', template: '/v1/clusters/{clusterArn}/topics', op: createTopic },
  { method: 'GET', template: '/v1/clusters/{clusterArn}/topics/{topicName}', op: describeTopic },
  { method: 'PUT', template: '/v1/clusters/{clusterArn}/topics/{topicName}', op: updateTopic },
  { method: 'DELETE', template: '/v1/clusters/{clusterArn}/topics/{topicName}', op: deleteTopic },
  { method: 'GET', template: '/v1/clusters/{clusterArn}/topics/{topicName}/partitions', op: describeTopicPartitions },
];
