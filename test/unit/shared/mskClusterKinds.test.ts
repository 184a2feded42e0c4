import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  brokerKindLabel,
  brokerKindOf,
  describeTieredRetention,
  EXPRESS_WRITABLE_TOPIC_CONFIGS,
  expressTopicConfigRefusal,
  formatRetentionBytes,
  formatRetentionMs,
  storageModeLabel,
  tieredRetention,
} from '../../../src/shared/mskClusterKinds';
import { assertExpressAllows, expressReadOnly } from '../../../src/services/expressRules';

void describe('MSK cluster kinds', () => {
  it('tells Express brokers from Standard ones by the instance type', () => {
    assert.equal(brokerKindOf('express.m7g.large'), 'EXPRESS');
    assert.equal(brokerKindOf('express.m7g.16xlarge'), 'EXPRESS');
    assert.equal(brokerKindOf('kafka.m5.large'), 'STANDARD');
    assert.equal(brokerKindOf('kafka.t3.small'), 'STANDARD');
    assert.equal(brokerKindOf(undefined), undefined);
    assert.equal(brokerKindLabel('EXPRESS'), 'Express');
    assert.equal(brokerKindLabel('STANDARD'), 'Standard');
    assert.equal(storageModeLabel('TIERED'), 'Tiered (local + remote)');
    assert.equal(storageModeLabel('LOCAL', 'STANDARD'), 'Local (EBS)');
    assert.equal(storageModeLabel('LOCAL', 'EXPRESS'), 'Local (managed by MSK)');
  });

  it('lets Express change exactly the topic configurations AWS documents, and refuses the rest naming the config', () => {
    // The table "Topic-level configurations on Express Brokers" of
    // https://docs.aws.amazon.com/msk/latest/developerguide/msk-configuration-express-read-write.html
    const documented = [
      'cleanup.policy',
      'compression.type',
      'delete.retention.ms',
      'max.message.bytes',
      'message.timestamp.after.max.ms',
      'message.timestamp.before.max.ms',
      'message.timestamp.type',
      'min.compaction.lag.ms',
      'max.compaction.lag.ms',
      'retention.bytes',
      'retention.ms',
    ];
    assert.deepEqual([...EXPRESS_WRITABLE_TOPIC_CONFIGS], documented);
    for (const ok of documented) assert.equal(expressTopicConfigRefusal(ok), undefined, ok);
    for (const refused of [
      'segment.bytes',
      'min.insync.replicas',
      'unclean.leader.election.enable',
      'local.retention.ms',
      'message.timestamp.difference.max.ms',
    ]) {
      const msg = expressTopicConfigRefusal(refused);
      assert.ok(msg?.startsWith(`Amazon MSK Express brokers can't alter topic configuration ${refused}.`), msg);
      assert.ok(
        msg?.endsWith(`Only these topic configurations can be changed on Express brokers: ${documented.join(', ')}.`),
        'the message lists what can be changed',
      );
    }
  });

  it('refuses before sending only on an Express cluster, with the next step', () => {
    const express = { name: 'sandbox-express', instanceType: 'express.m7g.large' };
    const standard = { name: 'msk-sandbox', instanceType: 'kafka.m5.large' };
    assert.throws(
      () => assertExpressAllows(express, 'segment.bytes'),
      (e: Error & { hint?: string; code?: string }) =>
        /can't alter topic configuration segment\.bytes/.test(e.message) &&
        e.code === 'ExpressReadOnlyConfig' &&
        /sandbox-express has Express brokers/.test(e.hint ?? ''),
    );
    assert.doesNotThrow(() => assertExpressAllows(express, 'retention.ms'));
    assert.doesNotThrow(() => assertExpressAllows(standard, 'segment.bytes'));
    assert.doesNotThrow(() => assertExpressAllows({ name: 'manual' }, 'segment.bytes'));
    assert.equal(expressReadOnly(express, 'segment.bytes'), true);
    assert.equal(expressReadOnly(standard, 'segment.bytes'), false);
  });

  it('reads local and total retention of a tiered topic, and nothing of a local one', () => {
    const rows = (o: Record<string, string>) => Object.entries(o).map(([name, value]) => ({ name, value }));
    assert.equal(tieredRetention(rows({ 'retention.ms': '604800000' })), undefined);
    assert.equal(tieredRetention(rows({ 'remote.storage.enable': 'false', 'retention.ms': '1' })), undefined);
    const t = tieredRetention(
      rows({
        'remote.storage.enable': 'true',
        'local.retention.ms': '86400000',
        'local.retention.bytes': '-2',
        'retention.ms': '2592000000',
        'retention.bytes': '-1',
      }),
    );
    assert.deepEqual(t, {
      local: { ms: '86400000', bytes: '-2' },
      total: { ms: '2592000000', bytes: '-1' },
    });
    assert.equal(describeTieredRetention(t), 'local 1 d / as total · total (remote) 30 d / unlimited');
  });

  it('formats retention times and sizes', () => {
    assert.equal(formatRetentionMs('3600000'), '1 h');
    assert.equal(formatRetentionMs('5400000'), '90 min');
    assert.equal(formatRetentionMs('1500'), '1500 ms');
    assert.equal(formatRetentionMs('-1'), 'unlimited');
    assert.equal(formatRetentionBytes('1073741824'), '1 GiB');
    assert.equal(formatRetentionBytes('1000'), '1000 B');
    assert.equal(formatRetentionBytes(undefined), '?');
  });
});
