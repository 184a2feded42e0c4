import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compileFilter, describeTally } from '../../../src/kafka/tail/filter';
import { MAX_CEL_LENGTH } from '../../../src/kafka/tail/filterCheck';
import type { TailRecord } from '../../../src/kafka/tail/types';

let seq = 0;
function rec(value: string): TailRecord {
  return {
    seq: seq++,
    partition: 0,
    offset: String(seq),
    timestamp: 1_700_000_000_000,
    key: null,
    value: Buffer.from(value),
    headers: [],
    size: value.length,
  };
}

function refused(cel: string): { message: string; line?: number; column?: number } {
  const f = compileFilter({ cel });
  assert.ok(!f.ok, `${cel.slice(0, 40)} is refused`);
  return f.error;
}

describe('tail filter checks: mistakes are reported when the filter is applied', () => {
  test('a comparison of a number with a string is a type error, at its position', () => {
    const e = refused('size > "a"');
    assert.equal(e.message, '> cannot be applied to an int and a string.');
    assert.deepEqual([e.line, e.column], [1, 6]);
    assert.match(refused('partition + "x" == "1x"').message, /\+ cannot be applied to an int and a string/);
    assert.match(refused('headers["a"] > 3').message, /a string and an int/);
  });

  test('an expression that yields something other than true/false is refused', () => {
    assert.match(refused('size + 1').message, /yields an int, not true or false/);
    assert.match(refused('"text"').message, /yields a string/);
    assert.match(refused('headers.type').message, /yields a string/);
  });

  test('unknown names say which names exist', () => {
    assert.match(refused('valeu.x == 1').message, /Unknown name valeu: use key, value, headers, partition, offset/);
  });

  test('valid expressions over JSON fields, macros and headers still compile', () => {
    for (const cel of [
      'value.amount > 100 && headers["type"] == "order"',
      'has(value.x)',
      'value.items.exists(i, i.qty > 2)',
      'int(value.x) % 2 == 0',
      'size > 10 || key == "a"',
      'value.name.startsWith("a")',
      'timestamp > 0 ? true : false',
    ])
      assert.ok(compileFilter({ cel }).ok, cel);
  });

  test('an unclosed call says what is missing (not "found ( but expecting end of input")', () => {
    const e = refused('has(');
    assert.equal(e.message, 'This ( is never closed (a ) is missing).');
    assert.deepEqual([e.line, e.column], [1, 4]);
    assert.match(refused('value.x == "abc').message, /string starting here is never closed/);
    assert.match(refused('size > 1)').message, /has no matching \(/);
  });

  test('a 20,000-character name and deep nesting get clear messages, not a stack overflow', () => {
    const long = refused('a'.repeat(20_000));
    assert.match(long.message, /characters long; the limit is 4,096/);
    const name = refused(`value.${'a'.repeat(3_000)} == 1`);
    assert.match(name.message, /A name of 3,000 characters: names are limited to 256/);
    assert.match(refused(`${'('.repeat(200)}true${')'.repeat(200)}`).message, /nests brackets more than 32 deep/);
    const chain = Array.from({ length: 900 }, () => 'size > 1').join(' && ');
    const f = compileFilter({ cel: chain.slice(0, MAX_CEL_LENGTH) });
    if (!f.ok) assert.doesNotMatch(f.error.message, /Maximum call stack/);
  });

  test('an expression over the length limit is refused with the limit', () => {
    const e = refused(`size > ${'1'.repeat(MAX_CEL_LENGTH)}`);
    assert.match(e.message, /^The expression is 4,10\d characters long; the limit is 4,096\.$/);
  });
});

describe('tail filter evaluation errors are counted and explained', () => {
  test('"failed on 43 of 43 messages" with the JSON-number-is-double hint', () => {
    const f = compileFilter({ cel: 'value.x % 2 == 0' });
    assert.ok(f.ok && f.predicate);
    const records = Array.from({ length: 43 }, (_, i) => rec(JSON.stringify({ x: i })));
    assert.equal(records.filter((r) => f.predicate!(r)).length, 0);
    const told = describeTally(f.tally);
    assert.ok(told);
    assert.equal(
      told.message,
      "The filter failed on 43 of 43 messages: found no matching overload for '_%_' applied to '(double, int)'. Those messages are not shown.",
    );
    assert.match(told.hint ?? '', /JSON numbers are doubles in CEL.*int\(value\.x\) % 2 == 0/);
    const fixed = compileFilter({ cel: 'int(value.x) % 2 == 0' });
    assert.ok(fixed.ok && fixed.predicate);
    assert.equal(records.filter((r) => fixed.predicate!(r)).length, 22);
    assert.equal(describeTally(fixed.tally), undefined, 'a clean run says nothing');
  });

  test('non-boolean results on dynamic fields are counted', () => {
    const f = compileFilter({ cel: 'value.name' });
    assert.ok(f.ok && f.predicate);
    assert.equal(f.predicate(rec('{"name":"a"}')), false);
    assert.match(describeTally(f.tally)?.message ?? '', /yielded string instead of true\/false on 1 of 1 messages/);
  });
});
