/**
 * The kafkajs internals the raw requests stand on are still there in the installed kafkajs
 * (it is frozen at 2.2.4; this fails first if it is ever upgraded).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Kafka } from 'kafkajs';
import { clusterFactoryOf } from '../../../../src/kafka/protocol/rawRequest';

test('kafkajs is the frozen 2.2.4 the raw requests were written against', () => {
  const pkg = JSON.parse(readFileSync(require.resolve('kafkajs/package.json'), 'utf8')) as { version: string };
  assert.equal(pkg.version, '2.2.4');
});

test('a Kafka instance exposes the cluster factory, and its cluster has what raw requests call', () => {
  const kafka = new Kafka({ brokers: ['127.0.0.1:1'], clientId: 'raw-test' });
  const create = clusterFactoryOf(kafka);
  assert.ok(create, 'the private cluster factory is found');
  const cluster = create({ allowAutoTopicCreation: false }) as unknown as Record<string, unknown>;
  for (const method of [
    'connect',
    'disconnect',
    'addMultipleTargetTopics',
    'refreshMetadata',
    'findBroker',
    'findTopicPartitionMetadata',
  ]) {
    assert.equal(typeof cluster[method], 'function', `cluster.${method}`);
  }
  assert.ok('brokerPool' in cluster);
});
