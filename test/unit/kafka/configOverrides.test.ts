import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { ConfigEntries } from 'kafkajs';
import {
  CONFIG_SOURCE,
  mergeTopicOverrides,
  toTopicConfigEntry,
  type TopicConfigEntry,
} from '../../../src/kafka/configOverrides';
import { planOverrideChange } from '../../../src/kafka/topicConfig';

const entry = (
  name: string,
  value: string | null,
  source: TopicConfigEntry['source'],
  extra: Partial<TopicConfigEntry> = {},
) => ({
  name,
  value,
  source,
  isDefault: source === 'default',
  isSensitive: false,
  readOnly: false,
  ...extra,
});

const current: TopicConfigEntry[] = [
  entry('cleanup.policy', 'delete', 'default'),
  entry('retention.ms', '60000', 'topicOverride'),
  entry('max.message.bytes', '2000000', 'topicOverride'),
  entry('min.insync.replicas', '2', 'broker'),
];

describe('mergeTopicOverrides', () => {
  it('changes one override and keeps every other override (not defaults or broker values)', () => {
    assert.deepEqual(mergeTopicOverrides(current, 'retention.ms', '120000'), [
      { name: 'max.message.bytes', value: '2000000' },
      { name: 'retention.ms', value: '120000' },
    ]);
  });

  it('adds a new override alongside the existing ones', () => {
    assert.deepEqual(mergeTopicOverrides(current, 'cleanup.policy', 'compact'), [
      { name: 'cleanup.policy', value: 'compact' },
      { name: 'max.message.bytes', value: '2000000' },
      { name: 'retention.ms', value: '60000' },
    ]);
  });

  it('removes an override when the value is null', () => {
    assert.deepEqual(mergeTopicOverrides(current, 'retention.ms', null), [
      { name: 'max.message.bytes', value: '2000000' },
    ]);
  });

  it('refuses when a hidden sensitive override would be dropped', () => {
    const withSecret = [...current, entry('some.secret', null, 'topicOverride', { isSensitive: true })];
    assert.throws(() => mergeTopicOverrides(withSecret, 'retention.ms', '1'), /"some\.secret" is sensitive/);
    // …but removing that very override is fine.
    assert.equal(mergeTopicOverrides(withSecret, 'some.secret', null).length, 2);
  });
});

describe('planOverrideChange', () => {
  it('rejects invalid and read-only keys with a KafkaUserError', () => {
    assert.throws(() => planOverrideChange(current, 'bad key', '1'), {
      name: 'KafkaUserError',
      code: 'InvalidRequest',
    });
    const ro = [...current, entry('message.format.version', '3.0', 'default', { readOnly: true })];
    assert.throws(() => planOverrideChange(ro, 'message.format.version', '2.0'), /read-only/);
  });
});

describe('toTopicConfigEntry', () => {
  const raw = (configSource: number, isDefault = false): ConfigEntries => ({
    configName: 'retention.ms',
    configValue: '1',
    readOnly: false,
    isDefault,
    configSource,
    isSensitive: false,
    configSynonyms: [],
  });

  it('maps config sources to override / broker / default', () => {
    assert.equal(toTopicConfigEntry(raw(CONFIG_SOURCE.TOPIC_CONFIG)).source, 'topicOverride');
    assert.equal(toTopicConfigEntry(raw(CONFIG_SOURCE.STATIC_BROKER_CONFIG)).source, 'broker');
    assert.equal(toTopicConfigEntry(raw(CONFIG_SOURCE.DYNAMIC_DEFAULT_BROKER_CONFIG)).source, 'broker');
    const def = toTopicConfigEntry(raw(CONFIG_SOURCE.DEFAULT_CONFIG, true));
    assert.equal(def.source, 'default');
    assert.equal(def.isDefault, true);
    assert.equal(toTopicConfigEntry(raw(CONFIG_SOURCE.TOPIC_CONFIG)).isDefault, false);
  });
});
