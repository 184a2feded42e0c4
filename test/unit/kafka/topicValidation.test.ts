import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { MAX_TOPIC_NAME_LENGTH, validateCreateTopic, validateTopicName } from '../../../src/kafka/topicValidation';

describe('validateTopicName', () => {
  it('accepts letters, digits, ".", "_" and "-" up to 249 characters', () => {
    for (const ok of ['orders', 'a.b_c-D9', 'x'.repeat(MAX_TOPIC_NAME_LENGTH), '...x', '_x']) {
      assert.equal(validateTopicName(ok), undefined, ok);
    }
  });

  it('rejects empty, "." and ".." with a message', () => {
    assert.match(validateTopicName('') ?? '', /Enter a topic name/);
    assert.match(validateTopicName('.') ?? '', /cannot be named "\."/);
    assert.match(validateTopicName('..') ?? '', /cannot be named "\.\."/);
  });

  it('rejects names longer than 249 characters and says how long they are', () => {
    assert.match(validateTopicName('x'.repeat(250)) ?? '', /at most 249 characters \(this one has 250\)/);
  });

  it('names each illegal character once', () => {
    const msg = validateTopicName('my topic/a/b') ?? '';
    assert.match(msg, /only contain letters, digits/);
    assert.match(msg, /space/);
    assert.equal(msg.split('"/"').length - 1, 1, msg);
    assert.match(validateTopicName('тема') ?? '', /"т"/);
  });
});

describe('validateCreateTopic', () => {
  const ctx = { brokerCount: 3, existingTopics: ['orders', 'user.events'] };

  it('passes a valid request', () => {
    assert.deepEqual(
      validateCreateTopic(
        { name: 'payments', partitions: 6, replicationFactor: 3, configs: { 'retention.ms': '1000' } },
        ctx,
      ),
      [],
    );
  });

  it('rejects partitions below 1 and non-integers', () => {
    assert.match(
      validateCreateTopic({ name: 't', partitions: 0, replicationFactor: 1 }, ctx).join(),
      /Partitions must be/,
    );
    assert.match(
      validateCreateTopic({ name: 't', partitions: 1.5, replicationFactor: 1 }, ctx).join(),
      /Partitions must be/,
    );
  });

  it('rejects a replication factor above the broker count, naming the limit', () => {
    const problems = validateCreateTopic({ name: 't', partitions: 1, replicationFactor: 4 }, ctx);
    assert.equal(problems.length, 1);
    assert.match(problems[0], /Replication factor 4 is more than the 3 broker\(s\).*at most 3/);
    assert.match(validateCreateTopic({ name: 't', partitions: 1, replicationFactor: 0 }, ctx).join(), /at least 1/);
  });

  it('reports a duplicate and a "."/"_" collision before the broker does', () => {
    assert.match(
      validateCreateTopic({ name: 'orders', partitions: 1, replicationFactor: 1 }, ctx).join(),
      /already exists/,
    );
    assert.match(
      validateCreateTopic({ name: 'user_events', partitions: 1, replicationFactor: 1 }, ctx).join(),
      /collide with the existing topic "user\.events"/,
    );
  });

  it('collects every problem at once', () => {
    const problems = validateCreateTopic(
      { name: 'bad name', partitions: 0, replicationFactor: 9, configs: { '': 'x' } },
      ctx,
    );
    assert.equal(problems.length, 4, problems.join('\n'));
  });
});
