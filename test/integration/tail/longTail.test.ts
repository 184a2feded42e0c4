/**
 * Long IAM tail: the sandbox's IAM sessions last 20 s under the test runner, so a tail that keeps
 * receiving for 30+ s proves re-authentication. A deleted topic stops the tail with a clear message.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { Cleanup, kafkaConfig, produce, sandbox, withAdmin } from '../support/sandbox';
import { newPool, waitFor } from '../kafka/helpers';
import { startTail, values, waitForCount } from './helpers';
import type { TailState } from '../../../src/kafka/tail';

const pool = newPool();
const pace = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const cleanup = new Cleanup();

after(async () => {
  await pool.disposeAll();
  await cleanup.run();
});

describe('long-running tails', () => {
  test('an IAM tail keeps receiving across session re-authentications (35 s)', async () => {
    const topic = await cleanup.createTopic('tail-iam', 1);
    const s = await startTail(pool, topic, { kind: 'iam', start: { kind: 'newest' } });
    try {
      const started = Date.now();
      const expected: string[] = [];
      // One message every ~2.5 s, each waited for, until 35 s have passed: no gap, no failure.
      while (Date.now() - started < 35_000) {
        const v = `iam-${expected.length}`;
        expected.push(v);
        await produce(kafkaConfig(sandbox(), 'plaintext'), topic, [v]);
        await waitForCount(s, expected.length, 20_000);
        await pace(2500); // spreads the messages over the whole 35 s (pacing, not a readiness wait)
      }
      assert.deepEqual(values(s), expected);
      assert.equal(s.state, 'running');
    } finally {
      await s.stop();
    }
  });

  test('deleting the topic stops the tail with a clear message', async () => {
    const topic = await cleanup.createTopic('tail-deleted', 1);
    await produce(kafkaConfig(sandbox(), 'plaintext'), topic, ['x']);
    let failure: Error | undefined;
    const states: TailState[] = [];
    const s = await startTail(pool, topic, {
      start: { kind: 'oldest' },
      onState: (state, error) => {
        states.push(state);
        failure ??= error;
      },
    });
    await waitForCount(s, 1);
    await withAdmin((admin) => admin.deleteTopics({ topics: [topic] }));
    cleanup.topics.delete(topic);
    await waitFor('the tail to stop', () => Promise.resolve(s.state === 'failed' ? true : undefined), 60_000);
    assert.match(
      failure?.message ?? '',
      new RegExp(`${topic}.*(deleted|does not exist)|(deleted|does not exist).*${topic}`, 'i'),
    );
    await s.stop();
  });
});
