/**
 * What a person sees first after installing the .vsix into a real VS Code (code-server):
 * the activity-bar entry, the Clusters view, the extension's log and a webview panel.
 * Fails when the extension does not activate (no log line, no view content, no panel).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readSandboxState } from '../../sandbox/state';
import { repoRoot } from './support/codeServer';
import { useWorkbench } from './support/workbench';

const ui = useWorkbench({ name: 'foundation' });

void test('the activity bar has the Amazon MSK view container', async () => {
  const item = ui.wb.activityBarItem('Amazon MSK');
  await item.waitFor();
  assert.equal(await item.isVisible(), true);
  await ui.wb.screenshot('foundation-1-activity-bar');
});

void test('clicking Amazon MSK shows the Clusters view with the sandbox profile and region', async () => {
  const { wb } = ui;
  await wb.openViewContainer('Amazon MSK');
  await wb.view('Clusters').waitFor();
  const state = readSandboxState();
  const scope = `${state.aws.profile} · ${state.region}`;
  try {
    await wb.waitForTreeItem(scope, { view: 'Clusters', timeout: 45_000 });
  } catch {
    const labels = await wb.treeItemLabels('Clusters');
    const welcome = wb.welcomeContent('Clusters');
    const welcomeText = (await welcome.isVisible()) ? ((await welcome.textContent()) ?? '').trim() : '';
    assert.fail(
      `the Clusters view has no item "${scope}" (items: ${JSON.stringify(labels)}, welcome: ${JSON.stringify(welcomeText)})`,
    );
  }
  await wb.screenshot('foundation-2-clusters-view');

  // The README's picture: a wider side bar with the sandbox cluster opened, once loaded.
  await wb.setSideBarWidth(420);
  await wb.waitForTreeLoaded('Clusters');
  await wb.expandTreeItem(state.clusters.provisioned.name, { view: 'Clusters' });
  await wb.waitForTreeLoaded('Clusters');
  await wb.screenshot('explorer');
});

void test('"MSK: Show Log" shows the Amazon MSK output channel with the activation line', async () => {
  const { wb } = ui;
  await wb.runCommand('MSK: Show Log');
  const text = await wb.waitForOutputText(/Amazon MSK extension \S+ activated/);
  const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  assert.match(text, new RegExp(`Amazon MSK extension ${version.replace(/\./g, '\\.')} activated`));
  const channel = await wb.page.locator('.part.panel select.monaco-select-box').first().inputValue();
  assert.equal(channel, 'Amazon MSK', 'the Output panel shows another channel');
  await wb.screenshot('foundation-3-show-log');
});

void test('"MSK: Open Cluster Overview" opens a webview panel showing the picked cluster', async () => {
  const { wb } = ui;
  const cluster = readSandboxState().clusters.provisioned.name;
  await wb.runCommand('MSK: Open Cluster Overview');
  await wb.pickQuickItem(cluster);
  const { text } = await wb.waitForWebview(cluster, 45_000);
  assert.ok(text.includes(cluster), `the overview does not name the cluster ${cluster}:\n${text}`);
  await wb.screenshot('foundation-4-cluster-overview');
});
