/**
 * A broker restart mid-tail: the tail resumes after the last offset it showed, with no message
 * lost and none shown twice.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, describe, test } from 'node:test';
import { Cleanup, kafkaConfig, produce, sandbox } from '../support/sandbox';
import { newPool, waitFor } from '../kafka/helpers';
import { startTail, values, waitForCount } from './helpers';

const pool = newPool();
const cleanup = new Cleanup();

after(async () => {
  await pool.disposeAll();
  await cleanup.run();
});

function restartBroker(): void {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', 'restart', 'broker'], {
    encoding: 'utf8',
    timeout: 180_000,
  });
  assert.equal(r.status, 0, `sandbox restart broker failed: ${r.stderr}`);
}

describe('tail resilience', () => {
  test('resumes after a broker restart with no gaps and no duplicates', async () => {
    const topic = await cleanup.createTopic('tail-restart', 2);
    const first = Array.from({ length: 200 }, (_, i) => `before-${i}`);
    const second = Array.from({ length: 200 }, (_, i) => `after-${i}`);
    await produce(kafkaConfig(sandbox(), 'plaintext'), topic, first);
    const s = await startTail(pool, topic, { start: { kind: 'oldest' } });
    try {
      await waitForCount(s, first.length);
      restartBroker();
      // The producer retries until the restarted broker leads the partitions again.
      await waitFor(
        'the restarted broker to accept messages',
        async () => {
          await produce(kafkaConfig(sandbox(), 'plaintext'), topic, second);
          return true;
        },
        120_000,
      );
      await waitForCount(s, first.length + second.length, 120_000);
      const shown = values(s);
      assert.equal(shown.length, first.length + second.length, 'no duplicates');
      assert.deepEqual([...shown].sort(), [...first, ...second].sort(), 'no message lost or shown twice');
      for (const p of s.partitions) {
        const offsets = [...s.buffer.view()].filter((r) => r.partition === p).map((r) => Number(r.offset));
        assert.deepEqual(offsets, [...offsets.keys()], `partition ${p} offsets are contiguous from 0`);
      }
      assert.equal(s.state, 'running');
    } finally {
      await s.stop();
    }
  });
});
