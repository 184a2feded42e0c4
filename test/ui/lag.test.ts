/**
 * The consumer lag view as a person uses it: the group's total lag and verdict on its tree item,
 * the lag view opened from the tree, and both changing when the (real) consumer stops and records
 * pile up. Short window settings so verdicts come after a few refreshes.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { uniqueName } from '../integration/support/sandbox';
import { waitFor } from './support/codeServer';
import { committedOffset, produceRecords, quickLagSettings, useCaughtUpGroup } from './support/lag';
import { useWorkbench } from './support/workbench';

const VIEW = 'Clusters';
const SCOPE = 'msk-sandbox · us-east-1';
const CLUSTER = 'msk-sandbox';
const GROUPS = 'Consumer groups';

const ui = useWorkbench({
  name: 'lag',
  settings: quickLagSettings,
});

const topic = uniqueName('lag-ui');
const groupId = uniqueName('lag-ui-group');
const group = useCaughtUpGroup(topic, groupId, 20);

async function groupDescription(pattern: RegExp): Promise<string> {
  let description = '';
  await waitFor(
    `the tree item of ${groupId} to show ${String(pattern)}`,
    async () => {
      description = await ui.wb.treeItemDescription(groupId, { view: VIEW });
      return pattern.test(description);
    },
    { timeoutMs: 60_000, intervalMs: 500 },
  ).catch((err: Error) => {
    throw new Error(`${err.message}; it shows ${JSON.stringify(description)}`);
  });
  return description;
}

void test('a group shows its lag and verdict in the tree and the lag view, and both change when its consumer stops', async () => {
  const { wb } = ui;
  await wb.openViewContainer('Amazon MSK');
  await wb.setSideBarWidth(640);
  await wb.expandTreeItem(SCOPE, { view: VIEW, timeout: 45_000 });
  await wb.expandTreeItem(CLUSTER, { view: VIEW, timeout: 45_000 });
  await wb.expandTreeItem(GROUPS, { view: VIEW, timeout: 45_000 });
  await wb.clickTreeItemAction(GROUPS, 'Filter…', { view: VIEW });
  await wb.answerInputBox(groupId);

  // Caught up: lag 0, and OK once the window has its 3 samples.
  assert.match(await groupDescription(/lag 0 · OK$/), /^Stable · 1 member · lag 0 · OK$/);

  // Clicking the group opens its lag view.
  await (await wb.waitForTreeItem(groupId, { view: VIEW })).click();
  const okView = await wb.waitForWebview(/Total lag\s+0\b/, 45_000);
  assert.match(okView.text, /all partitions OK/);
  assert.match(okView.text, new RegExp(`${topic}\\s+0\\s+20\\s+20\\s+0\\s`), 'committed 20, log end 20, lag 0');
  assert.match(okView.text, /msk-sandbox-plaintext/, 'the client id of the member that owns the partition');

  // The consumer stops and 30 records arrive, stamped two hours ago: the lag grows, the verdict
  // becomes STOP (group ERR), and the time lag is the age of the first unread record (offset 20).
  await group.stop();
  await produceRecords(topic, 30, Date.now() - 2 * 3600_000);
  const stopped = await wb.waitForWebview(/Total lag\s+30\b[\s\S]*STOP/, 60_000);
  assert.match(stopped.text, /\bERR\b/);
  assert.match(stopped.text, /1 partition\(s\) STOP/);
  const aged = await wb.waitForWebview(new RegExp(`${topic}\\s+0\\s+20\\s+50\\s+30\\s+2h 0\\dm\\s`), 60_000);
  assert.doesNotMatch(aged.text, /est\.\)/, 'an exact time lag, not an estimate');
  assert.match(await groupDescription(/lag 30 · ERR$/), /^Empty · 0 members · lag 30 · ERR$/);
  await wb.screenshot('lag');
});

void test('the offsets of the now empty group are reset from the lag view, after a preview', async () => {
  const { wb } = ui;
  // The group is empty now: its menu offers the reset (hidden for active groups and in read-only mode).
  const entries = await wb.treeItemContextMenuEntries(groupId, { view: VIEW });
  assert.ok(entries.includes('Reset Consumer Group Offsets…'), `the menu offers ${JSON.stringify(entries)}`);
  await wb.page.locator('.context-view .monaco-menu').waitFor({ state: 'hidden' });
  const view = await wb.waitForWebview(/Total lag\s+30\b/);
  await view.frame.locator('#reset').click();
  await wb.pickQuickItem(topic);
  await wb.pickQuickItem('To earliest');
  await wb.pickQuickItem('All 1 partitions');

  // The preview: current → new offset and the lag after, before anything is written.
  let dialog = '';
  await waitFor('the reset preview', async () => (dialog = await wb.dialogText()).includes('p0:'));
  assert.match(dialog, /Reset the offsets of “lag-ui-group-[^”]+” on lag-ui-\S+ to the earliest offset\?/);
  assert.match(dialog, /p0: 20 → 0 · lag after 50/);
  assert.equal(await committedOffset(topic, groupId), 20, 'nothing written before confirming');
  await wb.page.locator('.monaco-dialog-box .dialog-buttons .monaco-button', { hasText: 'Reset Offsets' }).click();

  await wb.waitForNotification(/Offsets of “lag-ui-group-[^”]+” on lag-ui-\S+ reset \(1 partition\)/, 45_000);
  assert.equal(await committedOffset(topic, groupId), 0);
  // The view shows the new lag; the verdict starts over (the history before the reset is dropped).
  const after = await wb.waitForWebview(/Total lag\s+50\b/, 45_000);
  assert.doesNotMatch(after.text, /REWIND/, 'our own reset is not reported as a rewind');
  assert.match(after.text, /collecting \(\d\/3\)|STOP/);
  await wb.screenshot('lag-after-reset');
});

void test('"All groups" shows every group of the cluster, sortable by total lag', async () => {
  const { wb } = ui;
  const view = await wb.waitForWebview(/Total lag\s+50\b/);
  await view.frame.locator('#back').click();
  const overview = await wb.waitForWebview(new RegExp(`Consumer lag · ${CLUSTER}[\\s\\S]*${groupId}`), 45_000);
  const totals = () =>
    overview.frame
      .locator('table.overview tbody tr')
      .evaluateAll((rows) =>
        rows.map((r) => Number((r.querySelector('.total-lag')?.textContent ?? '').replace(/,/g, ''))),
      );
  const isSorted = (xs: number[], desc: boolean) =>
    xs.every((x, i) => i === 0 || (desc ? xs[i - 1] >= x : xs[i - 1] <= x));
  assert.ok(isSorted(await totals(), true), 'sorted by total lag, largest first, by default');
  await overview.frame.locator('button[data-sort="totalLag"]').click();
  assert.ok(isSorted(await totals(), false), 'a click on the header reverses the order');
  // Opening a group from the overview.
  await overview.frame.locator(`button.group-link[data-group="${groupId}"]`).click();
  await wb.waitForWebview(new RegExp(`Consumer lag · ${groupId}[\\s\\S]*Total lag\\s+50\\b`));
});

void test('deleting the group from the palette removes it from the Consumer groups folder', async () => {
  const { wb } = ui;
  await wb.runCommand('MSK: Delete Consumer Group…');
  await wb.pickQuickItem(CLUSTER);
  await wb.pickQuickItem(groupId);
  await waitFor('the delete confirmation', async () => (await wb.dialogText()).includes(groupId));
  await wb.page.locator('.monaco-dialog-box .dialog-buttons .monaco-button', { hasText: 'Delete' }).click();
  await wb.waitForTreeItem(/^Nothing matches/, { view: VIEW, timeout: 45_000 });
  assert.equal(await wb.treeItem(groupId, VIEW).count(), 0, 'the deleted group is gone from the tree');
});
