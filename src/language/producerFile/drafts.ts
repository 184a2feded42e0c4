/** A parsed block as the messages to send (before templates), and a check of its JSON value. */
import { findTemplateRefs } from '../../produce/templates/parse';
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

/**
 * JSON.parse error of a value with its templates replaced by `0` (a template is valid both as a
 * bare number and inside a string), or undefined when it parses.
 */
export function jsonProblem(value: string): { message: string; offset?: number } | undefined {
  let text = '';
  let last = 0;
  for (const ref of findTemplateRefs(value)) {
    text += value.slice(last, ref.start) + '0'.padEnd(ref.end - ref.start, ' ');
    last = ref.end;
  }
  text += value.slice(last);
  try {
    JSON.parse(text);
    return undefined;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const m = /position (\d+)/.exec(message);
    return { message, offset: m ? Number(m[1]) : undefined };
  }
}
