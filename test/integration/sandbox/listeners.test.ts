/**
 * Every client listener of the sandbox carries a produce/consume round trip, with kafkajs
 * (IAM, serverless IAM, SCRAM over TLS, mutual TLS, plaintext), with kcat (plaintext, mTLS, and SCRAM
 * on Kafka 3.x) and with Kafka's own Java console tools (SCRAM, every version) — what a user of an
 * MSK cluster does with each kind of access. kcat over SCRAM runs on 3.x only: Debian's kcat
 * (librdkafka 2.0.2) cannot authenticate with SCRAM to Kafka 4.x (sandbox/README.md), so there the
 * Java clients are the reference.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { generateAuthTokenFromCredentialsProvider } from 'aws-msk-iam-sasl-signer-js';
import { logLevel, type KafkaConfig } from 'kafkajs';
import { readFileSync } from 'node:fs';
import {
  Cleanup,
  consume,
  kafkaConfig,
  kcat,
  kcatProperties,
  produce,
  sandbox,
  type ListenerKind,
} from '../support/sandbox';
import { javaConsumeScram, javaProduceScram } from '../support/javaConsole';

const cleanup = new Cleanup();
after(() => cleanup.run());

function values(listener: string): string[] {
  return [1, 2, 3].map((i) => `${listener} message ${i} ${Date.now()}`);
}

/** kafkajs on an IAM listener, with the token made by aws-msk-iam-sasl-signer-js from explicit credentials. */
function iamConfig(listener: 'iam' | 'serverlessIam', onToken: () => void): KafkaConfig {
  const state = sandbox();
  const { accessKeyId, secretAccessKey } = state.principals.admin;
  return {
    clientId: `listeners-test-${listener}`,
    brokers: [state.listeners[listener]],
    logLevel: logLevel.NOTHING,
    ssl: { ca: [readFileSync(state.caFile, 'utf8')] },
    sasl: {
      mechanism: 'oauthbearer',
      oauthBearerProvider: async () => {
        const { token } = await generateAuthTokenFromCredentialsProvider({
          region: state.region,
          awsCredentialsProvider: () => Promise.resolve({ accessKeyId, secretAccessKey }),
        });
        onToken();
        return { value: token };
      },
    },
  };
}

void describe('kafkajs produces and consumes through every listener', () => {
  for (const listener of ['iam', 'serverlessIam'] as const) {
    void test(`${listener}: IAM token from aws-msk-iam-sasl-signer-js, round trip as User:admin`, async () => {
      let tokens = 0;
      const config = iamConfig(listener, () => (tokens += 1));
      const topic = await cleanup.createTopic(`it-listeners-${listener.toLowerCase()}`);
      const sent = values(listener);
      await produce(config, topic, sent);
      const got = await consume(config, topic, cleanup.group(`it-listeners-${listener.toLowerCase()}`), sent.length);
      assert.deepEqual(got, sent);
      assert.ok(tokens >= 1, 'the IAM token provider was used');
    });
  }

  for (const listener of ['scram', 'tls', 'plaintext'] as const satisfies readonly ListenerKind[]) {
    void test(`${listener}: round trip`, async () => {
      const config = kafkaConfig(sandbox(), listener, { clientId: `listeners-test-${listener}` });
      const topic = await cleanup.createTopic(`it-listeners-${listener}`);
      const sent = values(listener);
      await produce(config, topic, sent);
      const got = await consume(config, topic, cleanup.group(`it-listeners-${listener}`), sent.length);
      assert.deepEqual(got, sent);
    });
  }
});

/** librdkafka < 2.6.1 (Debian's kcat) fails SCRAM against Kafka 4.x. */
const kcatScram = sandbox().kafkaVersion.startsWith('3.');

void describe('kcat produces and consumes', () => {
  for (const listener of ['plaintext', 'tls', ...(kcatScram ? (['scram'] as const) : [])] as const) {
    void test(`kcat over ${listener}`, async () => {
      const props = kcatProperties(sandbox(), listener);
      const topic = await cleanup.createTopic(`it-kcat-${listener}`);
      const sent = values(`kcat-${listener}`);
      const producer = await kcat(['-P', '-t', topic], props, `${sent.join('\n')}\n`);
      assert.equal(producer.code, 0, `kcat -P failed: ${producer.stderr}`);
      const consumer = await kcat(['-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%s\\n'], props);
      assert.equal(consumer.code, 0, `kcat -C failed: ${consumer.stderr}`);
      assert.deepEqual(consumer.stdout.trimEnd().split('\n'), sent);
    });
  }

  void test('kcat -L over mTLS lists the broker as advertised (localhost)', async () => {
    const state = sandbox();
    const res = await kcat(['-L'], kcatProperties(state, 'tls'));
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, new RegExp(`broker 1 at ${state.listeners.tls.replace('.', '\\.')}`));
  });
});

void describe("Kafka's console producer and consumer (Java, the broker's version)", () => {
  void test('round trip over SCRAM-SHA-512 as admin', async () => {
    const state = sandbox();
    const topic = await cleanup.createTopic('it-java-scram');
    const sent = values('java-scram');
    const producer = await javaProduceScram(state, topic, sent);
    assert.equal(producer.code, 0, `kafka-console-producer failed: ${producer.stderr}`);
    const consumer = await javaConsumeScram(state, topic, cleanup.group('it-java-scram'), sent.length);
    assert.equal(consumer.code, 0, `kafka-console-consumer failed: ${consumer.stderr}`);
    assert.deepEqual(consumer.values, sent);
  });
});
