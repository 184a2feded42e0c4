/**
 * Tail filters: free text over key, value and headers, and CEL expressions over the message fields
 * (evaluated by @bufbuild/cel: no arbitrary code). Both combine with AND.
 */
import { celEnv, isCelError, parse, plan } from '@bufbuild/cel';
import { parseJson, utf8Text } from './decode';
import type { TailRecord } from './types';

export interface FilterSpec {
  text?: string;
  cel?: string;
}

export interface FilterError {
  message: string;
  /** 1-based position of the error in the expression, when known. */
  line?: number;
  column?: number;
}

export type CompiledFilter = { ok: true; predicate?: (r: TailRecord) => boolean } | { ok: false; error: FilterError };

interface Decoded {
  keyText: string;
  valueText: string;
  headersText: string;
  value: unknown;
  key: unknown;
  headers: Record<string, string>;
}

const decodedCache = new WeakMap<TailRecord, Decoded>();

function text(bytes: Buffer | null): string {
  if (!bytes) return '';
  return utf8Text(bytes) ?? bytes.toString('hex');
}

function decoded(r: TailRecord): Decoded {
  let d = decodedCache.get(r);
  if (!d) {
    const keyText = text(r.key);
    const valueText = text(r.value);
    const headers: Record<string, string> = {};
    for (const h of r.headers) headers[h.key] = text(h.value);
    d = {
      keyText,
      valueText,
      headersText: r.headers.map((h) => `${h.key}=${headers[h.key]}`).join('\n'),
      key: r.key ? (parseJson(keyText) ?? keyText) : null,
      value: r.value ? (parseJson(valueText) ?? valueText) : null,
      headers,
    };
    decodedCache.set(r, d);
  }
  return d;
}

/** Converts a CEL parse error into a message with a 1-based line and column. */
export function celErrorPosition(err: unknown): FilterError {
  const message = err instanceof Error ? err.message : String(err);
  const start = (err as { location?: { start?: { line?: unknown; column?: unknown } } }).location?.start;
  const raw = (err as { rawMessage?: unknown }).rawMessage;
  if (typeof start?.line === 'number' && typeof start.column === 'number')
    return { message: typeof raw === 'string' ? raw : message, line: start.line, column: start.column };
  const m = /<input>:(\d+):(\d+):\s*(.*)/s.exec(message);
  if (!m) return { message };
  return { message: m[3] ?? message, line: Number(m[1]), column: Number(m[2]) };
}

export function compileFilter(spec: FilterSpec): CompiledFilter {
  const needle = spec.text?.trim().toLowerCase() ?? '';
  const source = spec.cel?.trim() ?? '';
  let celTest: ((r: TailRecord) => boolean) | undefined;
  if (source) {
    let evaluate: ReturnType<typeof plan>;
    try {
      evaluate = plan(celEnv(), parse(source));
    } catch (err) {
      return { ok: false, error: celErrorPosition(err) };
    }
    celTest = (r) => {
      const d = decoded(r);
      const result = evaluate({
        key: d.key,
        value: d.value,
        headers: d.headers,
        partition: BigInt(r.partition),
        offset: BigInt(r.offset),
        timestamp: BigInt(r.timestamp),
        size: BigInt(r.size),
      } as never);
      // Errors (missing field, wrong type) and non-boolean results: no match.
      return !isCelError(result) && result === true;
    };
  }
  const textTest = needle
    ? (r: TailRecord) => {
        const d = decoded(r);
        return (
          d.keyText.toLowerCase().includes(needle) ||
          d.valueText.toLowerCase().includes(needle) ||
          d.headersText.toLowerCase().includes(needle)
        );
      }
    : undefined;
  if (!celTest && !textTest) return { ok: true };
  return { ok: true, predicate: (r) => (!textTest || textTest(r)) && (!celTest || celTest(r)) };
}
