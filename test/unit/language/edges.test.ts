/** Producer files: partitions the topic lacks, unclosed templates, and what "Produce all" counts. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver';
import type { TopicsResult } from '../../../src/language/protocol';
import { unclosedTemplates } from '../../../src/language/server/diagnostics';
import { ProducerFileServer } from '../../../src/language/server/server';

const TOPICS: TopicsResult = {
  ok: true,
  cluster: 'dev',
  topics: ['orders', 'audit'],
  partitions: { orders: 2, audit: 3 },
};

function setup(text: string) {
  const published: Diagnostic[][] = [];
  const server = new ProducerFileServer({
    publishDiagnostics: (_uri, d) => published.push(d),
    requestTopics: () => Promise.resolve(TOPICS),
    refreshCodeLenses: () => undefined,
    getText: () => text,
  });
  server.setCluster({ uri: 'file:///f.kafka', cluster: { key: 'k', name: 'dev' } });
  return server;
}

describe('producer-file diagnostics and lenses', () => {
  it('flags Partition: 99 on a 2-partition topic, naming its partitions', async () => {
    const server = setup('PRODUCE orders\nPartition: 99\n\n{"a": 1}\n');
    const diags = await server.validate('file:///f.kafka');
    assert.deepEqual(
      diags.map((d) => [d.range.start.line, d.message]),
      [[1, 'Partition 99 does not exist: orders has partitions 0 and 1. Omit Partition to let the key choose.']],
    );
    const ok = setup('PRODUCE audit\nPartition: 2\n\n{"a": 1}\n');
    assert.deepEqual(await ok.validate('file:///f.kafka'), []);
  });

  it('flags an unclosed {{seq in a value, a key or a header', async () => {
    const server = setup('PRODUCE orders\nKey: k-{{seq\nX-Id: {{uuid}}\n\n{"n": "{{seq", "m": "{{index}}"}\n');
    const diags = await server.validate('file:///f.kafka');
    const unclosed = diags.filter((d) => d.code === 'unclosedTemplate');
    assert.deepEqual(
      unclosed.map((d) => [d.range.start.line, d.range.start.character, d.message]),
      [
        [1, 7, 'Unclosed template: {{seq needs a closing }}.'],
        [4, 7, 'Unclosed template: {{seq needs a closing }}.'],
      ],
    );
    assert.deepEqual(unclosedTemplates('{{a}} {{b {{c}}'), [6]);
    assert.deepEqual(unclosedTemplates('{{uuid}}-{{seq}}'), []);
  });

  it('"Produce all" counts only blocks without errors and says how many need fixing', async () => {
    const text = [
      '### good',
      'PRODUCE orders',
      'Repeat: 3',
      '',
      '{"a": 1}',
      '### bad partition',
      'PRODUCE orders',
      'Partition: 99',
      '',
      '{"a": 2}',
      '### good too',
      'PRODUCE audit',
      '',
      'x',
    ].join('\n');
    const server = setup(text);
    await server.validate('file:///f.kafka');
    const top = server.codeLenses('file:///f.kafka')[0];
    assert.equal(top.command?.title, '⚠ Produce all: fix 1 block with errors first (2 blocks, 4 messages ready)');
    const clean = setup(text.replace('Partition: 99', 'Partition: 1'));
    await clean.validate('file:///f.kafka');
    assert.equal(clean.codeLenses('file:///f.kafka')[0].command?.title, '▶ Produce all (3 blocks, 5 messages)');
  });
});
