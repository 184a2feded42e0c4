/** Errors a user meets against a real cluster: missing IAM permission, unreachable bootstrap. */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { KafkaCluster } from '../../../src/kafka/cluster';
import { isKafkaUserError } from '../../../src/kafka/errors';
import { closedPort, newPool, specFor, state } from './helpers';
import { uniqueName } from '../support/sandbox';

const pool = newPool();
after(() => pool.disposeAll());

describe('authorization', () => {
  test('the readonly IAM principal creating a topic gets kafka-cluster:CreateTopic on the topic ARN', async () => {
    const cluster = new KafkaCluster(pool, specFor('iam', 'readonly'));
    const name = uniqueName('it-kafka-denied');
    assert.ok((await cluster.listTopics()).length >= 0, 'readonly may list topics');
    const err = await cluster.createTopic({ name, partitions: 1, replicationFactor: 1 }).then(
      () => assert.fail('readonly must not create topics'),
      (e: unknown) => e,
    );
    assert.ok(isKafkaUserError(err), String(err));
    const { arn, name: clusterName } = state().clusters.provisioned;
    const uuid = arn.split('/').pop();
    const topicArn = `arn:aws:kafka:${state().region}:${state().accountId}:topic/${clusterName}/${uuid}/${name}`;
    assert.equal(err.code, 'Authorization');
    assert.equal(err.iamAction, 'kafka-cluster:CreateTopic');
    assert.equal(err.iamResource, topicArn);
    assert.ok(err.message.includes(`kafka-cluster:CreateTopic on ${topicArn}`), err.message);
    // Nothing was created.
    const admin = new KafkaCluster(pool, specFor('plaintext'));
    assert.ok(!(await admin.listTopics()).some((t) => t.name === name));
  });

  test('the readonly SCRAM principal gets the missing Kafka ACL instead', async () => {
    const cluster = new KafkaCluster(pool, specFor('scram', 'readonly'));
    const name = uniqueName('it-kafka-denied');
    await assert.rejects(cluster.createTopic({ name, partitions: 1, replicationFactor: 1 }), {
      code: 'Authorization',
      aclOperation: `CREATE on Topic:${name}`,
    });
  });
});

describe('unreachable brokers', () => {
  test('a closed bootstrap port fails quickly and names the address tried', async () => {
    const port = await closedPort();
    const address = `127.0.0.1:${port}`;
    const spec = specFor('plaintext', 'admin', { id: 'it-closed', label: 'closed', bootstrapServers: [address] });
    const started = Date.now();
    const err = await new KafkaCluster(pool, spec).listTopics().then(
      () => assert.fail('nothing listens there'),
      (e: unknown) => e,
    );
    const elapsed = Date.now() - started;
    assert.ok(isKafkaUserError(err), String(err));
    assert.equal(err.code, 'Unreachable');
    assert.match(err.message, new RegExp(`${address.replace(/\./g, '\\.')} refused the connection`));
    assert.match(err.hint ?? '', /public access/);
    assert.match(err.hint ?? '', /address map/);
    assert.ok(elapsed < 10_000, `took ${elapsed} ms`);
  });
});
