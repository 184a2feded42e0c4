/**
 * Writing keys and values with a registry schema, with the real Avro codec and Glue framing: each
 * rendered message is validated and encoded, a message that does not fit names the message, the field
 * and the path, base64 bytes and non-JSON text are refused with the next step, a tombstone stays one,
 * and a bulk send of one message object is encoded once. The producer panel's draft carries the picked
 * schemas, and the webview's requests are checked before the host sees them.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { schemaEncoder, type SchemaCodec } from '../../../src/features/produce/schemaEncode';
import * as kafka from '../../../src/kafka';
import type { OutgoingMessage } from '../../../src/kafka/produce/types';
import type { RegistrySchema } from '../../../src/kafka/schema/types';
import { emptyDraft, parseDraft, producerProtocol } from '../../../src/webviews/producer/protocol';

const VERSION_ID = '0b7f1f5e-6d3a-4f0e-9a51-3f2f7c1d2e4a';
const ORDER: RegistrySchema = {
  ref: { registry: 'glue', schemaVersionId: VERSION_ID },
  dataFormat: 'AVRO',
  name: 'orders v1',
  definition: JSON.stringify({
    type: 'record',
    name: 'Order',
    fields: [
      { name: 'id', type: 'string' },
      { name: 'amount', type: 'double' },
    ],
  }),
};

const message = (value: string | Buffer | null, key: string | null = null): OutgoingMessage => ({
  key,
  value,
  headers: [],
});

function refusal(run: () => unknown): Error {
  try {
    run();
  } catch (err) {
    return err as Error;
  }
  assert.fail('refused');
}

describe('schema encoding of a send', () => {
  test('a value that fits is framed for Glue and decodes back to the same JSON', async () => {
    const encode = schemaEncoder(kafka, { value: { schema: ORDER } });
    const out = encode(message('{"id": "o-1", "amount": 12.5}', 'k'), 0);
    assert.equal(out.key, 'k', 'the key without a schema goes as typed');
    assert.ok(Buffer.isBuffer(out.value));
    assert.deepEqual([...out.value.subarray(0, 2)], [3, 0], 'Glue header version 3, no compression');
    const resolver = new kafka.SchemaResolver({ glue: () => Promise.resolve(ORDER) });
    const decoded = await kafka.decodeField(out.value, resolver);
    assert.equal(decoded?.kind, 'decoded');
    assert.deepEqual(decoded?.kind === 'decoded' ? decoded.value : undefined, { id: 'o-1', amount: 12.5 });
  });

  test('a value that does not fit names the message, the field and the path', () => {
    const encode = schemaEncoder(kafka, { value: { schema: ORDER } });
    const err = refusal(() => encode(message('{"id": "o-2", "amount": "lots"}'), 4));
    assert.equal(err.name, 'UserError');
    assert.match(err.message, /^Message 5: the value does not fit schema orders v1: \$\.amount/);
  });

  test('text that is not JSON, and base64 bytes, are refused with the next step', () => {
    const encode = schemaEncoder(kafka, { key: { schema: ORDER } });
    const notJson = refusal(() => encode(message(null, 'plain'), 0));
    assert.match(notJson.message, /^Message 1: the key is not JSON/);
    const bytes = refusal(() => schemaEncoder(kafka, { value: { schema: ORDER } })(message(Buffer.from([1, 2])), 0));
    assert.match(bytes.message, /base64 bytes; schema orders v1 writes JSON text/);
    assert.match((bytes as { hint?: string }).hint ?? '', /Switch the value to text/);
  });

  test('a tombstone stays a tombstone; the same message object is encoded once', () => {
    let calls = 0;
    const codec: SchemaCodec = {
      validateForSchema: () => [],
      encodeForSchema: () => {
        calls++;
        return Buffer.from([0]);
      },
    };
    const encode = schemaEncoder(codec, { value: { schema: ORDER } });
    assert.equal(encode(message(null), 0).value, null);
    const m = message('{}');
    const first = encode(m, 0);
    assert.equal(encode(m, 1), first);
    assert.equal(calls, 1);
  });
});

describe('the producer panel draft with schemas', () => {
  test('keeps the picked schemas; refuses a malformed one', () => {
    const draft = { ...emptyDraft(), valueSchema: 'glue:payments/orders@latest', keySchema: 'confluent:orders-key@2' };
    assert.deepEqual(parseDraft(draft), draft);
    assert.equal(parseDraft({ ...emptyDraft(), valueSchema: 'avro:orders' }), undefined);
    assert.equal(parseDraft({ ...emptyDraft(), valueSchema: 7 }), undefined);
  });

  test('the webview’s schema requests are checked', () => {
    const names = producerProtocol.requests.schemaNames.parse;
    assert.deepEqual(names({ registry: 'glue', registryName: 'payments' }), {
      registry: 'glue',
      registryName: 'payments',
    });
    assert.deepEqual(names({ registry: 'confluent', subject: 'orders-value', extra: 1 }), {
      registry: 'confluent',
      subject: 'orders-value',
    });
    assert.equal(names({ registry: 'ldap' }), undefined);
    assert.equal(names({ registry: 'glue', registryName: '' }), undefined);
    const check = producerProtocol.requests.checkSchema.parse;
    assert.deepEqual(check({ schema: 'glue:a/b@1', text: '{}' }), { schema: 'glue:a/b@1', text: '{}' });
    assert.equal(check({ schema: 'a/b', text: '{}' }), undefined);
    assert.equal(check({ schema: 'glue:a/b@1' }), undefined);
  });
});
