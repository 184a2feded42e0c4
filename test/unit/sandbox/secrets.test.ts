/**
 * The sandbox's KRaft cluster id is passed to kafka-storage on the command line: one that starts
 * with '-' made the tool read it as an option, and the sandbox did not start (1 start in 64).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newKafkaClusterId } from '../../../sandbox/lifecycle/secrets';

void test('a cluster id never starts with a dash: such draws are thrown away', () => {
  // 0xf8 encodes to '-' as the first base64url character.
  const draws = [Buffer.alloc(16, 0xf8), Buffer.alloc(16, 0xf8), Buffer.from('0123456789abcdef')];
  const id = newKafkaClusterId(() => draws.shift() ?? assert.fail('drew too often'));
  assert.equal(id, Buffer.from('0123456789abcdef').toString('base64url'));
  assert.equal(draws.length, 0);
});

void test('a cluster id is 22 base64url characters, as kafka-storage random-uuid prints', () => {
  for (let i = 0; i < 200; i++) assert.match(newKafkaClusterId(), /^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
});
