import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hasBidiControls, neutralizeBidi } from '../../../src/shared/bidi';

describe('bidi control characters are shown as visible markers', () => {
  test('a right-to-left override cannot disguise a file name', () => {
    assert.equal(neutralizeBidi('abc\u202Eexe.txt'), 'abc\\u202Eexe.txt');
  });

  test('every bidi control character is marked; other text is untouched', () => {
    const controls = [
      '\u202A',
      '\u202B',
      '\u202C',
      '\u202D',
      '\u202E',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
      '\u200E',
      '\u200F',
      '\u061C',
    ];
    for (const c of controls) {
      const shown = neutralizeBidi(`x${c}y`);
      assert.equal(shown, `x\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}y`);
      assert.ok(hasBidiControls(c));
    }
    const plain = 'שלום עולם مرحبا — "quotes" \\u202E stays as typed';
    assert.equal(neutralizeBidi(plain), plain, 'right-to-left letters themselves are not controls');
    assert.equal(hasBidiControls(plain), false);
  });
});
