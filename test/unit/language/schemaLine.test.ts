/**
 * The `Schema:` / `KeySchema:` lines of producer files: parsing (with the problems a person sees),
 * completion one part at a time from the names the extension gives, and diagnostics of values that
 * do not fit, placed on the field's line — through the real language-server state and a fake host.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Diagnostic, TextEdit } from 'vscode-languageserver';
import { parseProducerFile } from '../../../src/language/producerFile/parse';
import type { SchemaCheckParams, SchemaCheckResult, SchemaNamesParams } from '../../../src/language/protocol';
import { findField } from '../../../src/language/server/schemaDiagnostics';
import { ProducerFileServer } from '../../../src/language/server/server';
import {
  formatSchemaSelection,
  parseSchemaNamesQuery,
  parseSchemaSelection,
} from '../../../src/shared/schemaSelection';

describe('schema selections', () => {
  it('reads Glue and Confluent forms; a missing version means latest', () => {
    assert.deepEqual(parseSchemaSelection('glue:payments/orders@latest'), {
      registry: 'glue',
      registryName: 'payments',
      schemaName: 'orders',
      version: 'latest',
    });
    assert.deepEqual(parseSchemaSelection(' confluent:orders-value@3 '), {
      registry: 'confluent',
      subject: 'orders-value',
      version: 3,
    });
    assert.deepEqual(parseSchemaSelection('confluent:a/b.proto'), {
      registry: 'confluent',
      subject: 'a/b.proto',
      version: 'latest',
    });
    for (const text of ['glue:payments/orders@3', 'confluent:orders-value@latest'])
      assert.equal(formatSchemaSelection(parseSchemaSelection(text) as never), text);
  });

  it('reads the write options after the schema: the Protobuf message type and zlib (Glue)', () => {
    assert.deepEqual(parseSchemaSelection('glue:reg/orders@2 type=sandbox.orders.Refund compression=zlib'), {
      registry: 'glue',
      registryName: 'reg',
      schemaName: 'orders',
      version: 2,
      messageType: 'sandbox.orders.Refund',
      compression: 'zlib',
    });
    assert.deepEqual(parseSchemaSelection('confluent:orders-value type=.pkg.Msg'), {
      registry: 'confluent',
      subject: 'orders-value',
      version: 'latest',
      messageType: 'pkg.Msg',
    });
    const text = 'glue:reg/orders@latest type=pkg.Msg compression=zlib';
    assert.equal(formatSchemaSelection(parseSchemaSelection(text) as never), text);
  });

  it('a question for a schema’s message types is checked like the others (a webview or the server asks it)', () => {
    assert.deepEqual(parseSchemaNamesQuery({ registry: 'types', schema: 'glue:reg/orders@2' }), {
      registry: 'types',
      schema: 'glue:reg/orders@2',
    });
    assert.equal(parseSchemaNamesQuery({ registry: 'types', schema: 'avro:orders' }), undefined);
    assert.equal(parseSchemaNamesQuery({ registry: 'types' }), undefined);
  });

  it('says what is wrong with a bad one', () => {
    const error = (t: string) => (parseSchemaSelection(t) as { error: string }).error;
    assert.match(error('orders'), /glue:<registry>\/<schema>@latest/);
    assert.match(error('glue:orders@latest'), /glue:<registry>\/<schema>/);
    assert.match(error('glue:a/b@0'), /`latest` or a number from 1, not “0”/);
    assert.match(error('glue:a/b c@1'), /Unknown option “c@1”/);
    assert.match(error('glue:a/b@1 type=9x'), /type= is a Protobuf full name/);
    assert.match(error('glue:a/b@1 compression=gzip'), /`zlib` or `none`, not “gzip”/);
    assert.match(error('confluent:orders@1 compression=zlib'), /Confluent wire format has no compression/);
    assert.match(error('confluent:@2'), /confluent:<subject>/);
  });
});

describe('parsing Schema lines', () => {
  it('puts the value and key schemas on the block (not among the headers)', () => {
    const [b] = parseProducerFile(
      'PRODUCE orders\nKey: {"id": "1"}\nSchema: glue:payments/orders@2\nKeySchema: confluent:orders-key@latest\nX-Trace: 1\n\n{"id": "1"}',
    ).blocks;
    assert.deepEqual(b.problems, []);
    assert.deepEqual(b.schema?.value, { registry: 'glue', registryName: 'payments', schemaName: 'orders', version: 2 });
    assert.deepEqual(b.keySchema?.value, { registry: 'confluent', subject: 'orders-key', version: 'latest' });
    assert.deepEqual(b.schema?.span, { line: 2, start: 8, end: 30 });
    assert.deepEqual(
      b.headers.map((h) => h.name),
      ['X-Trace'],
    );
  });

  it('a malformed line is a problem on its value', () => {
    const [b] = parseProducerFile('PRODUCE orders\nSchema: avro:orders\n\n{}').blocks;
    assert.equal(b.schema, undefined);
    assert.equal(b.problems.length, 1);
    assert.match(b.problems[0].message, /^Schema: A schema is written `glue:/);
    assert.deepEqual(b.problems[0].span, { line: 1, start: 8, end: 19 });
  });
});

const URI = 'file:///s.kafka';
const NAMES: Record<string, string[]> = {
  glue: ['payments', 'sandbox-registry'],
  'glue/payments': ['orders', 'refunds'],
  'glue/payments/orders': ['3', '2', '1'],
  confluent: ['orders-value'],
  'confluent/orders-value': ['2', '1'],
  'types glue:payments/orders@latest': ['pay.Order', 'pay.Order.Line', 'pay.Refund'],
};

function setup(text: string, check?: (p: SchemaCheckParams) => SchemaCheckResult) {
  const published = new Map<string, Diagnostic[]>();
  const asked: SchemaNamesParams[] = [];
  const checks: SchemaCheckParams[] = [];
  const server = new ProducerFileServer({
    publishDiagnostics: (uri, d) => published.set(uri, d),
    requestTopics: () => Promise.resolve({ ok: true, cluster: 'dev', topics: ['orders'] }),
    refreshCodeLenses: () => undefined,
    getText: () => text,
    requestSchemaNames: (p) => {
      asked.push(p);
      const key =
        p.registry === 'glue'
          ? ['glue', p.registryName, p.schemaName].filter(Boolean).join('/')
          : p.registry === 'types'
            ? `types ${p.schema}`
            : ['confluent', p.subject].filter(Boolean).join('/');
      return Promise.resolve({ ok: true, names: NAMES[key] ?? [] });
    },
    requestSchemaCheck: (p) => {
      checks.push(p);
      return Promise.resolve(check ? check(p) : { ok: true, schemaName: 'Avro · orders v3', issues: [] });
    },
  });
  server.setCluster({ uri: URI, cluster: { key: 'k', name: 'dev' } });
  return { server, published, asked, checks };
}

/** The labels, and the text each item puts where. */
async function complete(text: string) {
  const { server, asked } = setup(text);
  const lines = text.split('\n');
  const line = lines.length - 1;
  const items = await server.completion(URI, { line, character: lines[line].length });
  return {
    labels: items.map((i) => i.label),
    edits: items.map((i) => {
      const e = i.textEdit as TextEdit | undefined;
      return e ? `${e.range.start.character}-${e.range.end.character}:${e.newText}` : String(i.insertText);
    }),
    asked,
  };
}

describe('completing Schema lines', () => {
  it('offers the two registries, then Glue registries, schemas and versions, each replacing its part', async () => {
    assert.deepEqual((await complete('PRODUCE orders\nSchema: ')).labels, ['glue:', 'confluent:']);
    const regs = await complete('PRODUCE orders\nSchema: glue:pa');
    assert.deepEqual(regs.labels, ['payments', 'sandbox-registry']);
    assert.equal(regs.edits[0], '13-15:payments/');
    const schemas = await complete('PRODUCE orders\nSchema: glue:payments/or');
    assert.deepEqual(schemas.labels, ['orders', 'refunds']);
    assert.equal(schemas.edits[0], '22-24:orders@');
    const versions = await complete('PRODUCE orders\nKeySchema: glue:payments/orders@');
    assert.deepEqual(versions.labels, ['latest', '3', '2', '1']);
    assert.equal(versions.edits[1], '32-32:3');
    assert.deepEqual(versions.asked, [{ uri: URI, registry: 'glue', registryName: 'payments', schemaName: 'orders' }]);
  });

  it('Confluent: subjects, then versions', async () => {
    assert.deepEqual((await complete('PRODUCE orders\nSchema: confluent:')).labels, ['orders-value']);
    assert.deepEqual((await complete('PRODUCE orders\nSchema: confluent:orders-value@')).labels, ['latest', '2', '1']);
  });

  it('after the schema: type= with the schema’s message types (the default first), and compression=zlib for Glue', async () => {
    const opts = await complete('PRODUCE orders\nSchema: glue:payments/orders@latest ');
    assert.deepEqual(opts.labels, ['type=', 'compression=zlib']);
    assert.deepEqual(opts.asked, [{ uri: URI, registry: 'types', schema: 'glue:payments/orders@latest' }]);
    const types = await complete('PRODUCE orders\nSchema: glue:payments/orders@latest type=pay.R');
    assert.deepEqual(types.labels, ['pay.Order', 'pay.Order.Line', 'pay.Refund']);
    assert.equal(types.edits[2], '36-46:type=pay.Refund');
    // Confluent has no compression; an Avro schema (no message types) has no type=.
    assert.deepEqual((await complete('PRODUCE orders\nSchema: confluent:orders-value@2 ')).labels, []);
    assert.deepEqual((await complete('PRODUCE orders\nSchema: glue:payments/orders@latest compression=zlib ')).labels, [
      'type=',
    ]);
  });

  it('offers Schema and KeySchema among the field names', async () => {
    assert.ok((await complete('PRODUCE orders\nSch')).labels.includes('Schema'));
    assert.ok((await complete('PRODUCE orders\n')).labels.includes('KeySchema'));
  });
});

describe('diagnostics of values written with a schema', () => {
  const FILE = 'PRODUCE orders\nSchema: glue:payments/orders@latest\n\n{\n  "id": "1",\n  "amount": "x"\n}';

  it('asks the extension to check the value and puts each issue on its field’s line', async () => {
    const { server, checks } = setup(FILE, () => ({
      ok: true,
      schemaName: 'Avro · orders v3',
      issues: [
        { path: '$.amount', message: 'expected a decimal' },
        { path: '$.customer', message: 'missing' },
      ],
    }));
    const d = await server.validate(URI);
    // Validated once when the cluster was set and once here: the same question both times.
    assert.ok(checks.length >= 1);
    for (const c of checks)
      assert.deepEqual(c, {
        uri: URI,
        schema: 'glue:payments/orders@latest',
        field: 'value',
        text: '{\n  "id": "1",\n  "amount": "x"\n}',
      });
    const mismatches = d.filter((x) => x.code === 'schemaMismatch');
    assert.deepEqual(
      mismatches.map((x) => [x.message, x.range.start.line, x.range.start.character]),
      [
        ['The value does not fit Avro · orders v3: $.amount: expected a decimal', 5, 2],
        ['The value does not fit Avro · orders v3: $.customer: missing', 3, 0],
      ],
    );
  });

  it('an unknown message type is an error on the Schema line, naming the types the schema has', async () => {
    const file = 'PRODUCE orders\nSchema: glue:payments/orders@latest type=pay.Nope\n\n{"id": "1"}';
    const { server, checks } = setup(file, () => ({
      ok: false,
      code: 'unknownMessageType',
      error: 'The Protobuf schema orders v1 has no message type pay.Nope (it has pay.Order, pay.Refund).',
    }));
    const d = (await server.validate(URI)).filter((x) => x.code === 'unknownMessageType');
    assert.equal(checks[0].schema, 'glue:payments/orders@latest type=pay.Nope');
    assert.equal(d.length, 1);
    assert.equal(d[0].severity, 1);
    assert.equal(d[0].range.start.line, 1);
    assert.match(d[0].message, /has no message type pay\.Nope \(it has pay\.Order, pay\.Refund\)/);
  });

  it('a schema that cannot be read is a warning on the Schema line', async () => {
    const { server } = setup(FILE, () => ({ ok: false, error: 'glue:GetSchemaVersion failed: Schema is not found.' }));
    const d = (await server.validate(URI)).filter((x) => x.code === 'schemaUnavailable');
    assert.equal(d.length, 1);
    assert.equal(d[0].range.start.line, 1);
    assert.match(d[0].message, /could not be checked: glue:GetSchemaVersion failed/);
  });

  it('a value that fits has no schema diagnostics; a block with parse problems is not checked', async () => {
    assert.deepEqual(
      (await setup(FILE).server.validate(URI)).filter((x) => String(x.code).startsWith('schema')),
      [],
    );
    const broken = setup('PRODUCE orders\nSchema: glue:payments/orders@latest\nPartition: x\n\n{}');
    await broken.server.validate(URI);
    assert.deepEqual(broken.checks, []);
  });

  it('a slow registry: the file’s own problems show at once; a verdict on an older text is not shown', async () => {
    let text = `${FILE}\n### b\nPRODUCE orders\nPartition: x\n\n{}`;
    let answer: (r: SchemaCheckResult) => void = () => undefined;
    const published: Diagnostic[][] = [];
    const server = new ProducerFileServer({
      publishDiagnostics: (_uri, d) => published.push(d),
      requestTopics: () => Promise.resolve({ ok: true, cluster: 'dev', topics: ['orders'] }),
      refreshCodeLenses: () => undefined,
      getText: () => text,
      requestSchemaCheck: () => new Promise<SchemaCheckResult>((resolve) => (answer = resolve)),
    });
    server.setCluster({ uri: URI, cluster: { key: 'k', name: 'dev' } });
    const validation = server.validate(URI);
    await new Promise((r) => setImmediate(r));
    // The Partition problem of the second block is out while the check waits.
    assert.ok(published.some((d) => d.some((x) => /Partition: a whole number/.test(x.message))));
    text = `${text}\n`;
    answer({ ok: true, schemaName: 'Avro · orders v3', issues: [{ path: '$.id', message: 'stale' }] });
    await validation;
    assert.ok(
      published.every((d) => d.every((x) => !/stale/.test(x.message))),
      'the outdated verdict is dropped',
    );
  });

  it('findField: the last named field of a path, else the value’s first line', () => {
    const lines = ['{', '  "items": [{"price": 1}]', '}'];
    assert.deepEqual(findField(lines, 0, 2, '$.items[0].price'), { line: 1, start: 13, end: 20 });
    assert.deepEqual(findField(lines, 0, 2, '$'), { line: 0, start: 0, end: 1 });
  });
});
