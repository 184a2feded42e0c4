/**
 * A tail across the explorer's Refresh and settings changes, through the real backend and the
 * sandbox broker: with unchanged connection settings it keeps receiving (same consumer, no notice);
 * when the connection's settings change it resumes on the new ones by itself, after the last message
 * it showed, and says so; when its connection is closed under it (removed from the settings, the
 * pool disposed) it reports that it stopped, with the reason — never "running".
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { TailState } from '../../../src/kafka/tail';
import { TailSession } from '../../../src/kafka/tail';
import type { ClusterRef } from '../../../src/services/clusterModel';
import { MskBackend } from '../../../src/services/mskBackend';
import type { MskSettings } from '../../../src/services/settingsModel';
import { silentLogger } from '../../../src/shared/logger';
import { state as sandboxState, waitFor } from '../kafka/helpers';
import { backendWith, defaultSettings } from '../support/backend';
import { Cleanup, kafkaConfig, produce, sandbox } from '../support/sandbox';
import { values, waitForCount } from './helpers';

const cleanup = new Cleanup();
const backends: MskBackend[] = [];

after(async () => {
  for (const b of backends) await b.dispose();
  await cleanup.run();
});

function settingsWith(bootstrapServers: string): MskSettings {
  return defaultSettings({
    connections: [{ id: 'refresh-it', name: 'sandbox (refresh test)', bootstrapServers, auth: 'plaintext' }],
  });
}

interface Started {
  backend: MskBackend;
  settings: { current: MskSettings };
  cluster: ClusterRef;
  session: TailSession;
  states: { state: TailState; error?: Error }[];
  notices: string[];
}

async function startTail(topic: string): Promise<Started> {
  const settings = { current: settingsWith(sandboxState().listeners.plaintext) };
  const backend = backendWith(() => settings.current);
  backends.push(backend);
  const [cluster] = backend.manualClusters();
  const kafka = await backend.kafka(cluster);
  const states: Started['states'] = [];
  const notices: string[] = [];
  const session = await TailSession.start({
    pool: kafka.pool,
    spec: kafka.spec,
    topic,
    start: { kind: 'newest' },
    bufferSize: 10_000,
    onState: (state, error) => states.push({ state, error }),
    onNotice: (m) => notices.push(m),
  });
  return { backend, settings, cluster, session, states, notices };
}

const batch = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

describe('a tail across a refresh', () => {
  test('keeps receiving across a refresh with unchanged settings, on the same consumer', async () => {
    const topic = await cleanup.createTopic('tail-refresh-same', 2);
    const t = await startTail(topic);
    try {
      const first = batch('before', 30);
      await produce(kafkaConfig(sandbox(), 'plaintext'), topic, first);
      await waitForCount(t.session, first.length);

      // The Refresh button: AWS caches dropped, every connection resolved again; the tree reloads.
      await t.backend.reconnect({ rereadAws: true });
      const topics = await t.backend.ops(t.cluster).topics();
      assert.ok(
        topics.some((x) => x.name === topic),
        'the tree’s reload works',
      );

      const second = batch('after', 30);
      await produce(kafkaConfig(sandbox(), 'plaintext'), topic, second);
      await waitForCount(t.session, first.length + second.length);
      assert.deepEqual([...values(t.session)].sort(), [...first, ...second].sort());
      assert.equal(t.session.state, 'running');
      assert.deepEqual(
        t.states.map((s) => s.state),
        ['running'],
        'never left running: no reconnect, no stop',
      );
      assert.deepEqual(t.notices, []);
    } finally {
      await t.session.stop();
    }
  });

  test('resumes by itself, after the last message it showed, when the connection’s settings changed', async () => {
    const topic = await cleanup.createTopic('tail-refresh-changed', 2);
    const t = await startTail(topic);
    try {
      const first = batch('before', 40);
      await produce(kafkaConfig(sandbox(), 'plaintext'), topic, first);
      await waitForCount(t.session, first.length);

      // Another way to write the same broker address: a changed connection setting.
      const port = sandboxState().listeners.plaintext.split(':').pop();
      t.settings.current = settingsWith(`127.0.0.1:${port}`);
      await t.backend.reconnect();
      await waitFor('the tail to resume', () => Promise.resolve(t.notices.length ? true : undefined));
      assert.match(t.notices[0], /connection settings of sandbox \(refresh test\) changed.*resumed/);

      const second = batch('after', 40);
      await produce(kafkaConfig(sandbox(), 'plaintext'), topic, second);
      await waitForCount(t.session, first.length + second.length);
      const shown = values(t.session);
      assert.equal(shown.length, first.length + second.length, 'nothing shown twice');
      assert.deepEqual([...shown].sort(), [...first, ...second].sort(), 'nothing lost');
      assert.equal(t.session.state, 'running');
      assert.deepEqual(
        t.states.map((s) => s.state),
        ['running', 'reconnecting', 'running'],
      );
    } finally {
      await t.session.stop();
    }
  });

  test('reports stopped, with the reason, when its connection is removed from the settings', async () => {
    const topic = await cleanup.createTopic('tail-refresh-removed', 1);
    const t = await startTail(topic);
    const first = batch('shown', 10);
    await produce(kafkaConfig(sandbox(), 'plaintext'), topic, first);
    await waitForCount(t.session, first.length);

    t.settings.current = { ...t.settings.current, connections: [] };
    await t.backend.reconnect();
    const failed = await waitFor('the tail to stop', () => Promise.resolve(t.states.find((s) => s.state === 'failed')));
    assert.match(String(failed.error?.message), /connection “sandbox \(refresh test\)” was removed from the settings/);
    assert.equal(t.session.state, 'failed');
    assert.deepEqual(values(t.session), first, 'what it showed stays');
  });

  test('an MSK cluster over IAM keeps its Kafka clients across a Refresh that drops the AWS caches', async () => {
    const st = sandbox();
    const backend = new MskBackend({
      settings: () => ({
        ...settingsWith(st.listeners.plaintext),
        awsProfile: st.aws.profile,
        awsConfigFile: st.aws.configFile,
        awsCredentialsFile: st.aws.credentialsFile,
        caFile: st.caFile,
        connections: [],
      }),
      secrets: { get: () => Promise.resolve(undefined) },
      log: silentLogger,
      userAgent: 'msk-explorer-test',
      env: {},
    });
    backends.push(backend);
    const [scope] = await backend.scopes();
    const cluster = (await backend.listClusters(scope, undefined, 100)).items.find(
      (c) => c.arn === st.clusters.provisioned.arn,
    )!;
    const before = await backend.kafka(cluster);
    assert.equal(before.spec.auth.kind, 'iam');
    const admin = await before.pool.getAdmin(before.spec);
    await before.listTopics();

    await backend.reconnect({ rereadAws: true });
    const after = await backend.kafka(cluster);
    assert.equal(after.pool, before.pool);
    assert.equal(await after.pool.getAdmin(after.spec), admin, 'the same connected admin client');
    const topics = await after.listTopics();
    assert.ok(topics.length > 0, 'the kept client still works');
  });

  test('reports stopped, with the reason, when the pool closes its consumer', async () => {
    const topic = await cleanup.createTopic('tail-refresh-closed', 1);
    const t = await startTail(topic);
    const kafka = await t.backend.kafka(t.cluster);
    await kafka.pool.disposeAll();
    const failed = await waitFor('the tail to stop', () => Promise.resolve(t.states.find((s) => s.state === 'failed')));
    assert.match(String(failed.error?.message), /connection to sandbox \(refresh test\) was closed/);
    assert.equal(t.session.state, 'failed');
    assert.notEqual(t.session.stats().state, 'running');
  });
});
