/**
 * Broker addresses: the connection form refuses what the connection could not use (the same parser
 * decides both), naming the bad entry and, for a port out of range, the allowed range.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bootstrapListProblem, parseHostPort } from '../../../src/shared/hostPort';

void test('host:port and [v6]:port parse; ports 1 and 65535 are the bounds', () => {
  assert.deepEqual(parseHostPort(' b-1.example.com:9098 '), { host: 'b-1.example.com', port: 9098 });
  assert.deepEqual(parseHostPort('[::1]:9092'), { host: '::1', port: 9092 });
  assert.deepEqual(parseHostPort('localhost:1'), { host: 'localhost', port: 1 });
  assert.deepEqual(parseHostPort('localhost:65535'), { host: 'localhost', port: 65535 });
  assert.throws(() => parseHostPort('localhost:0'), /"localhost:0" has an invalid port: 0 \(ports are 1–65535\)/);
  assert.throws(() => parseHostPort('localhost:65536'), /invalid port: 65536/);
  assert.throws(() => parseHostPort('localhost'), /"localhost" is not a host:port address/);
});

void test('the connection form accepts a list of usable addresses', () => {
  assert.equal(bootstrapListProblem('b-1:9098, b-2:9098,[fe80::1]:9092'), undefined);
  assert.equal(bootstrapListProblem('localhost:65535,'), undefined);
});

void test('the connection form refuses port 0, ports above 65535 and entries without a port, naming them', () => {
  assert.equal(bootstrapListProblem('b-1:9098,b-2:0'), '"b-2:0" has an invalid port: 0 (ports are 1–65535)');
  assert.equal(bootstrapListProblem('b-1:99999'), '"b-1:99999" has an invalid port: 99999 (ports are 1–65535)');
  assert.equal(bootstrapListProblem('[::1]:70000'), '"[::1]:70000" has an invalid port: 70000 (ports are 1–65535)');
  assert.equal(bootstrapListProblem('b-1:9098,b-2'), '"b-2" is not a host:port address');
  assert.equal(bootstrapListProblem(' , '), 'At least one host:port');
});
