/**
 * The client pool keeps the clients of a connection whose settings are unchanged (a Refresh must
 * not cut a running tail or the lag monitor), and replaces them, telling their owners the new
 * settings, only when the settings changed. No broker: the clients are made but never connected.
 */
import { strict as assert } from 'node:assert';
import { after, describe, it } from 'node:test';
import { KafkaClientPool, type PoolCloseReason } from '../../../src/kafka/clientPool';
import type { KafkaConnectionSpec } from '../../../src/kafka/connection';

const logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const pools: KafkaClientPool[] = [];

function newPool(): KafkaClientPool {
  const pool = new KafkaClientPool({ logger });
  pools.push(pool);
  return pool;
}

after(async () => {
  for (const p of pools) await p.disposeAll();
});

function spec(overrides: Partial<KafkaConnectionSpec> = {}): KafkaConnectionSpec {
  return {
    id: 'manual:orders',
    label: 'orders',
    bootstrapServers: ['127.0.0.1:1'],
    auth: { kind: 'plaintext' },
    tls: false,
    clientId: 'test',
    ...overrides,
  };
}

async function consumerWithListener(pool: KafkaClientPool, s: KafkaConnectionSpec) {
  const reasons: PoolCloseReason[] = [];
  const consumer = await pool.createConsumer(s, { groupId: 'g' }, (r) => reasons.push(r));
  return { consumer, reasons };
}

describe('client pool across refreshes', () => {
  it('keeps the clients of a connection whose settings are unchanged', async () => {
    const pool = newPool();
    const kafka = await pool.getKafka(spec());
    const { reasons } = await consumerWithListener(pool, spec());

    // A Refresh resolves the connection again: a new but equal spec object.
    assert.equal(pool.update(spec()), 'kept');
    assert.equal(pool.replace('manual:orders', spec()), 'kept');
    assert.equal(await pool.getKafka(spec()), kafka, 'the same kafkajs client');
    assert.deepEqual(reasons, [], 'the consumer’s owner heard nothing');
    assert.equal(pool.isCurrent(spec()), true);
  });

  it('replaces the clients when the settings changed and tells the owners the new settings', async () => {
    const pool = newPool();
    const kafka = await pool.getKafka(spec());
    const { reasons } = await consumerWithListener(pool, spec());
    const changed = spec({ bootstrapServers: ['127.0.0.1:2'] });

    assert.equal(pool.isCurrent(changed), false);
    assert.equal(pool.update(changed), 'replaced');
    assert.equal(reasons.length, 1);
    assert.equal(reasons[0].kind, 'replaced');
    assert.deepEqual(reasons[0].kind === 'replaced' && reasons[0].spec.bootstrapServers, ['127.0.0.1:2']);
    assert.notEqual(await pool.getKafka(changed), kafka, 'a new kafkajs client for the new settings');
    assert.equal(pool.isCurrent(changed), true);
  });

  it('moves the clients of a connection whose id changed (another auth or network chosen)', async () => {
    const pool = newPool();
    await pool.getKafka(spec({ id: 'arn|iam|private' }));
    const { reasons } = await consumerWithListener(pool, spec({ id: 'arn|iam|private' }));
    assert.equal(pool.replace('arn|iam|private', spec({ id: 'arn|iam|public' })), 'replaced');
    assert.equal(reasons[0]?.kind, 'replaced');
    assert.equal(pool.has('arn|iam|private'), false);
  });

  it('tells a watch when the settings change or the connection is closed, and not after release', async () => {
    const pool = newPool();
    await pool.getKafka(spec());
    const heard: PoolCloseReason[] = [];
    const released: PoolCloseReason[] = [];
    pool.watch(spec(), (r) => heard.push(r));
    pool.watch(spec(), (r) => released.push(r)).release();
    assert.equal(pool.update(spec({ bootstrapServers: ['127.0.0.1:2'] })), 'replaced');
    assert.deepEqual(
      heard.map((r) => r.kind),
      ['replaced'],
    );
    const again: PoolCloseReason[] = [];
    pool.watch(spec({ bootstrapServers: ['127.0.0.1:2'] }), (r) => again.push(r));
    await pool.dispose('manual:orders', 'the connection was removed');
    assert.deepEqual(
      again.map((r) => r.kind),
      ['closed'],
    );
    assert.deepEqual(released, [], 'a released watch hears nothing');
    assert.equal(heard.length, 1, 'a watch hears once: the replaced connection’s watchers are forgotten');
  });

  it('does nothing for a connection without clients', () => {
    const pool = newPool();
    assert.equal(pool.update(spec()), 'absent');
    assert.equal(pool.has(spec().id), false, 'no client is made by an update');
  });

  it('tells owners why when a connection is closed, but not when they release their client', async () => {
    const pool = newPool();
    const released = await consumerWithListener(pool, spec());
    await pool.releaseConsumer(spec().id, released.consumer);
    const closed = await consumerWithListener(pool, spec());
    await pool.dispose(spec().id, 'the connection “orders” was removed from the settings');
    assert.deepEqual(released.reasons, []);
    assert.deepEqual(closed.reasons, [
      { kind: 'closed', message: 'the connection “orders” was removed from the settings' },
    ]);
  });

  it('an IAM connection whose credentials come from another profile is a changed connection', async () => {
    const pool = newPool();
    const credentials = () => Promise.resolve({ accessKeyId: 'a', secretAccessKey: 'b' });
    const iam = (source: string) =>
      spec({ auth: { kind: 'iam', region: 'us-east-1', credentials, credentialsSource: source } });
    await pool.getKafka(iam('["dev"]'));
    assert.equal(pool.update(iam('["dev"]')), 'kept');
    assert.equal(pool.update(iam('["prod"]')), 'replaced');
  });
});
