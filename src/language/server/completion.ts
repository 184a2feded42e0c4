/** Completion in producer files: topics after PRODUCE, field and header names, template functions. */
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Position } from 'vscode-languageserver';
import { blockAt, headEndLine } from '../producerFile/parse';
import type { ProducerFile } from '../producerFile/types';
import { BUILTIN_FUNCTIONS, FAKER_FUNCTIONS } from '../../shared/templates/index';

export function computeCompletions(
  file: ProducerFile,
  lines: string[],
  position: Position,
  topics: readonly string[] | undefined,
): CompletionItem[] {
  const line = lines[position.line] ?? '';
  const before = line.slice(0, position.character);

  // Inside an open `{{`: template functions.
  const open = before.lastIndexOf('{{');
  if (open >= 0 && before.indexOf('}}', open) < 0) {
    const typed = before.slice(open + 2).trimStart();
    return templateItems(typed);
  }

  // After `PRODUCE `: topic names.
  if (/^\s*PRODUCE\s+\S*$/i.test(before)) {
    return (topics ?? []).map((t) => ({ label: t, kind: CompletionItemKind.Value, detail: 'topic' }));
  }

  // At the start of a head line: PRODUCE, fields and header names used elsewhere in the file.
  const block = blockAt(file, position.line);
  const inHead = !block || position.line <= headEndLine(block);
  if (inHead && /^[A-Za-z0-9_.-]*$/.test(before)) {
    const items: CompletionItem[] = [
      {
        label: 'PRODUCE',
        kind: CompletionItemKind.Keyword,
        insertText: 'PRODUCE ',
        detail: 'the topic of this block',
        command: { title: 'topics', command: 'editor.action.triggerSuggest' },
      },
      {
        label: 'Key',
        kind: CompletionItemKind.Property,
        insertText: 'Key: ',
        detail: 'message key (templates allowed)',
      },
      {
        label: 'Partition',
        kind: CompletionItemKind.Property,
        insertText: 'Partition: ',
        detail: 'fixed partition (default: by key)',
      },
      { label: 'Repeat', kind: CompletionItemKind.Property, insertText: 'Repeat: ', detail: 'send this block N times' },
      {
        label: 'Timestamp',
        kind: CompletionItemKind.Property,
        insertText: 'Timestamp: ',
        detail: 'ms since the epoch',
      },
      {
        label: 'Schema',
        kind: CompletionItemKind.Property,
        insertText: 'Schema: ',
        detail: 'write the JSON value with a registry schema (glue:… or confluent:…)',
        command: { title: 'schemas', command: 'editor.action.triggerSuggest' },
      },
      {
        label: 'KeySchema',
        kind: CompletionItemKind.Property,
        insertText: 'KeySchema: ',
        detail: 'write the JSON key with a registry schema',
        command: { title: 'schemas', command: 'editor.action.triggerSuggest' },
      },
    ];
    const seen = new Set<string>();
    for (const b of file.blocks)
      for (const h of b.headers) {
        if (seen.has(h.name) || h.nameSpan.line === position.line) continue;
        seen.add(h.name);
        items.push({
          label: h.name,
          kind: CompletionItemKind.Field,
          insertText: `${h.name}: `,
          detail: 'header used in this file',
        });
      }
    return items;
  }
  return [];
}

function templateItems(typed: string): CompletionItem[] {
  const items: CompletionItem[] = [];
  if (!typed.startsWith('faker.')) {
    for (const f of BUILTIN_FUNCTIONS) {
      items.push({
        label: f.name,
        kind: CompletionItemKind.Function,
        detail: f.signature,
        documentation: f.doc,
        insertText: f.name === 'randomInt' ? 'randomInt(${1:0}, ${2:100})' : f.name,
        insertTextFormat: f.name === 'randomInt' ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      });
    }
  }
  for (const f of FAKER_FUNCTIONS) {
    items.push({
      label: `faker.${f}`,
      kind: CompletionItemKind.Function,
      detail: 'fake data (@faker-js/faker)',
      filterText: `faker.${f}`,
    });
  }
  return items;
}
