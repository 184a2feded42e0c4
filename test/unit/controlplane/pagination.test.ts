import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../../../sandbox/controlplane/errors';
import { decodeToken, encodeToken, paginate } from '../../../sandbox/controlplane/pagination';

const opts = { scope: 'ListThings', defaultMax: 100, limit: 100 };
const items = ['a', 'b', 'c', 'd', 'e'];

function walk(maxResults: string): string[][] {
  const pages: string[][] = [];
  let nextToken: string | undefined;
  do {
    const page = paginate(items, { maxResults, nextToken }, opts);
    pages.push(page.items);
    nextToken = page.nextToken;
  } while (nextToken);
  return pages;
}

void describe('control plane pagination', () => {
  void it('walks every item exactly once, in order, with maxResults pages', () => {
    assert.deepEqual(walk('2'), [['a', 'b'], ['c', 'd'], ['e']]);
    assert.deepEqual(walk('5'), [items]);
    assert.deepEqual(walk('1').length, 5);
  });

  void it('returns no nextToken on the last page and everything without maxResults', () => {
    assert.deepEqual(paginate(items, {}, opts), { items });
    assert.deepEqual(paginate([], { maxResults: '3' }, opts), { items: [] });
  });

  void it('keeps the token opaque and bound to its listing', () => {
    const token = encodeToken('ListThings', 2);
    assert.doesNotMatch(token, /ListThings/);
    assert.equal(decodeToken(token, 'ListThings'), 2);
    assert.throws(
      () => decodeToken(token, 'ListOtherThings'),
      (e: unknown) => e instanceof ApiError && e.code === 'BadRequestException',
    );
    assert.throws(() => paginate(items, { nextToken: 'garbage' }, opts), /nextToken is not valid/);
    assert.throws(() => paginate(items, { nextToken: encodeToken('ListThings', 99) }, opts), /nextToken is not valid/);
  });

  void it('refuses maxResults outside 1..limit as BadRequestException', () => {
    for (const bad of ['0', '101', '-1', '1.5', 'ten']) {
      assert.throws(
        () => paginate(items, { maxResults: bad }, opts),
        (e: unknown) => e instanceof ApiError && e.code === 'BadRequestException' && e.status === 400,
        `maxResults=${bad}`,
      );
    }
  });
});
