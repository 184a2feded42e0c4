/**
 * Permission to read the topic is taken away mid-tail (an ACL that denies the tail's read-only
 * principal READ): the tail stops with a message that says access was denied, keeps what it
 * showed, and does not retry forever. The ACL is removed again afterwards.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes, type AclEntry } from 'kafkajs';
import type { TailState } from '../../../src/kafka/tail';
import { Cleanup, kafkaConfig, produce, sandbox, withAdmin } from '../support/sandbox';
import { newPool, waitFor } from '../kafka/helpers';
import { startTail, values, waitForCount } from './helpers';

const pool = newPool();
const cleanup = new Cleanup();
let denial: AclEntry | undefined;

after(async () => {
  if (denial) {
    const acl = denial;
    await withAdmin((admin) => admin.deleteAcls({ filters: [acl] }));
  }
  await pool.disposeAll();
  await cleanup.run();
});

describe('tail permissions', () => {
  test('losing READ on the topic stops the tail with the reason and keeps what it showed', async () => {
    const topic = await cleanup.createTopic('tail-denied', 1);
    const first = Array.from({ length: 20 }, (_, i) => `shown-${i}`);
    await produce(kafkaConfig(sandbox(), 'plaintext'), topic, first);
    const states: { state: TailState; error?: Error }[] = [];
    const warnings: string[] = [];
    const s = await startTail(pool, topic, {
      kind: 'scram',
      who: 'readonly',
      start: { kind: 'oldest' },
      onState: (state, error) => states.push({ state, error }),
      onWarning: (m) => warnings.push(m),
    });
    try {
      await waitForCount(s, first.length);

      denial = {
        resourceType: AclResourceTypes.TOPIC,
        resourceName: topic,
        resourcePatternType: ResourcePatternTypes.LITERAL,
        principal: 'User:readonly',
        host: '*',
        operation: AclOperationTypes.READ,
        permissionType: AclPermissionTypes.DENY,
      };
      const acl = denial;
      await withAdmin((admin) => admin.createAcls({ acl: [acl] }));

      const failed = await waitFor('the tail to stop', () => Promise.resolve(states.find((x) => x.state === 'failed')));
      assert.match(String(failed.error?.message), /not authorized|denied|permission/i, failed.error?.message);
      assert.match(String(failed.error?.message), new RegExp(topic), 'names the topic');
      assert.equal(s.state, 'failed');
      assert.deepEqual(values(s), first, 'what was shown stays in the buffer');
      // The tail made no consumer group: a read-only principal needs no group permission and nothing is left to delete.
      assert.deepEqual(
        warnings.filter((w) => /group/.test(w)),
        [],
      );
    } finally {
      await s.stop();
    }
  });
});
