/**
 * DescribeLogDirs v1 bytes as Kafka's DescribeLogDirsRequest/Response.json define them, written out
 * field by field so a wrong offset or width fails here before a broker sees it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  decodeDescribeLogDirsResponse,
  describeLogDirsRequest,
  encodeDescribeLogDirsRequest,
} from '../../../../src/kafka/protocol/describeLogDirs';
import { NO_LOG_DIRS_REASON, replicaSizes } from '../../../../src/kafka/partitionSizes';

/** Bytes from hex parts (spaces allowed), one part per field. */
const hex = (...parts: string[]) => Buffer.from(parts.join('').replace(/\s+/g, ''), 'hex');

test('the request names the topic and its partitions (ARRAY of STRING + ARRAY of INT32)', () => {
  const body = encodeDescribeLogDirsRequest([{ topic: 'ab', partitions: [0, 2] }]);
  assert.deepEqual(
    body,
    hex(
      '00000001', // topics: 1
      '0002 6162', // topic "ab"
      '00000002', // partitions: 2
      '00000000 00000002', // 0, 2
    ),
  );
});

test('a null topic list is the INT32 -1 (every partition the broker hosts)', () => {
  assert.deepEqual(encodeDescribeLogDirsRequest(null), hex('ffffffff'));
});

test('the request is API key 35 version 1 (v0 is gone in Kafka 4, v2 is flexible)', () => {
  const r = describeLogDirsRequest([{ topic: 't', partitions: [0] }]);
  assert.equal(r.apiKey, 35);
  assert.equal(r.apiVersion, 1);
});

/** One log dir "/d" with topic "ab": partition 0 = 1,000,000 bytes, partition 1 a future replica of 5 bytes. */
const ONE_DIR = hex(
  '00000000', // throttle_time_ms 0
  '00000001', // results: 1
  '0000', // error_code 0
  '0002 2f64', // log_dir "/d"
  '00000001', // topics: 1
  '0002 6162', // name "ab"
  '00000002', // partitions: 2
  '00000000 00000000000f4240 0000000000000003 00', // partition 0, size 1000000, offset lag 3, current
  '00000001 0000000000000005 0000000000000000 01', // partition 1, size 5, offset lag 0, future
);

test('the response decodes every field of every level', () => {
  assert.deepEqual(decodeDescribeLogDirsResponse(ONE_DIR), {
    throttleTimeMs: 0,
    results: [
      {
        errorCode: 0,
        logDir: '/d',
        topics: [
          {
            name: 'ab',
            partitions: [
              { partition: 0, size: 1_000_000n, offsetLag: 3n, isFuture: false },
              { partition: 1, size: 5n, offsetLag: 0n, isFuture: true },
            ],
          },
        ],
      },
    ],
  });
});

test('sizes are taken from current replicas only (a future replica being moved is not the log)', () => {
  const sizes = replicaSizes(decodeDescribeLogDirsResponse(ONE_DIR), 'ab');
  assert.deepEqual([...sizes.entries()], [[0, 1_000_000]]);
  assert.equal(replicaSizes(decodeDescribeLogDirsResponse(ONE_DIR), 'other').size, 0);
});

test('a refused principal gets no log directory at all in v1 (no top-level error code before v3)', () => {
  const refused = decodeDescribeLogDirsResponse(hex('00000000', '00000000'));
  assert.deepEqual(refused, { throttleTimeMs: 0, results: [] });
  assert.match(NO_LOG_DIRS_REASON, /DESCRIBE on the CLUSTER resource/);
});

test('a truncated or over-long answer is refused with the field it broke in', () => {
  assert.throws(
    () => decodeDescribeLogDirsResponse(ONE_DIR.subarray(0, ONE_DIR.length - 3)),
    /ends inside partitions\.offset_lag/,
  );
  assert.throws(() => decodeDescribeLogDirsResponse(Buffer.concat([ONE_DIR, hex('00')])), /1 unexpected bytes/);
  assert.throws(() => decodeDescribeLogDirsResponse(hex('00000000', '7fffffff')), /claims 2147483647 elements/);
});
