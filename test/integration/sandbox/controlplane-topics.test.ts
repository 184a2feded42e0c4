/**
 * MSK's topic operations of the sandbox control plane, called through the real
 * @aws-sdk/client-kafka (only `endpoint` changed, SigV4 checked) and checked against the real broker:
 * what the API lists and describes is what the broker has, and what it creates, updates and deletes
 * happens on the broker. `configs` has the form AWS's CLI guide shows (base64 of server.properties
 * lines). Both provisioned clusters (sandbox and sandbox-private) answer; serverless, unknown clusters
 * and topics, bad input and the readonly principal's writes are refused with MSK's error types, the
 * latter naming the `kafka-cluster:` action AWS's "Topic Operations" page requires.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import {
  CreateTopicCommand,
  DeleteTopicCommand,
  DescribeTopicCommand,
  DescribeTopicPartitionsCommand,
  KafkaClient,
  ListTopicsCommand,
  paginateListTopics,
  UpdateTopicCommand,
} from '@aws-sdk/client-kafka';
import { privateCluster } from '../../../sandbox/controlplane/privateCluster';
import { Cleanup, sandbox, uniqueName, withAdmin } from '../support/sandbox';
import { rejection } from '../support/sdkRejection';

type Who = 'admin' | 'readonly';

function client(who: Who = 'admin'): KafkaClient {
  const s = sandbox();
  const p = s.principals[who];
  return new KafkaClient({
    endpoint: s.controlPlaneEndpoint,
    region: s.region,
    credentials: { accessKeyId: p.accessKeyId, secretAccessKey: p.secretAccessKey },
    maxAttempts: 1,
  });
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
/** `configs` as AWS documents it: base64 of `name=value` lines (every line one, nothing else). */
function configsOf(encoded: string | undefined): Record<string, string> {
  const text = Buffer.from(encoded ?? '', 'base64').toString('utf8');
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([a-z0-9.]+)=(.*)$/.exec(line);
    assert.ok(m, `not a name=value line: ${JSON.stringify(line)}`);
    out[m[1]] = m[2];
  }
  return out;
}

async function brokerConfig(topic: string, name: string): Promise<string | undefined> {
  return withAdmin(async (admin) => {
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: 2, name: topic, configNames: [name] }],
    });
    return resources[0]?.configEntries.find((e) => e.configName === name)?.configValue;
  });
}

describe('MSK topic API of the sandbox control plane (real SDK, real broker)', () => {
  const cleanup = new Cleanup();
  const kafka = client();
  after(async () => {
    await cleanup.run();
    kafka.destroy();
  });

  for (const which of ['provisioned', 'private'] as const) {
    it(`${which}: lists and pages topics by name prefix, as the broker has them`, async () => {
      const s = sandbox();
      const arn = which === 'private' ? privateCluster(s).arn : s.clusters.provisioned.arn;
      const prefix = uniqueName(`h1-list-${which}`);
      const names = [`${prefix}-a`, `${prefix}-b`, `${prefix}-c`];
      for (const n of names) cleanup.topics.add(n);
      await withAdmin((admin) =>
        admin.createTopics({
          waitForLeaders: true,
          topics: names.map((topic, i) => ({ topic, numPartitions: i + 1, replicationFactor: 1 })),
        }),
      );
      const pages: string[][] = [];
      for await (const page of paginateListTopics(
        { client: kafka, pageSize: 2 },
        { ClusterArn: arn, TopicNameFilter: prefix },
      )) {
        pages.push((page.Topics ?? []).map((t) => t.TopicName ?? ''));
      }
      assert.deepEqual(pages, [names.slice(0, 2), names.slice(2)]);
      const one = await kafka.send(new ListTopicsCommand({ ClusterArn: arn, TopicNameFilter: names[2] }));
      const clusterPart = arn.split(':cluster/')[1];
      assert.deepEqual(one.Topics, [
        {
          TopicArn: `arn:aws:kafka:${s.region}:${s.accountId}:topic/${clusterPart}/${names[2]}`,
          TopicName: names[2],
          PartitionCount: 3,
          ReplicationFactor: 1,
          OutOfSyncReplicaCount: 0,
        },
      ]);
    });
  }

  it('describes a topic (configs as base64 name=value lines) and its partitions with leader, replicas and ISR', async () => {
    const arn = privateCluster(sandbox()).arn;
    const topic = await cleanup.createTopic('h1-describe', 2);
    await withAdmin((admin) =>
      admin.alterConfigs({
        validateOnly: false,
        resources: [{ type: 2, name: topic, configEntries: [{ name: 'retention.ms', value: '3600000' }] }],
      }),
    );
    const d = await kafka.send(new DescribeTopicCommand({ ClusterArn: arn, TopicName: topic }));
    assert.equal(d.TopicName, topic);
    assert.equal(d.PartitionCount, 2);
    assert.equal(d.ReplicationFactor, 1);
    assert.equal(d.Status, 'ACTIVE');
    const configs = configsOf(d.Configs);
    assert.equal(configs['retention.ms'], '3600000');
    assert.equal(configs['cleanup.policy'], 'delete');
    const meta = await withAdmin((admin) => admin.fetchTopicMetadata({ topics: [topic] }));
    const p = await kafka.send(new DescribeTopicPartitionsCommand({ ClusterArn: arn, TopicName: topic }));
    assert.deepEqual(
      p.Partitions,
      meta.topics[0].partitions
        .sort((a, b) => a.partitionId - b.partitionId)
        .map((x) => ({
          Partition: x.partitionId,
          Leader: x.leader,
          Replicas: x.replicas,
          Isr: x.isr,
        })),
    );
  });

  it('creates, updates (configs and partitions) and deletes a topic on the real broker', async () => {
    const arn = privateCluster(sandbox()).arn;
    const topic = uniqueName('h1-crud');
    cleanup.topics.add(topic);
    const created = await kafka.send(
      new CreateTopicCommand({
        ClusterArn: arn,
        TopicName: topic,
        PartitionCount: 2,
        ReplicationFactor: 1,
        Configs: b64('retention.ms=7200000\nmax.message.bytes=2000000'),
      }),
    );
    assert.equal(created.Status, 'CREATING');
    assert.equal(created.TopicName, topic);
    assert.equal(await brokerConfig(topic, 'retention.ms'), '7200000');
    assert.equal(await brokerConfig(topic, 'max.message.bytes'), '2000000');

    const again = await rejection(
      kafka.send(
        new CreateTopicCommand({ ClusterArn: arn, TopicName: topic, PartitionCount: 1, ReplicationFactor: 1 }),
      ),
    );
    assert.equal(again.name, 'TopicExistsException');
    assert.equal(again.$metadata?.httpStatusCode, 409);

    // A JSON object (claimed by one third-party source) is read too; other overrides are kept.
    const updated = await kafka.send(
      new UpdateTopicCommand({
        ClusterArn: arn,
        TopicName: topic,
        PartitionCount: 3,
        Configs: b64(JSON.stringify({ 'cleanup.policy': 'compact' })),
      }),
    );
    assert.equal(updated.Status, 'UPDATING');
    assert.equal(await brokerConfig(topic, 'cleanup.policy'), 'compact');
    assert.equal(await brokerConfig(topic, 'retention.ms'), '7200000');
    assert.equal(await brokerConfig(topic, 'max.message.bytes'), '2000000');
    const meta = await withAdmin((admin) => admin.fetchTopicMetadata({ topics: [topic] }));
    assert.equal(meta.topics[0].partitions.length, 3);

    const shrink = await rejection(
      kafka.send(new UpdateTopicCommand({ ClusterArn: arn, TopicName: topic, PartitionCount: 1 })),
    );
    assert.equal(shrink.name, 'BadRequestException');
    assert.match(shrink.message, /can only grow/);

    const deleted = await kafka.send(new DeleteTopicCommand({ ClusterArn: arn, TopicName: topic }));
    assert.equal(deleted.Status, 'DELETING');
    cleanup.topics.delete(topic);
    const left = await withAdmin((admin) => admin.listTopics());
    assert.equal(left.includes(topic), false);
  });

  it('refuses what MSK refuses: serverless, unknown cluster and topic, bad names and configs', async () => {
    const s = sandbox();
    const serverless = await rejection(kafka.send(new ListTopicsCommand({ ClusterArn: s.clusters.serverless.arn })));
    assert.equal(serverless.name, 'BadRequestException');
    assert.match(serverless.message, /not supported for serverless clusters/);

    const gone = `arn:aws:kafka:${s.region}:${s.accountId}:cluster/nope/00000000-0000-0000-0000-000000000000-1`;
    const unknownCluster = await rejection(kafka.send(new ListTopicsCommand({ ClusterArn: gone })));
    assert.equal(unknownCluster.name, 'NotFoundException');

    const arn = s.clusters.provisioned.arn;
    const missing = uniqueName('h1-missing');
    for (const call of [
      new DescribeTopicCommand({ ClusterArn: arn, TopicName: missing }),
      new DescribeTopicPartitionsCommand({ ClusterArn: arn, TopicName: missing }),
      new DeleteTopicCommand({ ClusterArn: arn, TopicName: missing }),
    ]) {
      const err = await rejection(kafka.send(call));
      assert.equal(err.name, 'UnknownTopicOrPartitionException');
      assert.equal(err.$metadata?.httpStatusCode, 404);
    }

    const badName = await rejection(
      kafka.send(
        new CreateTopicCommand({ ClusterArn: arn, TopicName: 'bad name!', PartitionCount: 1, ReplicationFactor: 1 }),
      ),
    );
    assert.equal(badName.name, 'BadRequestException');
    const badConfigs = await rejection(
      kafka.send(
        new CreateTopicCommand({
          ClusterArn: arn,
          TopicName: uniqueName('h1-badcfg'),
          PartitionCount: 1,
          ReplicationFactor: 1,
          Configs: 'not base64 at all!',
        }),
      ),
    );
    assert.equal(badConfigs.name, 'BadRequestException');
    assert.match(badConfigs.message, /Base64/);
  });

  it('lets the readonly principal read topics; its writes name the kafka-cluster action it lacks and the topic', async () => {
    const s = sandbox();
    const arn = s.clusters.provisioned.arn;
    const topic = await cleanup.createTopic('h1-readonly');
    const ro = client('readonly');
    const fresh = uniqueName('h1-readonly-new');
    try {
      const listed = await ro.send(new ListTopicsCommand({ ClusterArn: arn, TopicNameFilter: topic }));
      assert.deepEqual(
        listed.Topics?.map((t) => t.TopicName),
        [topic],
      );
      const described = await ro.send(new DescribeTopicCommand({ ClusterArn: arn, TopicName: topic }));
      assert.equal(described.TopicName, topic);
      const parts = await ro.send(new DescribeTopicPartitionsCommand({ ClusterArn: arn, TopicName: topic }));
      assert.equal(parts.Partitions?.length, 1);
      const topicArnOf = (name: string) =>
        `arn:aws:kafka:${s.region}:${s.accountId}:topic/${arn.split(':cluster/')[1]}/${name}`;
      for (const [call, action, resource] of [
        [
          () =>
            ro.send(
              new CreateTopicCommand({ ClusterArn: arn, TopicName: fresh, PartitionCount: 1, ReplicationFactor: 1 }),
            ),
          'kafka-cluster:CreateTopic',
          topicArnOf(fresh),
        ],
        [
          () => ro.send(new UpdateTopicCommand({ ClusterArn: arn, TopicName: topic, PartitionCount: 2 })),
          'kafka-cluster:AlterTopic',
          topicArnOf(topic),
        ],
        [
          () => ro.send(new DeleteTopicCommand({ ClusterArn: arn, TopicName: topic })),
          'kafka-cluster:DeleteTopic',
          topicArnOf(topic),
        ],
      ] as const) {
        const err = await rejection(call());
        assert.equal(err.name, 'ForbiddenException');
        assert.equal(err.$metadata?.httpStatusCode, 403);
        assert.equal(
          err.message,
          `User: arn:aws:iam::${s.accountId}:user/${s.principals.readonly.name} is not authorized to perform: ${action} on resource: ${resource}`,
        );
      }
      assert.equal((await withAdmin((admin) => admin.listTopics())).includes(fresh), false);
      const still = await withAdmin((admin) => admin.fetchTopicMetadata({ topics: [topic] }));
      assert.equal(still.topics[0].partitions.length, 1);
    } finally {
      ro.destroy();
      // Only if the refused create happened after all (the assertion above then failed).
      await withAdmin(async (admin) => {
        if ((await admin.listTopics()).includes(fresh)) await admin.deleteTopics({ topics: [fresh] });
      });
    }
  });
});
