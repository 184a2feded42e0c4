/**
 * Which names `npm run sandbox -- reset` (and the test runner's leftover check) treats as made by
 * tests and benchmarks: theirs, never the sandbox's own topics and groups or a person's.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { leftoverKind } from '../../../sandbox/lifecycle/reset';
import { uniqueName } from '../../integration/support/sandbox';

void test('the names tests and benchmarks make are leftovers', () => {
  for (const name of [
    uniqueName('it-lag-exact'),
    uniqueName('produce-it-read'),
    uniqueName('tail-ui'),
    'scale-t-00000',
    'scale-t-04999',
    'bench-lag-t3',
    'bench-lag-g042',
    'bench-produce',
  ])
    assert.ok(leftoverKind(name), `${name} is a leftover`);
});

void test("the sandbox's own topics and groups and other names are not", () => {
  for (const name of [
    'sandbox.file-events',
    'msk-sandbox-connect-offsets',
    'msk-sandbox-connect-configs',
    'msk-sandbox-connect-status',
    'msk-sandbox-connect',
    '__consumer_offsets',
    'connect-sandbox-file-sink',
    'orders',
    'orders-2024-12-01',
    'payments-eu-west-1',
    'msk-explorer-tail-mikb3x2k-0a1b2c3d',
  ])
    assert.equal(leftoverKind(name), undefined, `${name} is not a leftover`);
});
