/**
 * Completion of a `Schema:` / `KeySchema:` line, one part at a time: `glue:` or `confluent:`, then
 * the registry, the schema (or subject), then `latest` or a version. Names come from the extension
 * (SCHEMA_NAMES_REQUEST); each item replaces the part being typed and asks for the next part.
 * After a space: the options `type=<package.Message>` (Protobuf, the schema's message types) and
 * `compression=zlib` (Glue).
 */
import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver';
import type { SchemaNamesParams, SchemaNamesResult } from '../protocol';

const SCHEMA_LINE = /^(\s*(?:Key)?Schema\s*:\s?)(.*)$/i;
const NEXT = { title: 'next part', command: 'editor.action.triggerSuggest' };

/** The `Schema:` text before the cursor, if the cursor is in a schema line's value. */
export function schemaLinePrefix(before: string): { start: number; typed: string } | undefined {
  const m = SCHEMA_LINE.exec(before);
  return m ? { start: m[1].length, typed: m[2] } : undefined;
}

export async function schemaCompletions(
  uri: string,
  before: string,
  position: Position,
  names: (params: SchemaNamesParams) => Promise<SchemaNamesResult>,
): Promise<CompletionItem[]> {
  const prefix = schemaLinePrefix(before);
  if (!prefix) return [];
  const typed = prefix.typed;
  const item = (label: string, partStart: number, insert: string, detail: string, more: boolean): CompletionItem => ({
    label,
    kind: CompletionItemKind.Value,
    detail,
    textEdit: {
      range: { start: { line: position.line, character: prefix.start + partStart }, end: position },
      newText: insert,
    },
    ...(more ? { command: NEXT } : {}),
  });
  const space = typed.search(/\s/);
  if (space >= 0) {
    // Options after the schema: `type=<message>` (Protobuf), `compression=zlib` (Glue).
    const wordStart = typed.search(/\S*$/);
    const word = typed.slice(wordStart);
    const schema = typed.slice(0, space);
    const r = await names({ uri, registry: 'types', schema });
    const types = r.ok ? r.names : [];
    if (/^type=/i.test(word)) {
      return types.map((t, i) =>
        item(t, wordStart, `type=${t}`, i === 0 ? 'message type (the default)' : 'message type', false),
      );
    }
    const options: CompletionItem[] = [];
    if (types.length > 0 && !/\stype=/i.test(typed)) {
      options.push(item('type=', wordStart, 'type=', `Protobuf message type (default ${types[0]})`, true));
    }
    if (/^glue:/i.test(schema) && !/\scompression=/i.test(typed)) {
      options.push(
        item(
          'compression=zlib',
          wordStart,
          'compression=zlib',
          'zlib-compressed, as AWS’s serializer writes it',
          false,
        ),
      );
    }
    return options;
  }
  const colon = typed.indexOf(':');
  if (colon < 0) {
    return [
      item('glue:', 0, 'glue:', 'AWS Glue Schema Registry: glue:<registry>/<schema>@latest', true),
      item('confluent:', 0, 'confluent:', 'Confluent-compatible registry: confluent:<subject>@latest', true),
    ];
  }
  const kind = typed.slice(0, colon).toLowerCase();
  const rest = typed.slice(colon + 1);
  const base = colon + 1;
  const at = rest.lastIndexOf('@');
  const fromNames = async (params: SchemaNamesParams) => {
    const r = await names(params);
    return r.ok ? r.names : [];
  };
  const versions = async (params: SchemaNamesParams, partStart: number) => [
    item('latest', partStart, 'latest', 'the newest version when sending', false),
    ...(await fromNames(params)).map((v) => item(v, partStart, v, 'version', false)),
  ];
  if (kind === 'glue') {
    const slash = rest.indexOf('/');
    if (slash < 0) {
      return (await fromNames({ uri, registry: 'glue' })).map((r) => item(r, base, `${r}/`, 'Glue registry', true));
    }
    const registryName = rest.slice(0, slash);
    if (at < slash) {
      return (await fromNames({ uri, registry: 'glue', registryName })).map((s) =>
        item(s, base + slash + 1, `${s}@`, `schema in ${registryName}`, true),
      );
    }
    const schemaName = rest.slice(slash + 1, at);
    return versions({ uri, registry: 'glue', registryName, schemaName }, base + at + 1);
  }
  if (kind === 'confluent') {
    if (at < 0) {
      return (await fromNames({ uri, registry: 'confluent' })).map((s) => item(s, base, `${s}@`, 'subject', true));
    }
    return versions({ uri, registry: 'confluent', subject: rest.slice(0, at) }, base + at + 1);
  }
  return [];
}
