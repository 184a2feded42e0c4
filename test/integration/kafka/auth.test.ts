/**
 * The Kafka layer connects through every auth kind of the sandbox, maps refused sign-ins to
 * clear errors without secrets, and keeps IAM sessions alive by re-authenticating (KIP-368).
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { KafkaCluster } from '../../../src/kafka/cluster';
import { isKafkaUserError } from '../../../src/kafka/errors';
import { MemoryLogger, newPool, secrets, specFor, state, waitFor } from './helpers';

const log = new MemoryLogger();
const pool = newPool(log);
after(() => pool.disposeAll());

describe('connect and list topics through each auth kind', () => {
  for (const kind of ['iam', 'scram', 'mtls', 'plaintext'] as const) {
    test(`${kind}: lists topics and the broker`, async () => {
      const cluster = new KafkaCluster(pool, specFor(kind));
      const topics = await cluster.listTopics();
      assert.ok(Array.isArray(topics));
      for (const t of topics) assert.ok(t.partitions >= 1 && t.replicationFactor >= 1, JSON.stringify(t));
      const brokers = await cluster.describeBrokers();
      assert.equal(brokers.length, 1);
      assert.equal(brokers[0]?.isController, true);
      assert.equal(`${brokers[0]?.host}:${brokers[0]?.port}`, specFor(kind).bootstrapServers[0]);
    });
  }

  test('no secret of any principal reaches the log', () => {
    assert.ok(log.lines.length > 0);
    const text = log.lines.join('\n');
    for (const s of secrets()) assert.ok(!text.includes(s), 'a secret was logged');
  });
});

describe('refused sign-ins', () => {
  test('a wrong SCRAM password says the credentials were refused, without echoing them', async () => {
    const wrong = 'not-the-password-' + Date.now();
    const spec = specFor('scram', 'admin', {
      id: 'it-scram-wrong',
      auth: { kind: 'scram', mechanism: 'scram-sha-512', username: 'admin', password: () => Promise.resolve(wrong) },
    });
    const local = newPool();
    try {
      const err = await new KafkaCluster(local, spec).listTopics().then(
        () => assert.fail('a wrong password must be refused'),
        (e: unknown) => e,
      );
      assert.ok(isKafkaUserError(err));
      assert.equal(err.code, 'Authentication');
      assert.match(err.message, /refused the SCRAM credentials of user "admin"/);
      assert.ok(!`${err.message} ${err.hint ?? ''}`.includes(wrong));
    } finally {
      await local.disposeAll();
    }
  });

  test('wrong AWS keys on IAM are refused with a hint naming kafka-cluster:Connect on the cluster', async () => {
    const spec = specFor('iam', 'admin', {
      id: 'it-iam-wrong',
      auth: {
        kind: 'iam',
        region: state().region,
        credentials: () => Promise.resolve({ accessKeyId: 'AKIAWRONGWRONGWRONG0', secretAccessKey: 'x'.repeat(40) }),
      },
    });
    const local = newPool();
    try {
      const err = await new KafkaCluster(local, spec).listTopics().then(
        () => assert.fail('unknown keys must be refused'),
        (e: unknown) => e,
      );
      assert.ok(isKafkaUserError(err));
      assert.equal(err.code, 'Authentication');
      assert.match(err.message, /refused the IAM sign-in/);
      assert.ok(err.hint?.includes(`kafka-cluster:Connect on ${state().clusters.provisioned.arn}`), err.hint);
    } finally {
      await local.disposeAll();
    }
  });

  test('server-only TLS against the mutual-TLS listener says a client certificate is required', async () => {
    const local = newPool();
    try {
      const err = await new KafkaCluster(local, specFor('tls')).listTopics().then(
        () => assert.fail('the mTLS listener must refuse a client without certificate'),
        (e: unknown) => e,
      );
      assert.ok(isKafkaUserError(err), String(err));
      assert.equal(err.code, 'Authentication', err.message);
      assert.match(err.message, /requires a client certificate/);
    } finally {
      await local.disposeAll();
    }
  });
});

describe('IAM re-authentication (KIP-368)', () => {
  test('kafkajs asks the token provider again when the session nears its end, reusing the cached token', async () => {
    const lifetimeMs = state().iamSessionLifetimeSeconds * 1000;
    // Re-authenticate 2 s into each session instead of waiting out the whole lifetime.
    const debugLog = new MemoryLogger();
    const connects = () => debugLog.lines.filter((l) => /\[Connection\] Connecting/.test(l)).length;
    const local = newPool(debugLog, {
      logLevel: 5, // DEBUG: kafkajs logs every new connection
      connectionTimeout: 3000,
      reauthenticationThreshold: Math.max(lifetimeMs - 2000, 1000),
      retry: { retries: 2 },
    });
    try {
      const spec = specFor('iam', 'admin', { id: 'it-iam-reauth' });
      const provider = local.tokenProvider(spec);
      assert.ok(provider);
      const cluster = new KafkaCluster(local, spec);
      await cluster.listTopics();
      await cluster.describeBrokers(); // opens every connection the admin needs
      const first = provider.requestCount;
      const connections = connects();
      assert.ok(first >= 1 && connections >= 1);
      await waitFor(
        're-authentication',
        async () => {
          await cluster.listTopics();
          return provider.requestCount > first ? true : undefined;
        },
        30_000,
      );
      // Requests keep working on the re-authenticated session, and the token was signed once.
      await cluster.listTopics();
      assert.equal(provider.signedCount, 1, 'the cached token is reused for re-authentication');
      assert.equal(connects(), connections, 'the provider was asked again on the same connections, not new ones');
    } finally {
      await local.disposeAll();
    }
  });
});
