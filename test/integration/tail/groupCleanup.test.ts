/**
 * A tail leaves no consumer group behind, even when its process is killed (SIGKILL): it reads without
 * one; groups older versions' crashed tails left are deleted by the next tail start.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { kafkaConfig, produce, sandbox, withAdmin, Cleanup } from '../support/sandbox';
import { newPool, waitFor } from '../kafka/helpers';
import { groupIds, startTail, waitForCount } from './helpers';
import { TAIL_GROUP_PREFIX } from '../../../src/kafka/tail';

const pool = newPool();
const cleanup = new Cleanup();

after(async () => {
  await pool.disposeAll();
  await cleanup.run();
});

/** Runs the crashing child until it reports its session's group id, then kills it with SIGKILL. */
async function tailInKilledProcess(topic: string): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures', 'crashingTail.ts'), topic], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const group = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      const m = /GROUP (\S+)\n/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`the tail process exited (${code}) early: ${stderr}`)));
  });
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
  return group;
}

describe('no tail groups', () => {
  test('a killed tail process leaves no consumer group, and the next tail starts as usual', async () => {
    const topic = await cleanup.createTopic('tail-crash', 1);
    await produce(kafkaConfig(sandbox(), 'plaintext'), topic, ['a', 'b']);
    const group = await tailInKilledProcess(topic);
    assert.ok(group.startsWith(TAIL_GROUP_PREFIX), `the session is clearly named (${group})`);
    assert.ok(!(await groupIds()).includes(group), 'the killed process left no group: the tail never made one');
    const next = await startTail(pool, topic, { start: { kind: 'oldest' } });
    await waitForCount(next, 2);
    await next.stop();
    const left = (await groupIds()).filter((g) => g === group || g === next.groupId);
    assert.deepEqual(left, [], 'no tail group remains');
  });

  test('groups an older version’s crashed tail left are deleted by the next tail start', async () => {
    const topic = await cleanup.createTopic('tail-leftover', 1);
    await produce(kafkaConfig(sandbox(), 'plaintext'), topic, ['a']);
    // A leftover as older versions left it: an Empty group with the tail prefix (offsets committed, member gone).
    const group = `${TAIL_GROUP_PREFIX}leftover-${Date.now().toString(36)}`;
    await withAdmin((admin) =>
      admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: '0' }] }),
    );
    await waitFor('the leftover group to be listed', async () =>
      (await groupIds()).includes(group) ? true : undefined,
    );
    const next = await startTail(pool, topic, { start: { kind: 'oldest' } });
    try {
      await waitForCount(next, 1);
      assert.ok(!(await groupIds()).includes(group), 'the next tail start deleted the leftover group');
    } finally {
      await next.stop();
    }
  });
});
