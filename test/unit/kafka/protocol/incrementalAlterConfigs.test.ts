/** IncrementalAlterConfigs v0 bytes as Kafka's IncrementalAlterConfigsRequest/Response.json define them. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CONFIG_OPERATION,
  CONFIG_RESOURCE_TYPE,
  decodeIncrementalAlterConfigsResponse,
  encodeIncrementalAlterConfigsRequest,
  incrementalAlterConfigsRequest,
} from '../../../../src/kafka/protocol/incrementalAlterConfigs';

const hex = (...parts: string[]) => Buffer.from(parts.join('').replace(/\s+/g, ''), 'hex');

test('SET on broker 1 and DELETE on the cluster-wide default encode field by field', () => {
  const body = encodeIncrementalAlterConfigsRequest(
    [
      {
        resourceType: CONFIG_RESOURCE_TYPE.BROKER,
        resourceName: '1',
        configs: [{ name: 'a.b', operation: CONFIG_OPERATION.SET, value: '7' }],
      },
      {
        resourceType: CONFIG_RESOURCE_TYPE.BROKER,
        resourceName: '',
        configs: [{ name: 'a.b', operation: CONFIG_OPERATION.DELETE, value: null }],
      },
    ],
    true,
  );
  assert.deepEqual(
    body,
    hex(
      '00000002', // resources: 2
      '04', // resource_type BROKER
      '0001 31', // resource_name "1"
      '00000001', // configs: 1
      '0003 612e62', // name "a.b"
      '00', // SET
      '0001 37', // value "7"
      '04', // BROKER
      '0000', // resource_name "" (the cluster-wide default)
      '00000001', // configs: 1
      '0003 612e62', // "a.b"
      '01', // DELETE
      'ffff', // value null
      '01', // validate_only true
    ),
  );
});

test('the request is API key 44 version 0 (v1 is flexible)', () => {
  const r = incrementalAlterConfigsRequest([]);
  assert.equal(r.apiKey, 44);
  assert.equal(r.apiVersion, 0);
  assert.deepEqual(r.body, hex('00000000', '00'));
});

test("the response keeps Kafka's error code and message per resource", () => {
  const message = 'Cannot update these configs dynamically: Set(log.dirs)';
  const m = Buffer.from(message).toString('hex');
  const payload = hex(
    '00000000', // throttle_time_ms
    '00000002', // responses: 2
    '002a', // error_code 42 INVALID_REQUEST
    message.length.toString(16).padStart(4, '0') + m, // error_message
    '04', // BROKER
    '0001 31', // "1"
    '0000', // error_code 0
    'ffff', // error_message null
    '04',
    '0000', // ""
  );
  assert.deepEqual(decodeIncrementalAlterConfigsResponse(payload), {
    throttleTimeMs: 0,
    responses: [
      { errorCode: 42, errorMessage: message, resourceType: 4, resourceName: '1' },
      { errorCode: 0, errorMessage: null, resourceType: 4, resourceName: '' },
    ],
  });
});

test('a truncated answer is refused with the field it broke in', () => {
  assert.throws(
    () => decodeIncrementalAlterConfigsResponse(hex('00000000', '00000001', '0000', 'ffff', '04', '0005 31')),
    /ends inside responses\.resource_name/,
  );
});
