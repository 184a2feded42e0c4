/**
 * Parser of producer files. The format (see README "Produce messages and producer files"):
 *
 *   # a comment (also `//`), in the head of a block
 *   ### optional title          ← starts a block (the first block needs none)
 *   PRODUCE orders              ← the topic
 *   Key: order-{{seq}}          ← optional
 *   Partition: 2                ← optional (default: by key / round robin)
 *   Repeat: 100                 ← optional: send the block N times (templates per message)
 *   Timestamp: 1700000000000    ← optional (ms since the epoch)
 *   Schema: glue:payments/orders@latest   ← optional: the value is JSON written with a registry
 *                                           schema (also `confluent:<subject>@3`; `KeySchema:` for the key)
 *   Content-Type: application/json   ← any other `Name: value` line is a header
 *                               ← a blank line, then the value until the next `###`
 *   {"id": "{{uuid}}"}
 *
 * Never throws: problems are collected per block for diagnostics.
 */
import { isSchemaSelection, parseSchemaSelection } from '../../shared/schemaSelection';
import { FIELD_NAMES, MAX_REPEAT, type FieldValue, type ProducerBlock, type ProducerFile, type Span } from './types';

const SEPARATOR = /^###(.*)$/;
const PRODUCE = /^(\s*)(PRODUCE)(?:\s+(\S*))?\s*(.*)$/i;
const FIELD = /^(\s*)([A-Za-z0-9_][A-Za-z0-9_.-]*)\s*:\s?(.*)$/;

export function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}

export function parseProducerFile(text: string): ProducerFile {
  return parseProducerLines(splitLines(text));
}

/** `parseProducerFile` of text already split with `splitLines` (the lines are not modified). */
export function parseProducerLines(lines: string[]): ProducerFile {
  const ranges: { start: number; end: number; title?: string; hasSeparator: boolean }[] = [];
  let start = 0;
  let title: string | undefined;
  let hasSeparator = false;
  for (let i = 0; i < lines.length; i++) {
    const m = SEPARATOR.exec(lines[i]);
    if (!m) continue;
    if (i > start || hasSeparator) ranges.push({ start, end: i - 1, title, hasSeparator });
    start = i;
    title = m[1].trim() || undefined;
    hasSeparator = true;
  }
  ranges.push({ start, end: lines.length - 1, title, hasSeparator });
  const blocks: ProducerBlock[] = [];
  for (const r of ranges) {
    const block = parseBlock(lines, r.start, r.end, r.hasSeparator, r.title, blocks.length);
    if (block) blocks.push(block);
  }
  return { blocks };
}

function isComment(line: string): boolean {
  const t = line.trimStart();
  return (t.startsWith('#') && !t.startsWith('###')) || t.startsWith('//');
}

function parseBlock(
  lines: string[],
  startLine: number,
  endLine: number,
  hasSeparator: boolean,
  title: string | undefined,
  index: number,
): ProducerBlock | undefined {
  const block: ProducerBlock = {
    index,
    startLine,
    endLine,
    title,
    anchorLine: startLine,
    headers: [],
    value: null,
    problems: [],
  };
  let i = hasSeparator ? startLine + 1 : startLine;
  // Skip leading blank lines and comments.
  while (i <= endLine && (lines[i].trim() === '' || isComment(lines[i]))) i++;
  if (i > endLine) {
    // Only comments/blank lines: not a block (unless it has a separator, which then lacks a topic).
    if (!hasSeparator) return undefined;
    block.problems.push({ span: lineSpan(lines, startLine), message: 'This block has no `PRODUCE <topic>` line.' });
    return block;
  }
  // Head: PRODUCE, fields, headers, comments — until a blank line.
  for (; i <= endLine && lines[i].trim() !== ''; i++) {
    const line = lines[i];
    if (isComment(line)) continue;
    const p = PRODUCE.exec(line);
    if (p) {
      block.anchorLine = i;
      const nameStart =
        p[1].length +
        p[2].length +
        (line.slice(p[1].length + p[2].length).length - line.slice(p[1].length + p[2].length).trimStart().length);
      const name = p[3] ?? '';
      if (block.topic)
        block.problems.push({
          span: lineSpan(lines, i),
          message: 'A block produces to one topic: a second PRODUCE line.',
        });
      else if (!name)
        block.problems.push({ span: lineSpan(lines, i), message: 'PRODUCE needs a topic name: `PRODUCE <topic>`.' });
      else block.topic = { value: name, raw: name, span: { line: i, start: nameStart, end: nameStart + name.length } };
      if (p[4])
        block.problems.push({
          span: { line: i, start: line.length - p[4].length, end: line.length },
          message: 'Unexpected text after the topic name.',
        });
      continue;
    }
    const f = FIELD.exec(line);
    if (!f) {
      block.problems.push({
        span: lineSpan(lines, i),
        message: 'Expected `PRODUCE <topic>`, `Name: value`, a comment, or a blank line before the value.',
      });
      continue;
    }
    const name = f[2];
    const raw = f[3];
    const nameSpan: Span = { line: i, start: f[1].length, end: f[1].length + name.length };
    const valueSpan: Span = { line: i, start: line.length - raw.length, end: line.length };
    const field = FIELD_NAMES.find((n) => n.toLowerCase() === name.toLowerCase());
    switch (field) {
      case 'Key':
        block.key = { value: raw, raw, span: valueSpan };
        break;
      case 'Timestamp':
        if (!/^\d{1,15}$/.test(raw.trim()))
          block.problems.push({
            span: valueSpan,
            message: 'Timestamp: milliseconds since the epoch, e.g. 1700000000000.',
          });
        else block.timestamp = { value: raw.trim(), raw, span: valueSpan };
        break;
      case 'Partition':
      case 'Repeat': {
        const n = Number(raw.trim());
        const min = field === 'Partition' ? 0 : 1;
        const max = field === 'Partition' ? 1_000_000 : MAX_REPEAT;
        if (!/^\d+$/.test(raw.trim()) || n < min || n > max) {
          block.problems.push({
            span: valueSpan,
            message: `${field}: a whole number from ${min} to ${max}${field === 'Partition' ? ' (omit it to let the key choose)' : ''}.`,
          });
        } else {
          const fv: FieldValue<number> = { value: n, raw, span: valueSpan };
          if (field === 'Partition') block.partition = fv;
          else block.repeat = fv;
        }
        break;
      }
      case 'Schema':
      case 'KeySchema': {
        const selection = parseSchemaSelection(raw);
        if (!isSchemaSelection(selection))
          block.problems.push({ span: valueSpan, message: `${field}: ${selection.error}` });
        else if (field === 'Schema') block.schema = { value: selection, raw, span: valueSpan };
        else block.keySchema = { value: selection, raw, span: valueSpan };
        break;
      }
      default:
        block.headers.push({ name, value: raw, nameSpan, valueSpan });
    }
  }
  if (!block.topic && !block.problems.some((p) => p.message.startsWith('PRODUCE')))
    block.problems.push({
      span: lineSpan(lines, hasSeparator ? startLine : block.anchorLine),
      message: 'This block has no `PRODUCE <topic>` line.',
    });
  // Value: after the blank line, to the end of the block, trailing blank lines dropped.
  while (i <= endLine && lines[i].trim() === '') i++;
  let last = endLine;
  while (last >= i && lines[last].trim() === '') last--;
  if (i <= last) {
    block.valueStartLine = i;
    block.value = lines.slice(i, last + 1).join('\n');
  }
  return block;
}

function lineSpan(lines: string[], line: number): Span {
  return { line, start: 0, end: lines[line]?.length ?? 0 };
}

/** The block containing a line, if any. */
export function blockAt(file: ProducerFile, line: number): ProducerBlock | undefined {
  return file.blocks.find((b) => line >= b.startLine && line <= b.endLine);
}

/** Where the head of a block ends (the first blank line), or its last line. */
export function headEndLine(block: ProducerBlock): number {
  return block.valueStartLine !== undefined ? block.valueStartLine - 1 : block.endLine;
}
