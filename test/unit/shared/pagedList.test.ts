import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { PagedList, type Page } from '../../../src/shared/pagedList';

const byName = (item: string, f: string) => item.toLowerCase().includes(f);
const names = (n: number, prefix = 't') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('PagedList', () => {
  it('shows one window of a single fetch and grows it with loadMore', async () => {
    let calls = 0;
    const list = new PagedList<string>(
      () => {
        calls += 1;
        return Promise.resolve({ items: names(250) });
      },
      100,
      byName,
    );
    assert.equal(list.view().status, 'idle');
    await list.load();
    let v = list.view();
    assert.equal(v.visible.length, 100);
    assert.equal(v.hasMore, true);
    await list.loadMore();
    await list.loadMore();
    v = list.view();
    assert.equal(v.visible.length, 250);
    assert.equal(v.hasMore, false);
    assert.equal(calls, 1, 'client-side paging must not fetch again');
  });

  it('follows the server continuation token page by page', async () => {
    const tokens: (string | undefined)[] = [];
    const pages: Record<string, Page<string>> = {
      first: { items: ['a', 'b'], nextToken: 'p2' },
      p2: { items: ['c', 'd'], nextToken: 'p3' },
      p3: { items: ['e'] },
    };
    const list = new PagedList<string>(
      (token) => {
        tokens.push(token);
        return Promise.resolve(pages[token ?? 'first']);
      },
      2,
      byName,
    );
    await list.load();
    assert.deepEqual(list.view().visible, ['a', 'b']);
    assert.equal(list.view().hasMore, true);
    await list.loadMore();
    assert.deepEqual(list.view().visible, ['a', 'b', 'c', 'd']);
    await list.loadMore();
    assert.deepEqual(list.view().visible, ['a', 'b', 'c', 'd', 'e']);
    assert.equal(list.view().hasMore, false);
    assert.deepEqual(tokens, [undefined, 'p2', 'p3']);
  });

  it('filters loaded items case-insensitively and restarts the window', async () => {
    const list = new PagedList<string>(
      () => Promise.resolve({ items: [...names(300, 'orders-'), 'payments'] }),
      50,
      byName,
    );
    await list.load();
    list.setFilter('ORDERS-1');
    const v = list.view();
    assert.equal(v.matching, 111); // orders-1, orders-10..19, orders-100..199
    assert.equal(v.visible.length, 50);
    assert.ok(v.visible.every((n) => n.startsWith('orders-1')));
    list.setFilter('');
    assert.equal(list.view().matching, 301);
  });

  it('keeps the error for the branch and recovers on the next load', async () => {
    let fail = true;
    const list = new PagedList<string>(
      () => (fail ? Promise.reject(new Error('access denied')) : Promise.resolve({ items: ['x'] })),
      10,
      byName,
    );
    await list.load();
    assert.equal(list.view().status, 'error');
    assert.equal((list.view().error as Error).message, 'access denied');
    fail = false;
    list.reset();
    await list.load();
    assert.deepEqual(list.view().visible, ['x']);
    assert.equal(list.view().status, 'loaded');
  });

  it('runs one fetch at a time and drops a fetch that a reset made stale', async () => {
    let resolveFirst: (p: Page<string>) => void = () => undefined;
    let calls = 0;
    const list = new PagedList<string>(
      () => {
        calls += 1;
        if (calls === 1) return new Promise<Page<string>>((r) => (resolveFirst = r));
        return Promise.resolve({ items: ['fresh'] });
      },
      10,
      byName,
    );
    const a = list.load();
    const b = list.load();
    assert.equal(a, b, 'a second load while loading joins the first');
    list.reset();
    await list.load();
    resolveFirst({ items: ['stale'] });
    await a;
    assert.deepEqual(list.view().visible, ['fresh']);
    assert.equal(calls, 2);
  });
});
