/**
 * A cluster with 5,000 topics: the Topics folder shows a page at a time with "Load more…", the
 * filter narrows it to the matching topics, and the workbench stays responsive meanwhile.
 *
 * It runs against a throwaway sandbox of its own (own state folder and ports, started before and
 * stopped and deleted after): the 5,000 scale-t-* topics never reach the developer's sandbox, whose
 * next start stays as fast as before.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { kafkaConfig, withAdmin } from '../integration/support/sandbox';
import { waitFor } from './support/codeServer';
import { useScratchSandbox } from './support/scratchSandbox';
import { useWorkbench } from './support/workbench';

const VIEW = 'Clusters';
const CLUSTER = 'msk-sandbox';
const COUNT = 5000;
const PAGE = 100; // msk.explorer.pageSize's default
const scaleTopic = (i: number) => `scale-t-${String(i).padStart(5, '0')}`;
const isScaleTopic = (t: string) => t.startsWith('scale-t-');

// In a describe: its before hooks run one after the other (sandbox, topics, workbench); at the top
// level Node 20 runs them at the same time.
describe('a cluster with 5,000 topics', () => {
  const scratch = useScratchSandbox('explorer-scale');
  const onScratch = () => kafkaConfig(scratch.state(), 'plaintext');

  before(async () => {
    const started = Date.now();
    await withAdmin(async (admin) => {
      const wanted = Array.from({ length: COUNT }, (_, i) => scaleTopic(i));
      for (let i = 0; i < wanted.length; i += 500) {
        await admin.createTopics({
          topics: wanted.slice(i, i + 500).map((topic) => ({ topic, numPartitions: 1, replicationFactor: 1 })),
          waitForLeaders: false,
          timeout: 120_000,
        });
      }
      // Creation is asynchronous on the broker: wait until every topic is listed.
      await waitFor(
        `${COUNT} scale-t-* topics to be listed`,
        async () => (await admin.listTopics()).filter(isScaleTopic).length >= COUNT,
        { timeoutMs: 300_000, intervalMs: 1000 },
      );
    }, onScratch());
    console.log(`scale: created ${COUNT} topics in ${Date.now() - started} ms`);
  });

  const ui = useWorkbench({
    name: 'explorer-scale',
    viewport: { width: 1400, height: 1000 },
    sandboxDir: scratch.dir,
  });

  void test('Topics of a cluster with 5,000 topics shows a page, "Load more…" adds one, a filter narrows it to 10', async () => {
    const { wb } = ui;
    await wb.openViewContainer('Amazon MSK');
    await wb.setSideBarWidth(560);
    await wb.expandTreeItem(CLUSTER, { view: VIEW, timeout: 45_000 });
    await wb.waitForTreeItemChildren(CLUSTER, VIEW, { timeout: 45_000 });

    const expandStarted = Date.now();
    await wb.expandTreeItem('Topics', { view: VIEW });
    await wb.waitForTreeItemChildren('Topics', VIEW, { timeout: 60_000 });
    const expandMs = Date.now() - expandStarted;
    const total = Number(await wb.treeItemDescription('Topics', { view: VIEW }));
    assert.ok(total >= COUNT, `Topics says it holds ${total} topics`);

    // The first page: PAGE topics, then "Load more…" as the PAGE+1st child.
    let loadMore = await wb.revealTreeItem('Load more…', { view: VIEW });
    assert.deepEqual(await wb.treeItemPosition(loadMore), { level: 4, position: PAGE + 1, siblings: PAGE + 1 });
    assert.equal(await wb.treeItem(scaleTopic(COUNT - 1), VIEW).count(), 0, 'the last topic is shown at once');
    await wb.screenshot('explorer-scale-1-first-page');

    // Load more… shows the next page below the first.
    await loadMore.click();
    await waitFor(
      'a second page under Topics',
      async () => {
        loadMore = await wb.revealTreeItem('Load more…', { view: VIEW });
        return (await wb.treeItemPosition(loadMore)).position === 2 * PAGE + 1;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    assert.deepEqual(await wb.treeItemPosition(loadMore), { level: 4, position: 2 * PAGE + 1, siblings: 2 * PAGE + 1 });
    await wb.screenshot('explorer-scale-2-second-page');

    // Filter the Topics folder: exactly the ten scale-t-0499x topics, no Load more.
    await wb.revealTreeItem('Topics', { view: VIEW });
    const filterStarted = Date.now();
    await wb.clickTreeItemAction('Topics', 'Filter…', { view: VIEW });
    await wb.answerInputBox('scale-t-0499');
    const expected = Array.from({ length: 10 }, (_, i) => scaleTopic(4990 + i));
    let shown: string[] = [];
    await waitFor(
      'the filtered topics',
      async () => {
        shown = (await wb.treeItemChildren('Topics', VIEW)).map((c) => c.label);
        return JSON.stringify(shown) === JSON.stringify(expected);
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    ).catch(() => assert.deepEqual(shown, expected));
    const filterMs = Date.now() - filterStarted;
    assert.equal(await wb.treeItemDescription('Topics', { view: VIEW }), 'filter “scale-t-0499”: 10');
    assert.equal(await wb.treeItem('Load more…', VIEW).count(), 0, 'Load more… is still shown');
    await wb.screenshot('explorer-scale-3-filtered');

    // Still responsive: the palette opens and lists commands (the time is printed, not asserted).
    const paletteStarted = Date.now();
    await wb.page.keyboard.press('F1');
    await wb.page.locator('.quick-input-widget .quick-input-box input').fill('>MSK: Show Log');
    await wb.page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row .label-name', { hasText: 'MSK: Show Log' })
      .first()
      .waitFor({ timeout: 30_000 });
    const paletteMs = Date.now() - paletteStarted;
    await wb.closeQuickInput();
    console.log(`scale: Topics expanded in ${expandMs} ms, filtered in ${filterMs} ms, palette in ${paletteMs} ms`);

    // Clearing the filter brings back the first page.
    await wb.clickTreeItemAction('Topics', 'Filter…', { view: VIEW });
    await wb.answerInputBox('');
    await waitFor('the unfiltered Topics', async () => (await wb.treeItem(scaleTopic(4990), VIEW).count()) === 0);
  });

  void test('the 5,000 topics are in the throwaway sandbox only, never in the developer’s', async () => {
    const scratchTopics = await withAdmin(async (admin) => admin.listTopics(), onScratch());
    assert.equal(scratchTopics.filter(isScaleTopic).length, COUNT);
    // The shared sandbox (MSK_SANDBOX_DIR or .sandbox): the test never created a topic there.
    const shared = (await withAdmin(async (admin) => admin.listTopics())).filter(isScaleTopic);
    assert.deepEqual(
      shared.slice(0, 3),
      [],
      `${shared.length} scale-t-* topics in the developer's sandbox (left by an older run: npm run sandbox -- reset deletes them)`,
    );
  });
});
