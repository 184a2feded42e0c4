/** A parsed block as the messages to send (before templates), and a check of its JSON value. */
import { findTemplateRefs } from '../../shared/templates/parse';
import type { ProducerBlock } from './types';

export interface BlockDraft {
  topic: string;
  key: string | null;
  value: string | null;
  headers: { key: string; value: string }[];
  partition?: number;
  timestamp?: string;
  repeat: number;
}

export function blockDraft(block: ProducerBlock): BlockDraft | undefined {
  if (!block.topic) return undefined;
  return {
    topic: block.topic.value,
    key: block.key ? block.key.value : null,
    value: block.value,
    headers: block.headers.map((h) => ({ key: h.name, value: h.value })),
    partition: block.partition?.value,
    timestamp: block.timestamp?.value,
    repeat: block.repeat?.value ?? 1,
  };
}

/** Whether the value is meant as JSON: it starts with `{` or `[`. */
export function looksLikeJson(value: string): boolean {
  const t = value.trimStart();
  return t.startsWith('{') || t.startsWith('[');
}

/** The value with its templates replaced by `0` padded to their length (offsets unchanged). */
function withoutTemplates(value: string): string {
  let text = '';
  let last = 0;
  for (const ref of findTemplateRefs(value)) {
    text += value.slice(last, ref.start) + '0'.padEnd(ref.end - ref.start, ' ');
    last = ref.end;
  }
  return text + value.slice(last);
}

/**
 * JSON.parse error message of a value with its templates replaced by `0` (a template is valid both
 * as a bare number and inside a string), or undefined when it parses.
 */
export function jsonError(value: string): string | undefined {
  return parseError(withoutTemplates(value));
}

/** `jsonError` with the offset where parsing failed (searched only when it fails). */
export function jsonProblem(value: string): { message: string; offset?: number } | undefined {
  const message = jsonError(value);
  if (message === undefined) return undefined;
  const m = /position (\d+)/.exec(message);
  return { message, offset: m ? Number(m[1]) : unexpectedTokenOffset(withoutTemplates(value)) };
}

function parseError(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/**
 * Where JSON.parse stopped when its message gives no position (V8's "Unexpected token 'x', … is not
 * valid JSON"): the shortest prefix that already fails before its end ends with the bad character.
 */
function unexpectedTokenOffset(text: string): number | undefined {
  const failsInside = (length: number): boolean => {
    const message = parseError(text.slice(0, length));
    if (message === undefined || /end of JSON input/.test(message)) return false;
    const m = /position (\d+)/.exec(message);
    return m ? Number(m[1]) < length : true;
  };
  if (!failsInside(text.length)) return undefined;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (failsInside(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo - 1;
}
