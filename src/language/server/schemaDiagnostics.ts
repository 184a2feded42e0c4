/**
 * Diagnostics of values (and keys) written with a `Schema:` line: the extension fetches the schema
 * and checks the text (templates rendered once); each issue names its field path and is put on
 * the line of that field when it can be found, else on the value's first line. A schema that cannot
 * be fetched is a warning on the `Schema:` line (sending would fail the same way).
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { ProducerBlock, Span } from '../producerFile/types';
import type { SchemaCheckParams, SchemaCheckResult } from '../protocol';
import { range, SOURCE } from './diagnostics';

export async function schemaDiagnostics(
  uri: string,
  blocks: readonly ProducerBlock[],
  lines: readonly string[],
  check: (params: SchemaCheckParams) => Promise<SchemaCheckResult>,
): Promise<Diagnostic[]> {
  const jobs: Promise<Diagnostic[]>[] = [];
  for (const block of blocks) {
    if (block.problems.length) continue;
    if (block.schema && block.value !== null && block.valueStartLine !== undefined) {
      const first = block.valueStartLine;
      const fieldSpan = (path: string) => findField(lines, first, block.endLine, path);
      jobs.push(
        run(
          check,
          { uri, schema: block.schema.raw.trim(), field: 'value', text: block.value },
          block.schema.span,
          fieldSpan,
        ),
      );
    }
    if (block.keySchema && block.key) {
      const keySpan = block.key.span;
      jobs.push(
        run(
          check,
          { uri, schema: block.keySchema.raw.trim(), field: 'key', text: block.key.value },
          block.keySchema.span,
          () => keySpan,
        ),
      );
    }
  }
  return (await Promise.all(jobs)).flat();
}

async function run(
  check: (params: SchemaCheckParams) => Promise<SchemaCheckResult>,
  params: SchemaCheckParams,
  schemaSpan: Span,
  where: (path: string) => Span,
): Promise<Diagnostic[]> {
  let result: SchemaCheckResult;
  try {
    result = await check(params);
  } catch (err) {
    result = { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  if (!result.ok && result.code === 'unknownMessageType') {
    return [
      {
        range: range(schemaSpan),
        message: result.error,
        severity: DiagnosticSeverity.Error,
        source: SOURCE,
        code: 'unknownMessageType',
      },
    ];
  }
  if (!result.ok) {
    return [
      {
        range: range(schemaSpan),
        message: `The schema could not be checked: ${result.error}`,
        severity: DiagnosticSeverity.Warning,
        source: SOURCE,
        code: 'schemaUnavailable',
      },
    ];
  }
  const label = params.field === 'key' ? 'key' : 'value';
  return result.issues.map((issue) => ({
    range: range(where(issue.path)),
    message: `The ${label} does not fit ${result.schemaName}: ${issue.path}: ${issue.message}`,
    severity: DiagnosticSeverity.Error,
    source: SOURCE,
    code: 'schemaMismatch',
  }));
}

/** The line of the last named field of a path (`$.items[2].price` → `"price"`), else the value's first line. */
export function findField(lines: readonly string[], first: number, last: number, path: string): Span {
  const names = [...path.matchAll(/\.([^.[\]]+)/g)].map((m) => m[1]);
  const name = names[names.length - 1];
  if (name) {
    const needle = JSON.stringify(name);
    for (let l = first; l <= last; l++) {
      const at = (lines[l] ?? '').indexOf(needle);
      if (at >= 0) return { line: l, start: at, end: at + needle.length };
    }
  }
  const text = lines[first] ?? '';
  const indent = text.length - text.trimStart().length;
  return { line: first, start: indent, end: Math.max(indent + 1, text.length) };
}
