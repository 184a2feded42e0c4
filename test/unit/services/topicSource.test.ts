/**
 * Where a cluster's topics come from (msk.topics.source): the brokers, or MSK's topic API when the
 * brokers cannot be reached — decided per cluster, remembered until Refresh, never on auth errors.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { ClusterRef } from '../../../src/services/clusterModel';
import type { TopicsSourceSetting } from '../../../src/services/settingsModel';
import { mskTopicApiSupport, TopicSource } from '../../../src/services/topicSource';
import { UserError } from '../../../src/shared/errors';

const provisioned: ClusterRef = {
  key: 'arn:aws:kafka:us-east-1:123456789012:cluster/orders/abc-1',
  arn: 'arn:aws:kafka:us-east-1:123456789012:cluster/orders/abc-1',
  name: 'orders',
  source: 'msk',
  type: 'PROVISIONED',
  kafkaVersion: '3.9.x',
  authModes: ['iam'],
};
const serverless: ClusterRef = { ...provisioned, key: 'sl', arn: 'arn:sl', name: 'events', type: 'SERVERLESS' };
const old: ClusterRef = { ...provisioned, key: 'old', name: 'legacy', kafkaVersion: '3.5.1' };

const unreachable = () =>
  new UserError('Could not reach orders: 10.0.1.5:9098 did not answer in time.', {
    code: 'Unreachable',
    hint: 'Open a tunnel.',
    actions: [{ title: 'Diagnose Connection…', command: 'msk.diagnoseConnection' }],
  });

/** A source with a setting, and counters of which path ran. */
function harness(setting: TopicsSourceSetting = 'auto') {
  const calls = { kafka: 0, api: 0 };
  const source = new TopicSource({ setting: () => setting });
  const run = (cluster: ClusterRef, kafka: () => Promise<string>) =>
    source.run(
      cluster,
      () => {
        calls.kafka++;
        return kafka();
      },
      () => {
        calls.api++;
        return Promise.resolve('api');
      },
    );
  return { source, calls, run };
}

describe('topic source', () => {
  it('auto: reads the brokers while they answer, and says so', async () => {
    const h = harness();
    assert.equal(await h.run(provisioned, () => Promise.resolve('kafka')), 'kafka');
    assert.deepEqual(h.calls, { kafka: 1, api: 0 });
    assert.equal(h.source.info(provisioned)?.kind, 'kafka');
  });

  it('auto: falls back to the MSK API when the brokers cannot be reached, and remembers it until Refresh', async () => {
    const h = harness();
    assert.equal(await h.run(provisioned, () => Promise.reject(unreachable())), 'api');
    assert.deepEqual(h.source.info(provisioned), {
      kind: 'mskApi',
      reason: 'the brokers cannot be reached from this machine',
    });
    // Next read: straight to the API, no second wait on the brokers.
    assert.equal(await h.run(provisioned, () => Promise.reject(unreachable())), 'api');
    assert.deepEqual(h.calls, { kafka: 1, api: 2 });
    h.source.forget();
    assert.equal(h.source.info(provisioned), undefined);
    assert.equal(await h.run(provisioned, () => Promise.resolve('kafka')), 'kafka');
    assert.deepEqual(h.calls, { kafka: 2, api: 2 });
  });

  it('auto: an auth or permission error is shown as it is, never hidden behind the API', async () => {
    const h = harness();
    const denied = new UserError('Not authorized to list topics.', { code: 'Authorization' });
    await assert.rejects(
      h.run(provisioned, () => Promise.reject(denied)),
      (err) => err === denied,
    );
    const signIn = new UserError('orders refused the IAM sign-in.', { code: 'Authentication' });
    await assert.rejects(
      h.run(provisioned, () => Promise.reject(signIn)),
      (err) => err === signIn,
    );
    assert.equal(h.calls.api, 0);
  });

  it('auto: serverless and Kafka before 3.6 keep the broker error and say why there is no API path', async () => {
    for (const [cluster, why] of [
      [serverless, /MSK Serverless cluster: MSK's topic API serves provisioned clusters only/],
      [old, /runs Kafka 3\.5\.1: MSK's topic API needs Kafka 3\.6 or later/],
    ] as const) {
      const h = harness();
      await assert.rejects(
        h.run(cluster, () => Promise.reject(unreachable())),
        (err: UserError) =>
          err.code === 'Unreachable' &&
          /did not answer in time/.test(err.message) &&
          why.test(err.hint ?? '') &&
          err.actions.some((a) => a.command === 'msk.diagnoseConnection'),
      );
      assert.equal(h.calls.api, 0);
    }
  });

  it('kafka: never uses the API, even with the brokers out of reach', async () => {
    const h = harness('kafka');
    await assert.rejects(
      h.run(provisioned, () => Promise.reject(unreachable())),
      /did not answer in time/,
    );
    assert.deepEqual(h.calls, { kafka: 1, api: 0 });
  });

  it('mskApi: always the API for provisioned 3.6+, and a plain refusal for clusters without it', async () => {
    const h = harness('mskApi');
    assert.equal(await h.run(provisioned, () => Promise.resolve('kafka')), 'api');
    assert.deepEqual(h.source.info(provisioned), { kind: 'mskApi', reason: 'msk.topics.source is "mskApi"' });
    await assert.rejects(
      h.run(serverless, () => Promise.resolve('kafka')),
      (err: UserError) =>
        err.code === 'NoTopicApi' &&
        err.message === 'The MSK API cannot list the topics of events.' &&
        /provisioned clusters only/.test(err.hint ?? '') &&
        err.actions[0]?.args?.[0] === 'msk.topics.source',
    );
    assert.deepEqual(h.calls, { kafka: 0, api: 1 });
  });

  it('knows which clusters have the topic API', () => {
    assert.deepEqual(mskTopicApiSupport(provisioned), { ok: true });
    assert.deepEqual(mskTopicApiSupport({ ...provisioned, kafkaVersion: '3.6.0' }), { ok: true });
    assert.deepEqual(mskTopicApiSupport({ ...provisioned, kafkaVersion: '4.1.x' }), { ok: true });
    assert.equal(mskTopicApiSupport({ ...provisioned, kafkaVersion: '2.8.1' }).ok, false);
    assert.equal(mskTopicApiSupport(serverless).ok, false);
    const manual: ClusterRef = {
      key: 'manual:x',
      name: 'local',
      source: 'manual',
      type: 'SELF_MANAGED',
      authModes: [],
    };
    assert.match(
      (mskTopicApiSupport(manual) as { reason: string }).reason,
      /local is a manual connection: only MSK clusters/,
    );
  });
});
