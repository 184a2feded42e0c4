/**
 * In read-only mode (msk.readOnly) offsets cannot be reset: the group's menu has no reset entry
 * and the lag view's "Reset offsets…" is disabled, while the lag itself is still shown.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { uniqueName } from '../integration/support/sandbox';
import { commitOffset, createTopicWithRecords, deleteTopicAndGroup } from './support/lag';
import { useWorkbench } from './support/workbench';

const VIEW = 'Clusters';
const GROUPS = 'Consumer groups';

const ui = useWorkbench({
  name: 'lag-readonly',
  settings: { 'msk.readOnly': true, 'msk.lag.refreshSeconds': 2, 'msk.lag.windowSamples': 3, 'msk.lag.minSamples': 3 },
});

const topic = uniqueName('lag-ro');
const groupId = uniqueName('lag-ro-group');

before(async () => {
  await createTopicWithRecords(topic, 10);
  await commitOffset(topic, groupId, 4);
});

after(async () => {
  await deleteTopicAndGroup(topic, groupId);
});

void test('an empty group in read-only mode shows its lag but offers no offset reset', async () => {
  const { wb } = ui;
  await wb.openViewContainer('Amazon MSK');
  await wb.setSideBarWidth(640);
  await wb.expandTreeItem('msk-sandbox · us-east-1', { view: VIEW, timeout: 45_000 });
  await wb.expandTreeItem('msk-sandbox', { view: VIEW, timeout: 45_000 });
  await wb.expandTreeItem(GROUPS, { view: VIEW, timeout: 45_000 });
  await wb.clickTreeItemAction(GROUPS, 'Filter…', { view: VIEW });
  await wb.answerInputBox(groupId);
  await wb.waitForTreeItem(groupId, { view: VIEW, timeout: 45_000 });

  const entries = await wb.treeItemContextMenuEntries(groupId, { view: VIEW });
  assert.ok(entries.includes('Show Group Lag…'), `the menu offers ${JSON.stringify(entries)}`);
  assert.ok(!entries.some((e) => /Reset/.test(e)), `no reset in read-only mode: ${JSON.stringify(entries)}`);

  // The menu is gone before the next click (else that click only dismisses it).
  await wb.page.locator('.context-view .monaco-menu').waitFor({ state: 'hidden' });
  await wb.clickTreeItemAction(groupId, 'Show Group Lag…', { view: VIEW });
  const view = await wb.waitForWebview(/Total lag\s+6\b/, 45_000);
  assert.equal(await view.frame.locator('#reset').isDisabled(), true, 'Reset offsets… is disabled');
  assert.equal(await view.frame.locator('#reset').getAttribute('title'), 'Read-only mode');
});
