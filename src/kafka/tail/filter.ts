/**
 * Tail filters: free text over key, value and headers, and CEL expressions over the message fields
 * (evaluated by @bufbuild/cel: no arbitrary code). Both combine with AND.
 */
import { celList, celMap, isCelError, plan } from '@bufbuild/cel';
import { recordDecoding } from '../schema/fieldDecoder';
import { parseJson, utf8Text } from './decode';
import { checkExpression, env as celEnv, lineColumn } from './filterCheck';
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

/**
 * What filters need of a record, made on first use and kept on the record itself (so it leaves the
 * buffer with it): the lower-cased search text of the free-text filter, and the CEL variables with
 * the JSON already parsed (parsed once, never per expression).
 */
interface FilterCache {
  search?: string;
  vars?: Record<string, unknown>;
}
const CACHE = Symbol('tailFilterCache');
type Cached = TailRecord & { [CACHE]?: FilterCache };

function cacheOf(r: TailRecord): FilterCache {
  const c = r as Cached;
  return (c[CACHE] ??= {});
}

function text(bytes: Buffer | null): string {
  if (!bytes) return '';
  return utf8Text(bytes) ?? bytes.toString('hex');
}

/** Key, value and "name=value" headers, lower-cased, separated by NUL (never in text: binary shows as hex). */
function searchText(r: TailRecord): string {
  const cache = cacheOf(r);
  if (cache.search === undefined) {
    const k = schemaValue(r, 'key');
    const v = schemaValue(r, 'value');
    const kt = k && k !== 'pending' ? JSON.stringify(k.value) : text(r.key);
    const vt = v && v !== 'pending' ? JSON.stringify(v.value) : text(r.value);
    let s = `${kt}\u0000${vt}`;
    for (const h of r.headers) s += `\u0000${h.key}=${text(h.value)}`;
    // A schema still being fetched: search the decoded value once it is known.
    if (k === 'pending' || v === 'pending') return s.toLowerCase();
    cache.search = s.toLowerCase();
  }
  return cache.search;
}

/** A key or value decoded with its registry schema (filters run over decoded values). */
function schemaValue(r: TailRecord, field: 'key' | 'value'): { value: unknown } | 'pending' | undefined {
  const d = recordDecoding(r, field);
  if (d === 'pending') return d;
  return d?.kind === 'decoded' ? d : undefined;
}

function fieldValue(bytes: Buffer | null): unknown {
  if (!bytes) return null;
  const t = text(bytes);
  const json = parseJson(t);
  if (json === undefined) return t;
  // The top level as a CEL map or list, made once (CEL would copy an object's entries on every
  // evaluation); deeper levels stay as parsed and are converted when accessed (converting whole
  // documents up front took 3× the memory for no measurable gain: bench/README.md).
  if (Array.isArray(json)) return celList(json as never[]);
  if (json === null || typeof json !== 'object') return json;
  return celMap(new Map(Object.entries(json as Record<string, never>)));
}

function celVars(r: TailRecord): Record<string, unknown> {
  const cache = cacheOf(r);
  if (!cache.vars) {
    const headers = new Map<string, string>();
    for (const h of r.headers) headers.set(h.key, text(h.value));
    const k = schemaValue(r, 'key');
    const v = schemaValue(r, 'value');
    const vars = {
      key: k && k !== 'pending' ? k.value : fieldValue(r.key),
      value: v && v !== 'pending' ? v.value : fieldValue(r.value),
      headers: celMap(headers),
      partition: BigInt(r.partition),
      offset: BigInt(r.offset),
      timestamp: BigInt(r.timestamp),
      size: BigInt(r.size),
    };
    // A schema still being fetched: the decoded value is used once it is known.
    if (k === 'pending' || v === 'pending') return vars;
    cache.vars = vars;
  }
  return cache.vars;
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

/**
 * What went wrong while a CEL filter ran: messages it failed on (a missing field, a wrong type) and
 * messages it yielded something other than true/false for. Both count as "no match".
 */
export interface FilterTally {
  evaluated: number;
  failed: number;
  /** The first evaluation error's message. */
  firstError?: string;
  notBoolean: number;
  /** The CEL type of the first non-boolean result. */
  firstNotBoolean?: string;
}

export type CompiledFilter =
  { ok: true; predicate?: (r: TailRecord) => boolean; tally: FilterTally } | { ok: false; error: FilterError };

function celTypeName(v: unknown): string {
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'double';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'list or map';
  return typeof v === 'boolean' ? 'bool' : typeof v;
}

function problem(source: string, message: string, offset?: number): CompiledFilter {
  if (offset === undefined) return { ok: false, error: { message } };
  return { ok: false, error: { message, ...lineColumn(source, offset) } };
}

export function compileFilter(spec: FilterSpec): CompiledFilter {
  const needle = spec.text?.trim().toLowerCase() ?? '';
  const source = spec.cel?.trim() ?? '';
  const tally: FilterTally = { evaluated: 0, failed: 0, notBoolean: 0 };
  let celTest: ((r: TailRecord) => boolean) | undefined;
  if (source) {
    let checked: ReturnType<typeof checkExpression>;
    try {
      checked = checkExpression(source);
    } catch (err) {
      return { ok: false, error: celErrorPosition(err) };
    }
    if ('problem' in checked) return problem(source, checked.problem.message, checked.problem.offset);
    let evaluate: ReturnType<typeof plan>;
    try {
      evaluate = plan(celEnv, checked.parsed);
    } catch (err) {
      if (err instanceof RangeError) return problem(source, 'The expression is too deeply nested to evaluate.');
      return { ok: false, error: celErrorPosition(err) };
    }
    celTest = (r) => {
      const vars = celVars(r);
      tally.evaluated++;
      let result: unknown;
      try {
        result = evaluate(vars as never);
      } catch (err) {
        tally.failed++;
        tally.firstError ??= err instanceof RangeError ? 'too deeply nested to evaluate' : String(err);
        return false;
      }
      if (isCelError(result)) {
        tally.failed++;
        tally.firstError ??= result.message;
        return false;
      }
      if (typeof result !== 'boolean') {
        tally.notBoolean++;
        tally.firstNotBoolean ??= celTypeName(result);
        return false;
      }
      return result;
    };
  }
  const textTest = needle ? (r: TailRecord) => searchText(r).includes(needle) : undefined;
  if (!celTest && !textTest) return { ok: true, tally };
  return { ok: true, tally, predicate: (r) => (!textTest || textTest(r)) && (!celTest || celTest(r)) };
}

/**
 * What a person is told about a filter's failures, or undefined when it ran cleanly:
 * "failed on 43 of 43 messages: …", with a hint for the usual cause.
 */
export function describeTally(t: FilterTally): { message: string; hint?: string } | undefined {
  const parts: string[] = [];
  let hint: string | undefined;
  if (t.failed) {
    parts.push(
      `The filter failed on ${t.failed.toLocaleString('en-US')} of ${t.evaluated.toLocaleString('en-US')} messages: ${t.firstError ?? 'unknown error'}`,
    );
    if (/overload/.test(t.firstError ?? '') && /double/.test(t.firstError ?? ''))
      hint =
        'JSON numbers are doubles in CEL: convert with int(), e.g. int(value.x) % 2 == 0, or compare with a double, e.g. value.x > 2.0.';
    else if (/no such key|field not found|not found/.test(t.firstError ?? ''))
      hint = 'Messages without the field never match: guard with has(), e.g. has(value.x) && value.x > 1.';
  }
  if (t.notBoolean)
    parts.push(
      `The expression yielded ${t.firstNotBoolean ?? 'a non-boolean'} instead of true/false on ${t.notBoolean.toLocaleString('en-US')} of ${t.evaluated.toLocaleString('en-US')} messages`,
    );
  if (!parts.length) return undefined;
  return { message: `${parts.join('. ')}. Those messages are not shown.`, ...(hint ? { hint } : {}) };
}
