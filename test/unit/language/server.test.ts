/** The language server's handlers on sample files, through its real state object and a fake host. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver';
import type { TopicsParams, TopicsResult } from '../../../src/language/protocol';
import { ProducerFileServer } from '../../../src/language/server/server';
import { BROKEN, GOOD } from './fixtures';

function setup(
  texts: Record<string, string>,
  topics: TopicsResult = { ok: true, cluster: 'dev', topics: ['orders', 'payments', 'audit'] },
) {
  const published = new Map<string, Diagnostic[]>();
  const requests: TopicsParams[] = [];
  let refreshes = 0;
  const server = new ProducerFileServer({
    publishDiagnostics: (uri, d) => published.set(uri, d),
    requestTopics: (p) => {
      requests.push(p);
      return Promise.resolve(topics);
    },
    refreshCodeLenses: () => void refreshes++,
    getText: (uri) => texts[uri],
  });
  return { server, published, requests, refreshes: () => refreshes };
}

describe('producer-file language server', () => {
  it('completes topic names of the active cluster after PRODUCE', async () => {
    const { server, requests } = setup({ 'file:///a.kafka': 'PRODUCE or' });
    assert.deepEqual(await server.completion('file:///a.kafka', { line: 0, character: 10 }), []);
    server.setCluster({ uri: 'file:///a.kafka', cluster: { key: 'k', name: 'dev' } });
    const items = await server.completion('file:///a.kafka', { line: 0, character: 10 });
    assert.deepEqual(
      items.map((i) => i.label),
      ['orders', 'payments', 'audit'],
    );
    assert.ok(requests.length >= 1);
  });

  it('completes template functions inside {{ and faker functions after faker.', async () => {
    const { server } = setup({
      'file:///a.kafka': 'PRODUCE t\n\n{"a": "{{',
      'file:///b.kafka': 'PRODUCE t\n\n{{faker.pe',
    });
    const items = await server.completion('file:///a.kafka', { line: 2, character: 9 });
    const labels = items.map((i) => i.label);
    for (const name of ['uuid', 'seq', 'now', 'randomInt', 'faker.person.firstName'])
      assert.ok(labels.includes(name), name);
    const faker = await server.completion('file:///b.kafka', { line: 2, character: 10 });
    assert.ok(faker.every((i) => String(i.label).startsWith('faker.')));
    assert.ok(faker.some((i) => i.label === 'faker.person.lastName'));
  });

  it('completes field names and header names already used in the file', async () => {
    const { server } = setup({ 'file:///a.kafka': `${GOOD}\n### more\nPRODUCE audit\nX-` });
    const lines = `${GOOD}\n### more\nPRODUCE audit\nX-`.split('\n');
    const items = await server.completion('file:///a.kafka', { line: lines.length - 1, character: 2 });
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('X-Source'));
    assert.ok(labels.includes('Content-Type'));
    assert.ok(labels.includes('Partition'));
  });

  it('reports no diagnostics for a good file whose topics exist', async () => {
    const { server } = setup({ 'file:///g.kafka': GOOD });
    server.setCluster({ uri: 'file:///g.kafka', cluster: { key: 'k', name: 'dev' } });
    assert.deepEqual(await server.validate('file:///g.kafka'), []);
  });

  it('diagnoses a missing topic, a bad partition, invalid JSON, an unknown template and a topic not on the cluster', async () => {
    const { server } = setup({ 'file:///b.kafka': BROKEN });
    server.setCluster({ uri: 'file:///b.kafka', cluster: { key: 'k', name: 'dev' } });
    const diags = await server.validate('file:///b.kafka');
    const at = (line: number) => diags.filter((d) => d.range.start.line === line).map((d) => d.message);
    assert.ok(
      at(0).some((m) => m.includes('no `PRODUCE <topic>`')),
      JSON.stringify(diags),
    );
    assert.ok(at(6).some((m) => m.startsWith('Partition:')));
    const unknown = diags.find((d) => d.code === 'unknownTemplate');
    assert.ok(unknown);
    assert.deepEqual(unknown.range, { start: { line: 8, character: 8 }, end: { line: 8, character: 12 } });
    assert.ok(diags.some((d) => d.code === 'invalidJson' && d.range.start.line === 8));
    const ghost = diags.find((d) => d.code === 'unknownTopic');
    assert.ok(ghost);
    assert.equal(ghost.message, 'Topic "ghosts" does not exist on dev.');
    assert.deepEqual(ghost.range, { start: { line: 10, character: 8 }, end: { line: 10, character: 14 } });
  });

  it('does not claim topics are missing when the topic list cannot be read', async () => {
    const { server, requests } = setup({ 'file:///b.kafka': BROKEN }, { ok: false, error: 'denied' });
    server.setCluster({ uri: 'file:///b.kafka', cluster: { key: 'k', name: 'dev' } });
    const diags = await server.validate('file:///b.kafka');
    assert.equal(diags.filter((d) => d.code === 'unknownTopic').length, 0);
    assert.ok(diags.some((d) => d.code === 'invalidJson'));
    // Typing on: the failed listing is not asked again on every keystroke.
    await server.validate('file:///b.kafka');
    await server.validate('file:///b.kafka');
    assert.equal(requests.length, 1);
  });

  it('hovers template functions with their documentation', () => {
    const { server } = setup({ 'file:///a.kafka': 'PRODUCE t\nKey: {{uuid}}-{{faker.person.firstName}}' });
    const uuid = server.hover('file:///a.kafka', { line: 1, character: 8 });
    assert.ok(uuid && typeof uuid.contents === 'object' && 'value' in uuid.contents);
    assert.match(uuid.contents.value, /random UUID/);
    assert.deepEqual(uuid.range, { start: { line: 1, character: 5 }, end: { line: 1, character: 13 } });
    const faker = server.hover('file:///a.kafka', { line: 1, character: 20 });
    assert.ok(faker && typeof faker.contents === 'object' && 'value' in faker.contents);
    assert.match(faker.contents.value, /faker\.person\.firstName\(\)/);
    assert.equal(server.hover('file:///a.kafka', { line: 0, character: 2 }), null);
  });

  it('puts "Produce all" on line 0 and "Produce" on each block\'s PRODUCE line, then the last send status', () => {
    const { server, refreshes } = setup({ 'file:///g.kafka': GOOD });
    const lenses = server.codeLenses('file:///g.kafka');
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.arguments]),
      [
        [0, '▶ Produce all (2 blocks, 4 messages)', ['file:///g.kafka']],
        [1, '▶ Produce ×3 to orders', ['file:///g.kafka', 0]],
        [9, '▶ Produce to payments', ['file:///g.kafka', 1]],
      ],
    );
    server.setStatus({ uri: 'file:///g.kafka', block: 1, text: '✓ 1 sent → p2@7' });
    assert.equal(refreshes(), 1);
    const after = server.codeLenses('file:///g.kafka');
    assert.deepEqual(after.at(-1)?.command?.title, '✓ 1 sent → p2@7');
    assert.equal(after.at(-1)?.range.start.line, 9);
  });

  it('offers no lenses on a broken file without any topic', () => {
    const { server } = setup({ 'file:///x.kafka': 'Key: k\n\nvalue' });
    assert.deepEqual(server.codeLenses('file:///x.kafka'), []);
  });
});
