/**
 * Brokers that cannot be reached from this machine (a private MSK cluster seen from a laptop): the
 * error says so, puts the tunnel first for a silent address, and carries the buttons the services
 * attached to the connection (Diagnose Connection, the tunnel settings) — plain JSON data.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { KafkaJSConnectionError, KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded } from 'kafkajs';
import type { KafkaConnectionSpec } from '../../../src/kafka/connection';
import { toKafkaUserError } from '../../../src/kafka/errors';
import { brokersUnreachableActions } from '../../../src/shared/errorActions';

const cluster = {
  key: 'arn:aws:kafka:eu-west-1:123456789012:cluster/orders/abc-1',
  name: 'orders',
  source: 'msk',
  creationTime: new Date('2026-01-02T03:04:05Z'),
};
const spec: KafkaConnectionSpec = {
  id: 'orders|iam|private',
  label: 'orders',
  bootstrapServers: ['b-1.orders.kafka.eu-west-1.amazonaws.com:9098'],
  auth: { kind: 'iam', region: 'eu-west-1', credentials: () => Promise.reject(new Error('unused')) },
  tls: true,
  clusterArn: cluster.key,
  unreachableActions: brokersUnreachableActions(cluster),
};

function retried(e: Error): Error {
  const Ctor = KafkaJSNonRetriableError as unknown as new (e: Error, meta: { cause: unknown }) => Error;
  return new Ctor(new KafkaJSNumberOfRetriesExceeded(e, { retryCount: 5, retryTime: 3000 }), { cause: e });
}

describe('brokers unreachable from this machine', () => {
  it('a connection time-out says so, tunnel first, with Diagnose Connection and the tunnel settings', () => {
    const timeout = new KafkaJSConnectionError('Connection timeout', {
      broker: 'b-1.orders.kafka.eu-west-1.amazonaws.com:9098',
    });
    const mapped = toKafkaUserError(retried(timeout), { spec, operation: 'consume', topic: 't' });
    assert.equal(mapped.code, 'Unreachable');
    assert.equal(
      mapped.message,
      'Could not reach orders: b-1.orders.kafka.eu-west-1.amazonaws.com:9098 did not answer in time (tried b-1.orders.kafka.eu-west-1.amazonaws.com:9098). Its brokers cannot be reached from this machine.',
    );
    assert.match(mapped.hint ?? '', /^MSK brokers are reachable only inside their VPC/);
    assert.deepEqual(
      mapped.actions.map((a) => [a.title, a.command, a.args]),
      [
        [
          'Diagnose Connection…',
          'msk.diagnoseConnection',
          [
            {
              kind: 'diagnoseConnection',
              cluster: { key: cluster.key, name: 'orders', source: 'msk', creationTime: '2026-01-02T03:04:05.000Z' },
            },
          ],
        ],
        ['Open Settings', 'workbench.action.openSettings', ['msk.sshTunnels']],
      ],
    );
  });

  it('a refused port keeps the address-and-port hint first, and still offers the doctor', () => {
    const refused = new KafkaJSConnectionError('connect ECONNREFUSED 10.0.1.5:9098', {
      broker: 'b-1.orders.kafka.eu-west-1.amazonaws.com:9098',
      code: 'ECONNREFUSED',
    });
    const mapped = toKafkaUserError(refused, { spec, operation: 'listTopics' });
    assert.match(mapped.hint ?? '', /^Check the bootstrap address and port/);
    assert.equal(mapped.actions[0]?.command, 'msk.diagnoseConnection');
  });

  it('a connection without buttons (no services around it) offers none', () => {
    const { unreachableActions: _none, ...bare } = spec;
    const mapped = toKafkaUserError(new KafkaJSConnectionError('Connection timeout', {}), {
      spec: bare,
      operation: 'listTopics',
    });
    assert.equal(mapped.code, 'Unreachable');
    assert.deepEqual(mapped.actions, []);
  });
});
