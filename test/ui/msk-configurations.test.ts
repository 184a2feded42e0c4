/**
 * MSK cluster configurations in the real VS Code against the sandbox's control plane: a provisioned
 * cluster shows the configuration revision it runs and opens it (from the tree, and from the link in
 * its overview); the private cluster says it runs MSK's default configuration; the region's "MSK
 * configurations" folder lists configurations and their revisions; a revision opens as a read-only
 * properties document; two revisions compare in a diff editor.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { waitFor } from './support/codeServer';
import { useWorkbench } from './support/workbench';

const VIEW = 'Clusters';
const SCOPE = 'msk-sandbox · us-east-1';
const CLUSTER = 'msk-sandbox';
const PRIVATE = 'sandbox-private';
const FOLDER = 'MSK configurations';
const CONFIG = 'long-retention';

const ui = useWorkbench({ name: 'msk-configurations' });

async function collapse(label: string): Promise<void> {
  const item = await ui.wb.waitForTreeItem(label, { view: VIEW });
  if ((await item.getAttribute('aria-expanded')) === 'true') {
    await item.locator('.monaco-tl-twistie').click();
    await waitFor(`${label} to collapse`, async () => (await item.getAttribute('aria-expanded')) === 'false');
  }
}

/** The text of the active editor once it shows `expected`. */
async function editorText(expected: RegExp): Promise<string> {
  const editor = ui.wb.page.locator('.part.editor .editor-instance .view-lines').first();
  let text = '';
  await waitFor(`the editor to show ${String(expected)}`, async () => {
    text = (await editor.innerText().catch(() => '')).replace(/\u00a0/g, ' ');
    return expected.test(text);
  });
  return text;
}

void test('a provisioned cluster shows and opens the configuration revision it runs; the private one is on the default', async () => {
  const { wb } = ui;
  await wb.openViewContainer('Amazon MSK');
  await wb.setSideBarWidth(460);
  await wb.expandTreeItem(SCOPE, { view: VIEW, timeout: 45_000 });
  await wb.waitForTreeItemChildren(SCOPE, VIEW, { timeout: 45_000 });

  await wb.expandTreeItem(CLUSTER, { view: VIEW, timeout: 45_000 });
  const config = await wb.waitForTreeItem('MSK configuration', { view: VIEW, timeout: 45_000 });
  assert.equal(await wb.treeItemDescription('MSK configuration', { view: VIEW }), 'msk-sandbox-config · revision 2');
  await config.click();
  await wb.editorTab('msk-sandbox-config-revision-2.properties').waitFor({ timeout: 30_000 });
  const text = await editorText(/allow\.everyone\.if\.no\.acl\.found=false/);
  assert.match(text, /^log\.retention\.hours=168$/m, `revision 2 as MSK stores it:\n${text}`);
  // Highlighted as a properties file (the language shown in the status bar).
  const mode = wb.page.locator('.part.statusbar [id="status.editor.mode"]');
  await waitFor('the language mode Properties', async () => /Properties/i.test(await mode.innerText().catch(() => '')));
  await collapse(CLUSTER);
  // The cluster overview says it too, as a link that opens the revision.
  await wb.runCommand('View: Close All Editors');
  await wb.editorTab('msk-sandbox-config-revision-2.properties').waitFor({ state: 'detached', timeout: 30_000 });
  await wb.runCommand('MSK: Open Cluster Overview');
  await wb.pickQuickItem(CLUSTER, { timeout: 45_000 });
  const overview = await wb.waitForWebview(/MSK configuration\s*msk-sandbox-config, revision 2/, 45_000);
  await overview.frame.getByRole('button', { name: 'msk-sandbox-config, revision 2' }).click();
  await wb.editorTab('msk-sandbox-config-revision-2.properties').waitFor({ timeout: 30_000 });
  await editorText(/allow\.everyone\.if\.no\.acl\.found=false/);

  await wb.expandTreeItem(PRIVATE, { view: VIEW, timeout: 45_000 });
  await waitFor('the private cluster’s configuration item', async () => {
    const children = await wb.treeItemChildren(PRIVATE, VIEW).catch(() => []);
    return children.some((c) => c.label === 'MSK configuration' && c.description === 'MSK default configuration');
  });
  await collapse(PRIVATE);
});

void test('the MSK configurations folder lists configurations and revisions; a revision opens and two compare', async () => {
  const { wb } = ui;
  await wb.revealTreeItem(FOLDER, { view: VIEW });
  await wb.setSideBarWidth(400);
  await wb.expandTreeItem(FOLDER, { view: VIEW, timeout: 45_000 });
  const configs = await wb.waitForTreeItemChildren(FOLDER, VIEW, { timeout: 45_000 });
  assert.ok(
    configs.some((c) => c.label === 'msk-sandbox-config'),
    `the cluster's configuration is listed: ${JSON.stringify(configs)}`,
  );
  const longRetention = configs.find((c) => c.label === CONFIG);
  assert.equal(longRetention?.description, 'revision 3 · any Kafka version · ACTIVE');

  await wb.expandTreeItem(CONFIG, { view: VIEW, timeout: 45_000 });
  const revisions = await wb.waitForTreeItemChildren(CONFIG, VIEW, { timeout: 45_000 });
  assert.deepEqual(
    revisions.map((r) => r.label),
    ['Revision 3', 'Revision 2', 'Revision 1'],
  );
  assert.match(revisions[0]?.description ?? '', /^Compress on the broker · \d{4}-\d\d-\d\d · latest$/);

  await (await wb.waitForTreeItem('Revision 1', { view: VIEW })).click();
  await wb.moveMouseAway();
  await wb.editorTab(`${CONFIG}-revision-1.properties`).waitFor({ timeout: 30_000 });
  await editorText(/log\.retention\.hours=336/);

  // Compare revision 3 with the revision offered first: the previous one (2).
  await wb.treeItemContextMenu('Revision 3', 'Compare with Another Revision…', { view: VIEW });
  await wb.waitForQuickInput();
  assert.equal((await wb.quickPickLabels())[0], 'Revision 2', 'the previous revision is offered first');
  await wb.acceptQuickInput();
  await wb.editorTab(`${CONFIG}: revision 2 ↔ revision 3`).waitFor({ timeout: 30_000 });
  const diff = wb.page.locator('.part.editor .monaco-diff-editor');
  // Revision 3 added compression.type=zstd: an inserted line on the right.
  await diff.locator('.line-insert').first().waitFor({ timeout: 30_000 });
  await waitFor('both revisions in the diff', async () => {
    const sides = await diff.locator('.view-lines').allInnerTexts();
    return (
      sides.length === 2 && !/compression\.type/.test(sides[0] ?? '') && /compression\.type=zstd/.test(sides[1] ?? '')
    );
  });
  // No tree hover over the diff in the screenshot.
  await diff.locator('.view-lines').last().click();
  await wb.page.keyboard.press('Escape');
  await wb.screenshot('msk-configurations');
});
