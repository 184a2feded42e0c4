/** The lag webview's requests are validated on the host before anything acts on them. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { lagProtocol } from '../../../src/webviews/lag/protocol';
import { parseFromWebview } from '../../../src/webviews/shared/messages';

/** A command as the view sends it, validated as the host does. */
const parse = (method: string, params: unknown = {}) =>
  parseFromWebview(lagProtocol, { kind: 'command', method, params });
const accepted = (method: string, params: unknown) => ({ ok: true, message: { kind: 'command', method, params } });

describe('lag view protocol', () => {
  it('accepts the commands the view sends', () => {
    assert.deepEqual(parse('ready'), accepted('ready', {}));
    assert.deepEqual(parse('refresh'), accepted('refresh', {}));
    assert.deepEqual(parse('select', { groupId: 'g1' }), accepted('select', { groupId: 'g1' }));
    assert.deepEqual(parse('select', { groupId: null }), accepted('select', { groupId: null }));
    assert.deepEqual(parse('reset', { groupId: 'g1' }), accepted('reset', { groupId: 'g1' }));
  });
  it('refuses anything else', () => {
    for (const [method, params] of [
      ['ready', null],
      ['drop', {}],
      ['select', {}],
      ['select', { groupId: 5 }],
      ['reset', { groupId: '' }],
      ['reset', { groupId: 'x'.repeat(1001) }],
    ] as const) {
      assert.equal(parse(method, params).ok, false, `${method} ${JSON.stringify(params)}`);
    }
    assert.equal(parseFromWebview(lagProtocol, 'ready').ok, false);
  });
});
