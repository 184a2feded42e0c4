/**
 * The address map sends every connection through a local forwarder (a stand-in for an SSH/SSM
 * tunnel) while TLS still checks the broker's real name.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { KafkaCluster } from '../../../src/kafka/cluster';
import { parseHostPort } from '../../../src/kafka/connection';
import { isKafkaUserError } from '../../../src/kafka/errors';
import { newPool, specFor, startForwarder } from './helpers';

const pool = newPool();
let forwarder: Awaited<ReturnType<typeof startForwarder>>;

before(async () => {
  forwarder = await startForwarder(parseHostPort(specFor('iam').bootstrapServers[0]));
});
after(async () => {
  await pool.disposeAll();
  await forwarder.close();
});

describe('address map through a tunnel', () => {
  test('IAM over TLS works through the forwarder, for the bootstrap and the advertised broker', async () => {
    const base = specFor('iam');
    const advertised = base.bootstrapServers[0]; // the broker advertises the same address
    const spec = { ...base, id: 'it-map-ok', addressMap: { [advertised]: `127.0.0.1:${forwarder.port}` } };
    const before = forwarder.connections();
    const cluster = new KafkaCluster(pool, spec);
    const topics = await cluster.listTopics();
    assert.ok(Array.isArray(topics));
    const brokers = await cluster.describeBrokers();
    assert.equal(`${brokers[0]?.host}:${brokers[0]?.port}`, advertised, 'the tree still shows the real address');
    assert.ok(forwarder.connections() > before, 'the connections went through the forwarder');
  });

  test('a broker advertised at an unreachable-from-here address is reached through its map entry', async () => {
    const base = specFor('iam');
    const advertised = base.bootstrapServers[0]; // localhost:<port>
    const { port } = parseHostPort(advertised);
    // Bootstrap directly at 127.0.0.1 (in the certificate too); only the advertised address is mapped.
    const spec = {
      ...base,
      id: 'it-map-advertised',
      bootstrapServers: [`127.0.0.1:${port}`],
      addressMap: { [advertised]: `127.0.0.1:${forwarder.port}` },
    };
    const before = forwarder.connections();
    const brokers = await new KafkaCluster(pool, spec).describeBrokers(); // talks to broker 1 itself
    assert.equal(brokers.length, 1);
    assert.ok(forwarder.connections() > before, 'the connection to the advertised broker used the map');
  });

  test('the certificate is checked against the advertised name, not the local address', async () => {
    const base = specFor('iam');
    const { port } = parseHostPort(base.bootstrapServers[0]);
    // The certificate is valid for localhost and 127.0.0.1 (the forwarder's address), but not this name.
    const wrong = `kafka-broker.invalid:${port}`;
    const spec = {
      ...base,
      id: 'it-map-wrong-name',
      bootstrapServers: [wrong],
      addressMap: { [wrong]: `127.0.0.1:${forwarder.port}` },
    };
    const before = forwarder.connections();
    const err = await new KafkaCluster(pool, spec).listTopics().then(
      () => assert.fail('a certificate without that name must be refused'),
      (e: unknown) => e,
    );
    assert.ok(isKafkaUserError(err), String(err));
    assert.equal(err.code, 'Tls', err.message);
    assert.match(err.message, /not valid for the name "kafka-broker\.invalid"/);
    assert.match(err.message, /mapped to 127\.0\.0\.1:/);
    assert.ok(forwarder.connections() > before, 'the connection did go through the forwarder');
  });
});
