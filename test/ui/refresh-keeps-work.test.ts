/**
 * A refresh redraws the tree, it does not cut live work. With a tail receiving messages and a lag
 * view open side by side, the person presses the Clusters view's Refresh button and then changes
 * msk.lag.refreshSeconds in the Settings UI: new messages keep arriving in
 * the tail, which still says running, no error shows anywhere, and the lag view keeps showing the
 * group's real offsets.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { uniqueName } from '../integration/support/sandbox';
import { waitFor } from './support/codeServer';
import { produceRecords, quickLagSettings, useCaughtUpGroup } from './support/lag';
import { createTopic, deleteTopic, produce } from './support/tail';
import { useWorkbench } from './support/workbench';

const VIEW = 'Clusters';
const SCOPE = 'msk-sandbox · us-east-1';
const CLUSTER = 'msk-sandbox';
const GROUPS = 'Consumer groups';

const ui = useWorkbench({
  name: 'refresh-keeps-work',
  settings: {
    ...quickLagSettings,
    'msk.tail.bufferSize': 1000,
  },
});

const tailTopic = uniqueName('refresh-tail');
const lagTopic = uniqueName('refresh-lag');
const groupId = uniqueName('refresh-group');
useCaughtUpGroup(lagTopic, groupId, 20);

before(async () => {
  await createTopic(tailTopic);
});

after(async () => {
  await deleteTopic(tailTopic);
});

const messages = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ key: `${prefix}-${i}`, value: JSON.stringify({ n: i }) }));

/** The tail panel showing `received` messages, running, and no error. */
async function tailShows(received: number): Promise<string> {
  const view = await ui.wb.waitForWebview(
    new RegExp(`(?=[\\s\\S]*Tail: ${tailTopic})(?=[\\s\\S]*\\brunning · [\\d.]+ msg/s · ${received} received)`),
    45_000,
  );
  const error = await view.frame
    .locator('#tail-error')
    .innerText()
    .catch(() => '');
  assert.equal(error.trim(), '', `the tail shows no error: ${error}`);
  return view.text;
}

/** The lag view showing the group's partition row: committed, log end and lag. */
async function lagShows(committed: number, every: number): Promise<string> {
  const row = new RegExp(`${lagTopic}\\s+0\\s+${committed}\\s+${committed}\\s+0\\s`);
  const view = await ui.wb.waitForWebview(
    new RegExp(
      `(?=[\\s\\S]*Consumer lag · ${groupId})(?=[\\s\\S]*every ${every}s while visible)(?=[\\s\\S]*${row.source})`,
    ),
    60_000,
  );
  assert.doesNotMatch(view.text, /could not be read|Connection error/i);
  assert.match(view.text, /Total lag\s+0\b/);
  return view.text;
}

function assertNoErrorToast(messages: string[]): void {
  const bad = messages.filter((m) => /stopped|failed|error|could not/i.test(m));
  assert.deepEqual(bad, [], 'no error notification');
}

void test('a tail and a lag view keep working across Refresh and a change of msk.lag.refreshSeconds', async () => {
  const { wb } = ui;
  await wb.openViewContainer('Amazon MSK');
  await wb.setSideBarWidth(560);
  await wb.expandTreeItem(SCOPE, { view: VIEW, timeout: 45_000 });
  await wb.expandTreeItem(CLUSTER, { view: VIEW, timeout: 45_000 });

  // A live tail, receiving.
  await wb.runCommand('MSK: Tail Topic…');
  await wb.pickQuickItem(CLUSTER);
  await wb.pickQuickItem(tailTopic);
  await wb.pickQuickItem('Newest (live)');
  await wb.waitForWebview(new RegExp(`Tail: ${tailTopic}[\\s\\S]*running`), 60_000);
  await produce(tailTopic, messages('first', 3));
  await tailShows(3);

  // The group's lag view, beside the tail.
  await wb.runCommand('View: New Editor Group to the Right');
  await wb.expandTreeItem(GROUPS, { view: VIEW, timeout: 45_000 });
  await wb.clickTreeItemAction(GROUPS, 'Filter…', { view: VIEW });
  await wb.answerInputBox(groupId);
  await wb.clickForWebview(
    await wb.waitForTreeItem(groupId, { view: VIEW, timeout: 45_000 }),
    new RegExp(`Consumer lag · ${groupId}`),
  );
  await lagShows(20, 2);

  // The Clusters view's Refresh button (its only view: the actions sit in the side bar's title).
  const title = wb.page.locator('.part.sidebar > .title');
  await title.hover();
  await title.locator('.title-actions .action-label[aria-label="Refresh"]').click();
  await wb.waitForTreeItem(groupId, { view: VIEW, timeout: 45_000 });

  await produce(tailTopic, messages('after-refresh', 3));
  await tailShows(6);
  await produceRecords(lagTopic, 10);
  await lagShows(30, 2);
  assertNoErrorToast(await wb.notifications());
  // The tree was redrawn in place: what was expanded (down to the filtered group) still is.
  await wb.waitForTreeItem(groupId, { view: VIEW, timeout: 15_000 });

  // A lag setting changes in the Settings UI (opened over the tail, beside the lag view).
  await wb.runCommand('View: Focus First Editor Group');
  await wb.runCommand('Preferences: Open User Settings');
  const settings = wb.page.locator('.settings-editor');
  await settings.waitFor();
  await wb.page.keyboard.type('msk.lag.refreshSeconds');
  const input = settings.locator('.setting-item-contents', { hasText: 'Refresh Seconds' }).locator('input').first();
  await input.fill('3');
  await input.press('Tab');
  const file = join(wb.userDataDir, 'User', 'settings.json');
  await waitFor('the Settings UI to save msk.lag.refreshSeconds', () =>
    Promise.resolve(
      (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>)['msk.lag.refreshSeconds'] === 3,
    ),
  );
  await wb.editorTab(`Tail: ${tailTopic}`).click();
  await lagShows(30, 3);

  await produce(tailTopic, messages('after-setting', 4));
  await tailShows(10);
  await produceRecords(lagTopic, 5);
  await lagShows(35, 3);
  assertNoErrorToast(await wb.notifications());
  await wb.screenshot('refresh-keeps-work');
});
