/**
 * An IAM session that outlives the broker's session lifetime keeps working: the broker announces
 * the lifetime (KIP-368), kafkajs re-authenticates with a fresh token, and no send fails.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Kafka } from 'kafkajs';
import { Cleanup, consume, kafkaConfig, sandbox } from '../support/sandbox';

const cleanup = new Cleanup();
after(() => cleanup.run());

void test('a producer sending once a second for longer than the IAM session lifetime re-authenticates and never fails', async () => {
  const state = sandbox();
  const lifetimeMs = state.iamSessionLifetimeSeconds * 1000;
  const topic = await cleanup.createTopic('it-reauth');
  const tokenTimes: number[] = [];
  const start = Date.now();
  const config = kafkaConfig(state, 'iam', {
    clientId: 'reauth-test',
    retries: 0,
    onToken: () => tokenTimes.push(Date.now() - start),
  });
  const producer = new Kafka(config).producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const connectedTokens = tokenTimes.length;
  const sent: string[] = [];
  const failures: string[] = [];
  try {
    const runMs = lifetimeMs + 10_000;
    // One send per second (the workload's pace), until the session has outlived its lifetime by 10 s.
    for (let i = 0; Date.now() - start < runMs; i += 1) {
      const next = start + (i + 1) * 1000;
      const value = `reauth ${i}`;
      try {
        await producer.send({ topic, messages: [{ value }] });
        sent.push(value);
      } catch (err) {
        failures.push(`${value} at ${Date.now() - start} ms: ${err instanceof Error ? err.message : String(err)}`);
      }
      const wait = next - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  } finally {
    await producer.disconnect();
  }
  assert.deepEqual(failures, [], 'every send succeeded');
  assert.ok(
    sent.length >= state.iamSessionLifetimeSeconds + 5,
    `sent ${sent.length} messages over ${state.iamSessionLifetimeSeconds + 10} s`,
  );
  assert.ok(connectedTokens >= 1, 'a token was signed to connect');
  const later = tokenTimes.slice(connectedTokens);
  assert.ok(
    later.length >= 1,
    `the token provider was called again after connecting (calls at ${tokenTimes.join(', ')} ms): re-authentication happened`,
  );
  assert.ok(
    later.some((t) => t < lifetimeMs + 5_000),
    `a re-authentication happened before the first session could have expired (calls at ${tokenTimes.join(', ')} ms, lifetime ${lifetimeMs} ms)`,
  );
  const got = await consume(kafkaConfig(state, 'plaintext'), topic, cleanup.group('it-reauth'), sent.length);
  assert.deepEqual(got, sent, 'every sent message is in the topic, in order');
});
