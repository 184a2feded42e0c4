/** The lag webview's requests are validated on the host before anything acts on them. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseLagRequest } from '../../../src/webviews/lag/protocol';

describe('lag view protocol', () => {
  it('accepts the requests the view sends', () => {
    assert.deepEqual(parseLagRequest({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseLagRequest({ type: 'refresh' }), { type: 'refresh' });
    assert.deepEqual(parseLagRequest({ type: 'select', groupId: 'g1' }), { type: 'select', groupId: 'g1' });
    assert.deepEqual(parseLagRequest({ type: 'select', groupId: null }), { type: 'select', groupId: null });
    assert.deepEqual(parseLagRequest({ type: 'reset', groupId: 'g1' }), { type: 'reset', groupId: 'g1' });
  });
  it('refuses anything else', () => {
    for (const bad of [
      null,
      'ready',
      { type: 'drop' },
      { type: 'select' },
      { type: 'select', groupId: 5 },
      { type: 'reset', groupId: '' },
      { type: 'reset', groupId: 'x'.repeat(1001) },
    ]) {
      assert.equal(parseLagRequest(bad), undefined, JSON.stringify(bad));
    }
  });
});
