/** Diagnostics of a producer file: parse problems, JSON values, template functions, topics. */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { jsonProblem, looksLikeJson } from '../producerFile/drafts';
import type { ProducerFile, Span } from '../producerFile/types';
import { findTemplateRefs } from '../../shared/templates/parse';
import { isKnownFunction } from '../../shared/templates/functions';

export const SOURCE = 'msk';

/** What is known of the cluster's topics: undefined = not known (no cluster, or listing failed). */
export interface TopicKnowledge {
  cluster: string;
  topics: ReadonlySet<string>;
  /** Partitions per topic, where known. */
  partitions?: ReadonlyMap<string, number>;
}

/** `{{` openings without their `}}` (before the next `{{` or the end of the text): offsets of the `{{`. */
export function unclosedTemplates(text: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf('{{'); at >= 0;) {
    const next = text.indexOf('{{', at + 2);
    const close = text.indexOf('}}', at + 2);
    if (close < 0 || (next >= 0 && next < close)) out.push(at);
    at = next;
  }
  return out;
}

function partitionList(count: number): string {
  return count === 1 ? 'partition 0' : count === 2 ? 'partitions 0 and 1' : `partitions 0–${count - 1}`;
}

/** The LSP range of a span (one line). */
export const range = (s: Span) => ({
  start: { line: s.line, character: s.start },
  end: { line: s.line, character: s.end },
});

export function computeDiagnostics(file: ProducerFile, lines: string[], topics?: TopicKnowledge): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const block of file.blocks) {
    for (const p of block.problems)
      out.push({ range: range(p.span), message: p.message, severity: DiagnosticSeverity.Error, source: SOURCE });
    if (block.topic && topics && !topics.topics.has(block.topic.value)) {
      out.push({
        range: range(block.topic.span),
        message: `Topic "${block.topic.value}" does not exist on ${topics.cluster}.`,
        severity: DiagnosticSeverity.Warning,
        source: SOURCE,
        code: 'unknownTopic',
      });
    }
    const count = block.topic && block.partition ? topics?.partitions?.get(block.topic.value) : undefined;
    if (block.partition && block.topic && count !== undefined && block.partition.value >= count)
      out.push({
        range: range(block.partition.span),
        message: `Partition ${block.partition.value} does not exist: ${block.topic.value} has ${partitionList(count)}. Omit Partition to let the key choose.`,
        severity: DiagnosticSeverity.Error,
        source: SOURCE,
        code: 'unknownPartition',
      });
    // Template functions in the key, the headers and the value.
    const texts: { text: string; line: number; character: number }[] = [];
    if (block.key) texts.push({ text: block.key.value, line: block.key.span.line, character: block.key.span.start });
    for (const h of block.headers) texts.push({ text: h.value, line: h.valueSpan.line, character: h.valueSpan.start });
    if (block.value !== null && block.valueStartLine !== undefined) {
      for (let l = block.valueStartLine; l <= block.endLine; l++)
        texts.push({ text: lines[l] ?? '', line: l, character: 0 });
    }
    for (const t of texts) {
      for (const at of unclosedTemplates(t.text)) {
        const name = /^\{\{\s*[\w.]*/.exec(t.text.slice(at))?.[0] ?? '{{';
        out.push({
          range: range({ line: t.line, start: t.character + at, end: t.character + at + name.length }),
          message: `Unclosed template: ${name} needs a closing }}.`,
          severity: DiagnosticSeverity.Error,
          source: SOURCE,
          code: 'unclosedTemplate',
        });
      }
      for (const ref of findTemplateRefs(t.text)) {
        if (isKnownFunction(ref.name)) continue;
        out.push({
          range: range({ line: t.line, start: t.character + ref.nameStart, end: t.character + ref.nameEnd }),
          message: `Unknown template function "${ref.name}". Known: uuid, seq, index, now, nowMs, randomInt(min, max), faker.<module>.<function>.`,
          severity: DiagnosticSeverity.Error,
          source: SOURCE,
          code: 'unknownTemplate',
        });
      }
    }
    // JSON values.
    const value = block.value;
    if (value !== null && block.valueStartLine !== undefined && looksLikeJson(value)) {
      const problem = jsonProblem(value);
      if (problem) {
        const at = offsetToPosition(value, problem.offset ?? 0, block.valueStartLine);
        out.push({
          range: { start: at, end: { line: at.line, character: at.character + 1 } },
          message: `Invalid JSON value: ${problem.message}`,
          severity: DiagnosticSeverity.Error,
          source: SOURCE,
          code: 'invalidJson',
        });
      }
    }
  }
  return out;
}

function offsetToPosition(text: string, offset: number, firstLine: number): { line: number; character: number } {
  const before = text.slice(0, Math.min(offset, text.length)).split('\n');
  return { line: firstLine + before.length - 1, character: before[before.length - 1].length };
}
