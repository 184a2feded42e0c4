/**
 * The schema resolver's caches: one fetch per id however many records ask, a failing registry is
 * not asked again for every record (negative cache) until the retry time has passed; decodeField
 * turns every failure into an Undecodable with its reason, and the tail's decoder fetches once per
 * id and decodes records on demand.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  decodeField,
  decodeFieldCached,
  encodeForSchema,
  SchemaFetchError,
  SchemaResolver,
  TailSchemaDecoder,
  recordDecoding,
  type RegistrySchema,
} from '../../../src/kafka/schema/index';

const ID = '11111111-2222-4333-8444-555555555555';
const AVRO: RegistrySchema = {
  ref: { registry: 'glue', schemaVersionId: ID },
  dataFormat: 'AVRO',
  definition: JSON.stringify({ type: 'record', name: 'R', fields: [{ name: 'n', type: 'int' }] }),
  name: 'orders-value v3',
};
const BYTES = encodeForSchema({ n: 7 }, AVRO);

function clock() {
  let t = 1_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('SchemaResolver', () => {
  it('fetches an id once, for concurrent and later callers', async () => {
    let calls = 0;
    const r = new SchemaResolver({ glue: () => (calls++, Promise.resolve(AVRO)) });
    const all = await Promise.all([1, 2, 3].map(() => decodeField(BYTES, r)));
    for (const d of all) assert.deepEqual(d && d.kind === 'decoded' && d.value, { n: 7 });
    await decodeField(BYTES, r);
    assert.equal(calls, 1);
    const cached = decodeFieldCached(BYTES, r);
    assert.equal(cached !== 'pending' && cached?.kind === 'decoded' && cached.label, 'Avro · orders-value v3');
  });

  it('remembers a failure: an unreachable registry is not asked again before the retry time', async () => {
    const c = clock();
    let calls = 0;
    let up = false;
    const r = new SchemaResolver(
      {
        glue: () => {
          calls++;
          return up
            ? Promise.resolve(AVRO)
            : Promise.reject(new SchemaFetchError('unreachable', 'glue:GetSchemaVersion failed: ECONNREFUSED'));
        },
      },
      { retryAfterMs: 30_000, now: c.now },
    );
    for (let i = 0; i < 50; i++) {
      const d = await decodeField(BYTES, r);
      assert.equal(d?.kind === 'undecodable' && d.reason, 'unreachable');
    }
    // Another id of the same registry is not asked either while it is down.
    const other = Buffer.from(BYTES);
    other[17] ^= 0xff;
    const d2 = await decodeField(other, r);
    assert.equal(d2?.kind === 'undecodable' && d2.reason, 'unreachable');
    assert.equal(calls, 1);
    up = true;
    c.advance(30_001);
    const d3 = await decodeField(BYTES, r);
    assert.equal(d3?.kind, 'decoded');
    assert.equal(calls, 2);
  });

  it('an unknown id is remembered for that id only', async () => {
    const c = clock();
    const asked: string[] = [];
    const r = new SchemaResolver(
      {
        glue: (id) => {
          asked.push(id);
          return id === ID
            ? Promise.resolve(AVRO)
            : Promise.reject(new SchemaFetchError('unknown-id', `Glue has no schema version ${id}`));
        },
      },
      { now: c.now },
    );
    const unknown = Buffer.from(BYTES);
    unknown[17] ^= 0xff;
    assert.equal((await decodeField(unknown, r))?.kind, 'undecodable');
    assert.equal((await decodeField(unknown, r))?.kind, 'undecodable');
    assert.equal((await decodeField(BYTES, r))?.kind, 'decoded');
    assert.equal(asked.length, 2);
  });

  it('a Glue record without a Glue registry says so; Confluent framing without a registry is left as bytes', async () => {
    const r = new SchemaResolver({});
    const d = await decodeField(BYTES, r);
    assert.equal(d?.kind === 'undecodable' && d.reason, 'no-registry');
    assert.equal(await decodeField(Buffer.from('000000000700', 'hex'), r), undefined);
  });

  it('corrupt zlib data is reported without asking the registry', async () => {
    let calls = 0;
    const r = new SchemaResolver({ glue: () => (calls++, Promise.resolve(AVRO)) });
    const bad = Buffer.concat([Buffer.from([3, 5]), BYTES.subarray(2, 18), Buffer.from('nope')]);
    const d = await decodeField(bad, r);
    assert.equal(d?.kind === 'undecodable' && d.reason, 'corrupt');
    assert.equal(calls, 0);
  });
});

describe('TailSchemaDecoder', () => {
  it('fetches once per id for a batch, then decodes each record on demand', async () => {
    let calls = 0;
    let resolved!: () => void;
    const done = new Promise<void>((res) => (resolved = res));
    const r = new SchemaResolver({ glue: () => (calls++, Promise.resolve(AVRO)) });
    const decoder = new TailSchemaDecoder(r, () => resolved());
    const records = Array.from({ length: 100 }, () => ({ key: Buffer.from('k'), value: BYTES, headers: [] }));
    const plain = { key: null, value: Buffer.from('{"a":1}'), headers: [] };
    decoder.observe([...records, plain]);
    assert.equal(recordDecoding(records[0], 'value'), 'pending');
    await done;
    assert.equal(calls, 1);
    assert.equal(decoder.revision, 1);
    const d = recordDecoding(records[99], 'value');
    assert.deepEqual(d !== 'pending' && d?.kind === 'decoded' && d.value, { n: 7 });
    assert.equal(recordDecoding(records[0], 'key'), undefined);
    assert.equal(recordDecoding(plain, 'value'), undefined);
  });

  it('after the cache was cleared (Refresh), a shown record asks for its schema again', async () => {
    let calls = 0;
    let ended!: () => void;
    let done = new Promise<void>((res) => (ended = res));
    const r = new SchemaResolver({ glue: () => (calls++, Promise.resolve(AVRO)) });
    const decoder = new TailSchemaDecoder(r, () => ended());
    const first = { key: null, value: BYTES, headers: [] };
    const second = { key: null, value: BYTES, headers: [] };
    decoder.observe([first, second]);
    await done;
    assert.equal(recordDecoding(first, 'value') !== 'pending', true);
    r.clear();
    done = new Promise<void>((res) => (ended = res));
    assert.equal(recordDecoding(second, 'value'), 'pending');
    await done;
    const d = recordDecoding(second, 'value');
    assert.equal(d !== 'pending' && d?.kind, 'decoded');
    assert.equal(calls, 2);
  });
});
