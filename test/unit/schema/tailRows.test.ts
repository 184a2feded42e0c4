/**
 * What the tail shows of schema-encoded records: the row's cell holds the decoded JSON after the
 * schema's label, an undecodable value its raw bytes (hex) with the reason, a value whose schema is
 * being fetched its bytes with "fetching schema…"; choosing hex shows the raw bytes; keys are decoded
 * like values; plain records are unchanged.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { toRow } from '../../../src/features/tail/tailPanelRows';
import {
  encodeForSchema,
  SchemaFetchError,
  SchemaResolver,
  TailSchemaDecoder,
  type RegistrySchema,
} from '../../../src/kafka/schema';
import type { TailRecord } from '../../../src/kafka/tail';
import type { TailColumn, TailFormatChoice } from '../../../src/webviews/tail/protocol';

const GOOD = '11111111-2222-4333-8444-555555555555';
const UNKNOWN = '99999999-2222-4333-8444-555555555555';
const schema = (id: string, name: string): RegistrySchema => ({
  ref: { registry: 'glue', schemaVersionId: id },
  dataFormat: 'AVRO',
  definition: JSON.stringify({ type: 'record', name: 'R', fields: [{ name: 'n', type: 'int' }] }),
  name,
});
const AUTO: Record<TailColumn, TailFormatChoice> = { key: 'auto', value: 'auto', headers: 'auto' };

function record(seq: number, key: Buffer | null, value: Buffer | null): TailRecord {
  return { seq, partition: 0, offset: String(seq), timestamp: 0, key, value, headers: [], size: 0 };
}

describe('tail rows of schema-encoded records', () => {
  it('decoded JSON with the label; unknown ids as hex with the reason; plain rows unchanged', async () => {
    const resolver = new SchemaResolver({
      glue: (id) =>
        id === GOOD
          ? Promise.resolve(schema(GOOD, 'orders-value v3'))
          : Promise.reject(
              new SchemaFetchError('unknown-id', `Glue has no schema version ${id} (glue:GetSchemaVersion).`),
            ),
    });
    const good = encodeForSchema({ n: 7 }, schema(GOOD, 'orders-value v3'));
    const unknown = encodeForSchema({ n: 1 }, schema(UNKNOWN, 'x'));
    const records = [
      record(0, good, good),
      record(1, null, unknown),
      record(2, Buffer.from('k'), Buffer.from('{"a":1}')),
    ];
    let ended = 0;
    let allEnded!: () => void;
    const done = new Promise<void>((resolve) => (allEnded = resolve));
    // One lookup per schema id (two ids): both end before the rows are read again.
    const decoder = new TailSchemaDecoder(resolver, () => {
      if (++ended === 2) allEnded();
    });
    decoder.observe(records);

    const pending = toRow(0, records[0], AUTO);
    assert.deepEqual(pending.value.schema, { label: 'fetching schema…' });
    assert.equal(pending.value.format, 'hex');
    await done;

    const row = toRow(0, records[0], AUTO);
    assert.equal(row.value.text, '{"n":7}');
    assert.deepEqual(row.value.schema, { label: 'Avro · orders-value v3' });
    assert.equal(row.key.text, '{"n":7}', 'keys are decoded too');

    const bad = toRow(1, records[1], AUTO);
    assert.equal(bad.value.format, 'hex');
    assert.equal(bad.value.text, unknown.toString('hex').replace(/(..)(?!$)/g, '$1 '));
    assert.equal(bad.value.schema?.error, true);
    assert.match(bad.value.schema?.label ?? '', /no schema version 99999999-.*glue:GetSchemaVersion/);

    const plain = toRow(2, records[2], AUTO);
    assert.equal(plain.value.schema, undefined);
    assert.equal(plain.value.text, '{"a":1}');

    const hex = toRow(0, records[0], { ...AUTO, value: 'hex' });
    assert.equal(hex.value.schema, undefined, 'hex shows the raw bytes');
    assert.equal(hex.value.text, good.toString('hex').replace(/(..)(?!$)/g, '$1 '));
  });
});
