/**
 * The explorer's backend exactly as the extension drives it: the sandbox's AWS profile and
 * files, MSK discovery through the SigV4-checked control plane, IAM-signed kafkajs to the broker.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import type { AwsScope } from '../../../src/services/backend';
import type { ClusterRef } from '../../../src/services/clusterModel';
import { MskBackend, manualPasswordKey } from '../../../src/services/mskBackend';
import { privateCluster } from '../../../sandbox/controlplane/privateCluster';
import { expressCluster } from '../../../sandbox/controlplane/expressCluster';
import { backendWith, sandboxSettings } from '../support/backend';
import { Cleanup, kafkaConfig, sandbox, uniqueName } from '../support/sandbox';

async function allClusters(
  backend: MskBackend,
  scope: AwsScope,
  pageSize: number,
): Promise<{ clusters: ClusterRef[]; pages: number }> {
  const clusters: ClusterRef[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await backend.listClusters(scope, token, pageSize);
    clusters.push(...page.items);
    token = page.nextToken;
    pages += 1;
  } while (token);
  return { clusters, pages };
}

describe('explorer backend against the sandbox', () => {
  const cleanup = new Cleanup();
  const backend = backendWith(sandboxSettings());
  let scope: AwsScope;
  let provisioned: ClusterRef;
  let serverless: ClusterRef;

  before(async () => {
    const scopes = await backend.scopes();
    assert.equal(scopes.length, 1);
    scope = scopes[0]!;
    const { clusters } = await allClusters(backend, scope, 100);
    provisioned = clusters.find((c) => c.type === 'PROVISIONED')!;
    serverless = clusters.find((c) => c.type === 'SERVERLESS')!;
  });

  after(async () => {
    await backend.dispose();
    await cleanup.run();
  });

  it('reads the AWS scope from the sandbox profile: its region and the endpoint from endpoint_url', () => {
    const st = sandbox();
    assert.equal(scope.profile, st.aws.profile);
    assert.equal(scope.region, st.region);
    assert.equal(scope.endpoint, st.controlPlaneEndpoint);
  });

  it('lists both clusters page by page with type, state, version and auth modes', async () => {
    const st = sandbox();
    const { clusters, pages } = await allClusters(backend, scope, 1);
    assert.ok(pages >= 2, `a page size of 1 must span several pages, got ${pages}`);
    assert.deepEqual(
      clusters.map((c) => c.arn).sort(),
      [st.clusters.provisioned.arn, st.clusters.serverless.arn, privateCluster(st).arn, expressCluster(st).arn].sort(),
    );
    assert.equal(provisioned.name, st.clusters.provisioned.name);
    assert.equal(provisioned.state, 'ACTIVE');
    assert.equal(provisioned.kafkaVersion, st.kafkaVersion);
    assert.deepEqual(provisioned.authModes, ['iam', 'scram', 'tls', 'unauthenticated']);
    assert.deepEqual(serverless.authModes, ['iam']);
  });

  it('connects to the provisioned cluster with IAM and shows its brokers merged with MSK node details', async () => {
    const st = sandbox();
    assert.equal(await backend.bootstrapServers(provisioned), st.listeners.iam);
    const brokers = await backend.ops(provisioned).brokers();
    assert.equal(brokers.length, 1);
    const [broker] = brokers;
    assert.equal(`${broker.host}:${broker.port}`, st.listeners.iam);
    assert.equal(broker.isController, true);
    assert.ok(broker.instanceType?.startsWith('kafka.'), 'ListNodes details are merged in');
  });

  it('shows a topic with its partitions, leaders and the offsets of what was produced', async () => {
    const topic = await cleanup.createTopic('backend-topic', 2);
    const producer = new Kafka({ ...kafkaConfig(sandbox(), 'plaintext'), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    await producer.send({ topic, messages: [0, 1, 2].map((i) => ({ partition: 1, value: `m${i}` })) });
    await producer.disconnect();
    const ops = backend.ops(provisioned);
    const topics = await ops.topics();
    const row = topics.find((t) => t.name === topic);
    assert.deepEqual(row, {
      name: topic,
      partitions: 2,
      replicationFactor: 1,
      underReplicated: false,
      internal: false,
    });
    assert.ok(
      topics.some((t) => t.internal && t.name === '__consumer_offsets'),
      'internal topics are marked',
    );
    const partitions = await ops.partitions(topic);
    assert.deepEqual(
      partitions.map((p) => [p.partition, p.leader, p.earliest, p.latest]),
      [
        [0, 1, '0', '0'],
        [1, 1, '0', '3'],
      ],
    );
  });

  it('creates a topic with an override, changes one override keeping the other, and deletes it', async () => {
    const name = uniqueName('backend-create');
    cleanup.topics.add(name);
    const input = {
      name,
      partitions: 3,
      replicationFactor: 1,
      configs: { 'retention.ms': '3600000', 'cleanup.policy': 'compact' },
    };
    assert.deepEqual(await backend.validateTopic(provisioned, input), []);
    assert.ok(
      (await backend.validateTopic(provisioned, { ...input, replicationFactor: 3 })).length > 0,
      'RF above the broker count is refused before sending',
    );
    await backend.createTopic(provisioned, input);
    const ops = backend.ops(provisioned);
    await backend.setTopicConfig(provisioned, name, 'retention.ms', '7200000');
    const config = await ops.topicConfig(name);
    const overrides = Object.fromEntries(config.filter((c) => c.isOverride).map((c) => [c.name, c.value]));
    assert.deepEqual(overrides, { 'retention.ms': '7200000', 'cleanup.policy': 'compact' });
    assert.equal(config.find((c) => c.name === 'segment.bytes')?.isOverride, false);
    await backend.deleteTopic(provisioned, name);
    cleanup.topics.delete(name);
    assert.equal(
      (await ops.topics()).some((t) => t.name === name),
      false,
    );
  });

  it('lists consumer groups with state and members', async () => {
    const groups = await backend.ops(provisioned).groups();
    const connect = groups.find((g) => g.protocolType === 'connect');
    assert.ok(connect, 'the Connect worker group is listed');
    assert.equal(connect.state, 'Stable');
    assert.ok(connect.members >= 1);
  });

  it('maps the MSK Connect connectors of the cluster with their real states', async () => {
    const connectors = await backend.ops(provisioned).connectors();
    const states = Object.fromEntries(connectors.map((c) => [c.name, c.state]));
    assert.deepEqual(states, {
      'sandbox-file-source': 'RUNNING',
      'sandbox-file-sink': 'RUNNING',
      'sandbox-broken-sink': 'FAILED',
    });
    assert.ok(connectors.every((c) => c.plugin && c.capacity && c.kafkaConnectVersion));
    assert.deepEqual(
      await backend.ops(serverless).connectors(),
      [],
      'connectors point at the provisioned cluster only',
    );
  });

  it('connects to the serverless cluster over its own IAM listener', async () => {
    assert.equal(await backend.bootstrapServers(serverless), sandbox().listeners.serverlessIam);
    const topics = await backend.ops(serverless).topics();
    assert.ok(topics.length > 0);
  });

  it('describes the cluster as MSK returns it', async () => {
    const description = (await backend.describeCluster(provisioned)) as {
      ClusterInfo?: { ClusterArn?: string; ClusterName?: string };
    };
    assert.equal(description.ClusterInfo?.ClusterArn, provisioned.arn);
    assert.equal(description.ClusterInfo?.ClusterName, provisioned.name);
  });

  it('uses SCRAM with the Secrets Manager secret when SCRAM is preferred', async () => {
    const scram = backendWith(sandboxSettings({ preferredAuth: 'scram' }));
    try {
      const [s] = await scram.scopes();
      const { clusters } = await allClusters(scram, s, 100);
      const cluster = clusters.find((c) => c.type === 'PROVISIONED')!;
      assert.equal(await scram.bootstrapServers(cluster), sandbox().listeners.scram);
      assert.ok((await scram.ops(cluster).topics()).length > 0);
    } finally {
      await scram.dispose();
    }
  });

  it('refuses topic creation for the readonly profile, naming the IAM action and the topic', async () => {
    const ro = backendWith(sandboxSettings({ awsProfile: sandbox().aws.readonlyProfile }));
    try {
      const [s] = await ro.scopes();
      const { clusters } = await allClusters(ro, s, 100);
      const cluster = clusters.find((c) => c.type === 'PROVISIONED')!;
      assert.ok((await ro.ops(cluster).topics()).length > 0, 'readonly may describe topics');
      const name = uniqueName('backend-denied');
      await assert.rejects(
        ro.createTopic(cluster, { name, partitions: 1, replicationFactor: 1, configs: {} }),
        (err: Error) => err.message.includes('kafka-cluster:CreateTopic') && err.message.includes(name),
      );
    } finally {
      await ro.dispose();
    }
  });

  it('connects manual connections (plaintext and SCRAM with the password from secret storage)', async () => {
    const st = sandbox();
    const settings = sandboxSettings({
      connections: [
        { id: 'plain', name: 'local plaintext', bootstrapServers: st.listeners.plaintext, auth: 'plaintext' },
        {
          id: 'scram',
          name: 'local scram',
          bootstrapServers: st.listeners.scram,
          auth: 'scram-sha-512',
          username: st.principals.admin.scramUser,
          caFile: st.caFile,
        },
      ],
    });
    const manual = backendWith(settings, { [manualPasswordKey('scram')]: st.principals.admin.scramPassword });
    try {
      const refs = manual.manualClusters();
      assert.deepEqual(
        refs.map((r) => [r.key, r.type, r.authModes[0]]),
        [
          ['manual:plain', 'SELF_MANAGED', 'unauthenticated'],
          ['manual:scram', 'SELF_MANAGED', 'scram'],
        ],
      );
      for (const ref of refs) {
        const brokers = await manual.ops(ref).brokers();
        assert.equal(brokers.length, 1, `${ref.name} reaches the broker`);
      }
    } finally {
      await manual.dispose();
    }
  });

  it('says which profile is missing instead of failing silently', async () => {
    const missing = backendWith(sandboxSettings({ awsProfile: 'no-such-profile' }));
    await assert.rejects(missing.scopes(), /The AWS profile “no-such-profile” is not in/);
    await missing.dispose();
  });
});
