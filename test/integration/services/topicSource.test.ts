/**
 * The explorer backend's topic source against the sandbox, as the extension drives it (the
 * sandbox's AWS profile, SigV4-checked control plane, the real broker behind it):
 *  - sandbox-private (MSK API answers, brokers black-holed): in `auto` the Topics folder falls back
 *    to the MSK API after the brokers time out, and topics, partitions and configuration come from
 *    it; create / set config / delete go through it and happen on the real broker;
 *  - the brokers' own features (here: describing a topic for a tail) say the brokers cannot be
 *    reached from this machine and offer Diagnose Connection and the tunnel settings;
 *  - `mskApi` / `kafka` on the reachable provisioned cluster, serverless refused plainly, and the
 *    readonly profile's writes refused naming the kafka-cluster action AWS's "Topic Operations" page
 *    requires, with a policy statement holding every action the operation needs.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type { ClusterRef } from '../../../src/services/clusterModel';
import type { MskBackend } from '../../../src/services/mskBackend';
import { isUserError, type UserError } from '../../../src/shared/errors';
import { backendWith, sandboxSettings } from '../support/backend';
import { Cleanup, sandbox, uniqueName, withAdmin } from '../support/sandbox';

async function clusters(backend: MskBackend): Promise<Record<'provisioned' | 'serverless' | 'private', ClusterRef>> {
  const [scope] = await backend.scopes();
  const page = await backend.listClusters(scope, undefined, 100);
  const find = (pred: (c: ClusterRef) => boolean) => {
    const c = page.items.find(pred);
    assert.ok(c, 'cluster missing from the sandbox listing');
    return c;
  };
  const st = sandbox();
  return {
    provisioned: find((c) => c.arn === st.clusters.provisioned.arn),
    serverless: find((c) => c.arn === st.clusters.serverless.arn),
    private: find((c) => c.name === 'sandbox-private'),
  };
}

async function rejection(p: Promise<unknown>): Promise<UserError> {
  try {
    await p;
  } catch (err) {
    assert.ok(isUserError(err), `not a UserError: ${String(err)}`);
    return err;
  }
  assert.fail('expected a refusal');
}

describe('topic source: brokers out of reach (sandbox-private, auto)', () => {
  const cleanup = new Cleanup();
  const backend = backendWith(sandboxSettings());
  let priv: ClusterRef;
  let topic: string;

  before(async () => {
    priv = (await clusters(backend)).private;
    topic = await cleanup.createTopic('h1-src', 2);
    await withAdmin((admin) =>
      admin.alterConfigs({
        validateOnly: false,
        resources: [{ type: 2, name: topic, configEntries: [{ name: 'retention.ms', value: '5400000' }] }],
      }),
    );
  });
  after(async () => {
    await backend.dispose();
    await cleanup.run();
  });

  it('lists the topics through the MSK API once the brokers time out, and says where they came from', async () => {
    const ops = backend.ops(priv);
    assert.equal(ops.topicSource?.(), undefined);
    const rows = await ops.topics();
    assert.deepEqual(
      rows.find((r) => r.name === topic),
      { name: topic, partitions: 2, replicationFactor: 1, underReplicated: false, internal: false },
    );
    assert.deepEqual(backend.ops(priv).topicSource?.(), {
      kind: 'mskApi',
      reason: 'the brokers cannot be reached from this machine',
    });
  });

  it('describes partitions (leader, replicas, ISR; no offsets) and configuration through the API', async () => {
    const ops = backend.ops(priv);
    const meta = await withAdmin((admin) => admin.fetchTopicMetadata({ topics: [topic] }));
    assert.deepEqual(
      await ops.partitions(topic),
      meta.topics[0].partitions
        .sort((a, b) => a.partitionId - b.partitionId)
        .map((p) => ({
          partition: p.partitionId,
          leader: p.leader,
          replicas: p.replicas,
          isr: p.isr,
          earliest: '',
          latest: '',
        })),
    );
    const config = await ops.topicConfig(topic);
    assert.deepEqual(
      config.find((c) => c.name === 'retention.ms'),
      {
        name: 'retention.ms',
        value: '5400000',
        source: 'MSK API',
        isOverride: false,
        isSensitive: false,
        readOnly: false,
      },
    );
  });

  it('creates, configures and deletes a topic through the API, on the real broker', async () => {
    const name = uniqueName('h1-src-crud');
    cleanup.topics.add(name);
    const input = { name, partitions: 3, replicationFactor: 1, configs: { 'cleanup.policy': 'compact' } };
    assert.deepEqual(await backend.validateTopic(priv, input), []);
    await backend.createTopic(priv, input);
    const meta = await withAdmin((admin) => admin.fetchTopicMetadata({ topics: [name] }));
    assert.equal(meta.topics[0].partitions.length, 3);
    const problems = await backend.validateTopic(priv, input);
    assert.ok(
      problems.some((p) => p.includes(name)),
      `expected "already exists": ${problems.join(' ')}`,
    );

    await backend.setTopicConfig(priv, name, 'retention.ms', '600000');
    const overrides = await withAdmin(async (admin) => {
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: 2, name, configNames: ['retention.ms', 'cleanup.policy'] }],
      });
      return Object.fromEntries(resources[0].configEntries.map((e) => [e.configName, e.configValue]));
    });
    assert.deepEqual(overrides, { 'retention.ms': '600000', 'cleanup.policy': 'compact' });

    const removal = await rejection(backend.setTopicConfig(priv, name, 'retention.ms', null));
    assert.equal(removal.code, 'NoTopicApi');
    assert.match(removal.message, /The MSK API cannot remove the setting retention\.ms/);

    await backend.deleteTopic(priv, name);
    cleanup.topics.delete(name);
    assert.equal((await withAdmin((admin) => admin.listTopics())).includes(name), false);
  });

  it('a tail cannot start: the brokers cannot be reached from this machine, with Diagnose and tunnel settings', async () => {
    const kafka = await backend.kafka(priv);
    const err = await rejection(kafka.describeTopic(topic));
    assert.equal(err.code, 'Unreachable');
    assert.match(err.message, /Its brokers cannot be reached from this machine\./);
    const diagnose = err.actions.find((a) => a.command === 'msk.diagnoseConnection');
    assert.ok(diagnose, 'no Diagnose Connection button');
    const arg = diagnose.args?.[0] as { kind: string; cluster: { key: string; name: string } };
    assert.equal(arg.kind, 'diagnoseConnection');
    assert.equal(arg.cluster.key, priv.key);
    assert.equal(arg.cluster.name, 'sandbox-private');
    // Plain JSON: it survives a JSON round trip unchanged.
    assert.deepEqual(JSON.parse(JSON.stringify(diagnose.args)), diagnose.args);
    assert.ok(
      err.actions.some((a) => a.command === 'workbench.action.openSettings' && a.args?.[0] === 'msk.sshTunnels'),
    );
  });
});

describe('topic source: the setting, serverless, and IAM refusals', () => {
  const cleanup = new Cleanup();
  const st = sandbox();
  const api = backendWith(sandboxSettings({ topicsSource: 'mskApi' }));
  const brokers = backendWith(sandboxSettings({ topicsSource: 'kafka' }));
  const readonly = backendWith(sandboxSettings({ topicsSource: 'mskApi', awsProfile: st.aws.readonlyProfile }));
  after(async () => {
    await Promise.all([api.dispose(), brokers.dispose(), readonly.dispose()]);
    await cleanup.run();
  });

  it('mskApi reads the provisioned cluster through the API; kafka through the brokers (same topics)', async () => {
    const topic = await cleanup.createTopic('h1-setting', 2);
    const c = await clusters(api);
    const viaApi = (await api.ops(c.provisioned).topics()).find((t) => t.name === topic);
    assert.equal(api.ops(c.provisioned).topicSource?.()?.kind, 'mskApi');
    const viaKafka = (await brokers.ops(c.provisioned).topics()).find((t) => t.name === topic);
    assert.equal(brokers.ops(c.provisioned).topicSource?.()?.kind, 'kafka');
    assert.deepEqual(viaApi, viaKafka);
  });

  it('mskApi on a serverless cluster says plainly that only the broker path exists', async () => {
    const c = await clusters(api);
    const err = await rejection(api.ops(c.serverless).topics());
    assert.equal(err.code, 'NoTopicApi');
    assert.match(err.hint ?? '', /MSK Serverless cluster: MSK's topic API serves provisioned clusters only/);
  });

  it('the readonly profile may list but not delete: kafka-cluster:DeleteTopic on the topic ARN, and a policy for it', async () => {
    const topic = await cleanup.createTopic('h1-ro');
    const c = await clusters(readonly);
    assert.ok((await readonly.ops(c.provisioned).topics()).some((t) => t.name === topic));
    const err = await rejection(readonly.deleteTopic(c.provisioned, topic));
    assert.equal(err.code, 'access-denied');
    const topicArn = `arn:aws:kafka:${st.region}:${st.accountId}:topic/${c.provisioned.arn!.split(':cluster/')[1]}/${topic}`;
    assert.match(err.message, new RegExp(`lacks the IAM permission kafka-cluster:DeleteTopic on ${topicArn}\\.$`));
    assert.match(err.hint ?? '', /^MSK's DeleteTopic needs kafka-cluster:Connect, kafka-cluster:DescribeTopic and/);
    const copy = err.actions.find((a) => a.command === 'msk.copyIamPolicyStatement');
    assert.ok(copy, 'no Copy IAM Policy Statement');
    assert.deepEqual(JSON.parse(String(copy.args?.[0])), {
      Effect: 'Allow',
      Action: ['kafka-cluster:Connect', 'kafka-cluster:DescribeTopic', 'kafka-cluster:DeleteTopic'],
      Resource: [c.provisioned.arn, topicArn],
    });
    assert.equal((await withAdmin((admin) => admin.listTopics())).includes(topic), true);
  });
});
