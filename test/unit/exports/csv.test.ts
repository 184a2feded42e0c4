import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { csvCell, csvText } from '../../../src/shared/csv';
import { parseCsv } from './parseCsv';

describe('CSV (RFC 4180, formula-safe)', () => {
  test('commas, quotes and line breaks in values come back intact', () => {
    const values = ['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\r\nlf', '', 'trailing space '];
    const text = csvText(
      ['v'],
      values.map((v) => [v]),
    );
    assert.ok(text.endsWith('\r\n'));
    assert.deepEqual(
      parseCsv(text).map((r) => r[0]),
      ['v', ...values],
    );
  });

  test('cells a spreadsheet would run as a formula get a leading apostrophe', () => {
    for (const evil of ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd']) {
      const cell = parseCsv(csvText(['v'], [[evil]]))[1][0];
      assert.equal(cell, `'${evil}`, JSON.stringify(evil));
    }
    // A guarded cell that also needs quoting is both guarded and quoted.
    assert.equal(csvCell('=1,2'), `"'=1,2"`);
    // Not at the start: data, untouched.
    assert.equal(csvCell('a=b'), 'a=b');
    assert.equal(csvCell('retention-ms'), 'retention-ms');
  });

  test('numbers stay numbers (a negative offset is data), empty values are empty fields', () => {
    assert.deepEqual(parseCsv(csvText(['a', 'b', 'c', 'd', 'e'], [[-1, 42n, null, undefined, true]]))[1], [
      '-1',
      '42',
      '',
      '',
      'true',
    ]);
  });
});
