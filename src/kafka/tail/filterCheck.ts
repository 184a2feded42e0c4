/**
 * Checks a tail filter's CEL expression before it runs: the mistakes a person makes (an unclosed
 * parenthesis, a comparison of a number with a string, an expression that does not yield true or
 * false) are reported with their position when the filter is applied, not discovered as "0 rows".
 *
 * The types of the message fields are known (partition, offset, timestamp, size: int; headers: a map
 * of strings; key and value: whatever their JSON is, so dynamic). An operator or function applied to
 * known types is checked by evaluating it on sample values of those types with CEL itself, so the
 * check agrees with the evaluator about which overloads exist.
 */
import { celEnv, isCelError, isCelList, isCelMap, isCelUint, parse, plan } from '@bufbuild/cel';

/** The longest expression accepted (characters). */
export const MAX_CEL_LENGTH = 4_096;
/** The longest identifier or field name accepted (characters). */
export const MAX_IDENTIFIER_LENGTH = 256;
/** The deepest nesting of parentheses, brackets and braces accepted. */
export const MAX_NESTING = 32;

export interface CheckProblem {
  message: string;
  /** 0-based offset in the expression, when known. */
  offset?: number;
}

type Kind = 'int' | 'uint' | 'double' | 'string' | 'bool' | 'bytes' | 'null' | 'list' | 'map' | 'dyn';

export const FIELD_NAMES = ['key', 'value', 'headers', 'partition', 'offset', 'timestamp', 'size'] as const;

const FIELD_KINDS: Record<string, Kind> = {
  key: 'dyn',
  value: 'dyn',
  headers: 'map',
  partition: 'int',
  offset: 'int',
  timestamp: 'int',
  size: 'int',
};

const SAMPLES: Record<Exclude<Kind, 'dyn'>, string> = {
  int: '1',
  uint: '1u',
  double: '1.0',
  string: '"a"',
  bool: 'true',
  bytes: 'b"a"',
  null: 'null',
  list: '[]',
  map: '{}',
};

const ARTICLE: Record<Kind, string> = {
  int: 'an int',
  uint: 'a uint',
  double: 'a double',
  string: 'a string',
  bool: 'a bool',
  bytes: 'bytes',
  null: 'null',
  list: 'a list',
  map: 'a map',
  dyn: 'a value',
};

const OPERATORS: Record<string, string> = {
  '_+_': '+',
  '_-_': '-',
  '_*_': '*',
  '_/_': '/',
  '_%_': '%',
  '_<_': '<',
  '_<=_': '<=',
  '_>_': '>',
  '_>=_': '>=',
  '_==_': '==',
  '_!=_': '!=',
  '-_': '-',
  '!_': '!',
  '_&&_': '&&',
  '_||_': '||',
  '@in': 'in',
};

/**
 * Scans the source for what the parser handles badly: unbalanced brackets (the parser's message for
 * `has(` is "found ( but expecting end of input"), nesting deep enough to exhaust the stack, and
 * huge identifiers. String literals are skipped.
 */
export function scanSource(source: string): CheckProblem | undefined {
  if (source.length > MAX_CEL_LENGTH)
    return {
      message: `The expression is ${source.length.toLocaleString('en-US')} characters long; the limit is ${MAX_CEL_LENGTH.toLocaleString('en-US')}.`,
    };
  const open: { ch: string; at: number }[] = [];
  const closing: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '"' || ch === "'") {
      const end = stringEnd(source, i);
      if (end < 0) return { message: `The string starting here is never closed (a ${ch} is missing).`, offset: i };
      i = end;
    } else if (ch === '(' || ch === '[' || ch === '{') {
      open.push({ ch, at: i });
      if (open.length > MAX_NESTING)
        return { message: `The expression nests brackets more than ${MAX_NESTING} deep.`, offset: i };
    } else if (ch === ')' || ch === ']' || ch === '}') {
      const top = open.pop();
      if (!top) return { message: `This ${ch} has no matching ${closing[ch]}.`, offset: i };
      if (top.ch !== closing[ch])
        return { message: `This ${ch} does not close the ${top.ch} at column ${top.at + 1}.`, offset: i };
    } else if (/[A-Za-z_]/.test(ch)) {
      let j = i;
      while (j < source.length && /\w/.test(source[j])) j++;
      if (j - i > MAX_IDENTIFIER_LENGTH)
        return {
          message: `A name of ${(j - i).toLocaleString('en-US')} characters: names are limited to ${MAX_IDENTIFIER_LENGTH}.`,
          offset: i,
        };
      i = j - 1;
    }
  }
  const last = open.pop();
  if (last) {
    const closer = { '(': ')', '[': ']', '{': '}' }[last.ch];
    return { message: `This ${last.ch} is never closed (a ${closer} is missing).`, offset: last.at };
  }
  return undefined;
}

/** Index of the closing quote of the string literal opening at `start`, or -1. */
function stringEnd(source: string, start: number): number {
  const quote = source[start];
  const triple = source.startsWith(quote.repeat(3), start);
  const close = triple ? quote.repeat(3) : quote;
  for (let i = start + close.length; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source.startsWith(close, i)) return i + close.length - 1;
    else if (!triple && source[i] === '\n') return -1;
  }
  return -1;
}

interface Node {
  id: bigint;
  exprKind: { case: string | undefined; value?: unknown };
}

/** One CEL environment for checking and running filters. */
export const env = celEnv();
const sampleCache = new Map<string, Kind | { error: string }>();

function kindOf(v: unknown): Kind {
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'double';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (v === null) return 'null';
  if (v instanceof Uint8Array) return 'bytes';
  if (isCelUint(v)) return 'uint';
  if (isCelList(v)) return 'list';
  if (isCelMap(v)) return 'map';
  return 'dyn';
}

/** The kind a call yields on samples of its argument kinds, or the overload error. */
function sampleCall(fn: string, target: Kind | undefined, args: Kind[]): Kind | { error: string } {
  const key = `${target ?? ''}.${fn}(${args.join(',')})`;
  const cached = sampleCache.get(key);
  if (cached) return cached;
  const s = (k: Kind) => SAMPLES[k as Exclude<Kind, 'dyn'>];
  const op = OPERATORS[fn];
  let expr: string;
  if (op && args.length === 2 && fn !== '@in') expr = `(${s(args[0])}) ${op} (${s(args[1])})`;
  else if (fn === '@in') expr = `(${s(args[0])}) in (${s(args[1])})`;
  else if (op && args.length === 1) expr = `${op}(${s(args[0])})`;
  else if (target) expr = `(${s(target)}).${fn}(${args.map(s).join(', ')})`;
  else expr = `${fn}(${args.map(s).join(', ')})`;
  let result: Kind | { error: string } = 'dyn';
  try {
    const r: unknown = plan(env, parse(expr))({});
    if (isCelError(r)) {
      if (/no (matching|such) overload/.test(r.message)) result = { error: r.message };
    } else result = kindOf(r);
  } catch {
    result = 'dyn';
  }
  sampleCache.set(key, result);
  return result;
}

function describeCall(fn: string, target: Kind | undefined, args: Kind[]): string {
  const op = OPERATORS[fn];
  if (op && args.length === 2) return `${op} cannot be applied to ${ARTICLE[args[0]]} and ${ARTICLE[args[1]]}`;
  if (op) return `${op} cannot be applied to ${ARTICLE[args[0]]}`;
  const list = args.map((a) => ARTICLE[a]).join(', ');
  if (target) return `${ARTICLE[target]} has no method ${fn}(${list})`;
  return `${fn}() does not take ${list || 'no arguments'}`;
}

class Checker {
  problem: CheckProblem | undefined;

  constructor(
    private readonly positions: Record<string, number>,
    private readonly source: string,
  ) {}

  private fail(node: Node, message: string): Kind {
    let offset = this.positions[String(node.id)];
    // An operator's position may be the blank before it: point at the operator.
    while (offset !== undefined && offset < this.source.length && /\s/.test(this.source[offset])) offset++;
    this.problem ??= { message, offset };
    return 'dyn';
  }

  kind(node: Node | undefined, bound: ReadonlySet<string>): Kind {
    if (!node || this.problem) return 'dyn';
    const v = node.exprKind.value as Record<string, unknown>;
    switch (node.exprKind.case) {
      case 'constExpr': {
        const c = (v.constantKind as { case?: string }).case;
        const map: Record<string, Kind> = {
          int64Value: 'int',
          uint64Value: 'uint',
          doubleValue: 'double',
          stringValue: 'string',
          boolValue: 'bool',
          bytesValue: 'bytes',
          nullValue: 'null',
        };
        return map[c ?? ''] ?? 'dyn';
      }
      case 'identExpr': {
        const name = v.name as string;
        if (bound.has(name)) return 'dyn';
        const k = FIELD_KINDS[name];
        if (k) return k;
        return this.fail(node, `Unknown name ${name}: use ${FIELD_NAMES.join(', ')}.`);
      }
      case 'selectExpr': {
        const operand = this.kind(v.operand as Node, bound);
        if (v.testOnly) return 'bool';
        if (operand === 'map' || operand === 'dyn') return operand === 'map' ? 'string' : 'dyn';
        return this.fail(node, `${ARTICLE[operand]} has no field ${String(v.field)}.`);
      }
      case 'callExpr': {
        const fn = v.function as string;
        const target = v.target ? this.kind(v.target as Node, bound) : undefined;
        const args = (v.args as Node[]).map((a) => this.kind(a, bound));
        if (this.problem) return 'dyn';
        if (fn === '_?_:_') return args[1] === args[2] ? args[1] : 'dyn';
        if (fn === '_[_]') return args[0] === 'map' && args[1] === 'string' ? 'string' : 'dyn';
        if (fn === '_&&_' || fn === '_||_') {
          const bad = args.findIndex((a) => a !== 'bool' && a !== 'dyn');
          if (bad >= 0)
            return this.fail(
              (v.args as Node[])[bad],
              `${OPERATORS[fn]} needs true/false on both sides, not ${ARTICLE[args[bad]]}.`,
            );
          return 'bool';
        }
        if (target === 'dyn' || args.includes('dyn')) return fn.startsWith('_') && /[<>=!]/.test(fn) ? 'bool' : 'dyn';
        const r = sampleCall(fn, target, args);
        if (typeof r === 'object') return this.fail(node, `${describeCall(fn, target, args)}.`);
        return r;
      }
      case 'listExpr':
        for (const e of (v.elements as Node[]) ?? []) this.kind(e, bound);
        return 'list';
      case 'structExpr':
        for (const e of (v.entries as { mapKey?: Node; value?: Node }[]) ?? []) {
          this.kind(e.mapKey, bound);
          this.kind(e.value, bound);
        }
        return 'map';
      case 'comprehensionExpr': {
        this.kind(v.iterRange as Node, bound);
        const inner = new Set([...bound, v.iterVar as string, v.iterVar2 as string, v.accuVar as string]);
        this.kind(v.accuInit as Node, bound);
        this.kind(v.loopCondition as Node, inner);
        this.kind(v.loopStep as Node, inner);
        return this.kind(v.result as Node, inner);
      }
      default:
        return 'dyn';
    }
  }
}

/**
 * The first problem of an expression (a source it cannot parse, a type error, or a result that is
 * not true/false), or its parsed form when it can run (it may still fail on some messages).
 */
export function checkExpression(source: string): { problem: CheckProblem } | { parsed: ReturnType<typeof parse> } {
  const problem = findProblem(source);
  return 'message' in problem ? { problem } : { parsed: problem };
}

function findProblem(source: string): CheckProblem | ReturnType<typeof parse> {
  const scanned = scanSource(source);
  if (scanned) return scanned;
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(source);
  } catch (err) {
    if (err instanceof RangeError) return { message: 'The expression is too deeply nested to read.' };
    throw err;
  }
  const positions: Record<string, number> = {};
  for (const [id, at] of Object.entries(parsed.sourceInfo?.positions ?? {})) positions[id] = Number(at);
  const checker = new Checker(positions, source);
  let kind: Kind;
  try {
    kind = checker.kind(parsed.expr, new Set());
  } catch (err) {
    if (err instanceof RangeError) return { message: 'The expression is too deeply nested to check.' };
    throw err;
  }
  if (checker.problem) return checker.problem;
  if (kind !== 'bool' && kind !== 'dyn')
    return {
      message: `The expression yields ${ARTICLE[kind]}, not true or false: compare it, e.g. size > 100.`,
      offset: 0,
    };
  return parsed;
}

/** 1-based line and column of an offset in the source. */
export function lineColumn(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}
