/**
 * Find Topic or Consumer Group across clusters, against the sandbox as the extension reaches it:
 * the MSK provisioned cluster (IAM, through the sandbox's AWS profile) and a manual SCRAM connection
 * to the same broker both list the topic and group this test created; a connection nobody listens
 * on answers with its reason instead of being left out; answers stream in per cluster and are
 * kept for the session.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { manualPasswordKey } from '../../../src/services/connectionResolver';
import type { ClusterRef } from '../../../src/services/clusterModel';
import { ClusterSearch, type ClusterAnswer } from '../../../src/services/find/clusterSearch';
import { closedPort } from '../kafka/helpers';
import { backendWith, sandboxSettings } from '../support/backend';
import { Cleanup, sandbox, withAdmin } from '../support/sandbox';

const cleanup = new Cleanup();
let backend: ReturnType<typeof backendWith>;
let clusters: ClusterRef[];
let topic: string;
let groupId: string;

before(async () => {
  const st = sandbox();
  const deadPort = await closedPort();
  backend = backendWith(
    sandboxSettings({
      connections: [
        {
          id: 'find-scram',
          name: 'find scram',
          bootstrapServers: st.listeners.scram,
          auth: 'scram-sha-512',
          username: st.principals.admin.scramUser,
          caFile: st.caFile,
        },
        { id: 'find-dead', name: 'find nowhere', bootstrapServers: `127.0.0.1:${deadPort}`, auth: 'plaintext' },
      ],
    }),
    { [manualPasswordKey('find-scram')]: st.principals.admin.scramPassword },
  );
  topic = await cleanup.createTopic('it-find-orders', 2);
  groupId = cleanup.group('it-find-billing');
  await withAdmin((admin) => admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '0' }] }));
  const [scope] = await backend.scopes();
  const page = await backend.listClusters(scope, undefined, 100);
  const provisioned = page.items.find((c) => c.arn === st.clusters.provisioned.arn);
  assert.ok(provisioned, 'the sandbox lists its provisioned cluster');
  clusters = [provisioned, ...backend.manualClusters()];
});

after(async () => {
  await backend.dispose();
  await cleanup.run();
});

describe('find across clusters', () => {
  it('finds the topic and the group on the IAM cluster and the SCRAM connection; the dead one says why', async () => {
    let opsCalls = 0;
    const search = new ClusterSearch({
      ops: (c) => {
        opsCalls++;
        return backend.ops(c);
      },
      showInternalTopics: () => false,
    });
    const streamed: string[] = [];
    const answers = await search.search(clusters, (a) => streamed.push(a.cluster.key));
    assert.deepEqual([...streamed].sort(), clusters.map((c) => c.key).sort(), 'each cluster answers once');

    const byKey = new Map(answers.map((a): [string, ClusterAnswer] => [a.cluster.key, a]));
    for (const c of clusters.slice(0, 2)) {
      const a = byKey.get(c.key)!;
      assert.deepEqual(a.failures, [], `${c.name} answers`);
      const found = a.items.filter((i) => i.name === topic || i.name === groupId);
      assert.deepEqual(
        found.map((i) => [i.kind, i.name, i.detail, i.cluster.key]),
        [
          ['topic', topic, '2 partitions · RF 1', c.key],
          ['group', groupId, 'Empty · 0 members', c.key],
        ],
        `${c.name} lists both`,
      );
    }

    const dead = byKey.get('manual:find-dead')!;
    assert.deepEqual(dead.items, []);
    assert.deepEqual(
      dead.failures.map((f) => f.what),
      ['topics', 'consumer groups'],
    );
    for (const f of dead.failures) {
      assert.match(f.message, /find nowhere|127\.0\.0\.1/, 'names the connection');
      assert.ok(f.hint, 'with a next step');
    }

    // The same session asks nothing again.
    const calls = opsCalls;
    const again = await search.search(clusters);
    assert.equal(opsCalls, calls);
    assert.deepEqual(
      again.map((a) => a.items.length),
      answers.map((a) => a.items.length),
    );
  });
});
