/**
 * The connection doctor in the real VS Code: run from a cluster's context menu, its steps appear
 * with their results as they run, a topic is checked from the page (described and read), the report
 * opens as redacted Markdown and goes to the clipboard; and on `sandbox-private` (MSK API answers,
 * brokers never do) the page names the broker step that failed and the next step.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { kafkaConfig, produce, sandbox, uniqueName, withAdmin } from '../integration/support/sandbox';
import { waitFor } from './support/codeServer';
import { useWorkbench } from './support/workbench';

const VIEW = 'Clusters';
const SCOPE = 'msk-sandbox · us-east-1';
const CLUSTER = 'msk-sandbox';
const PRIVATE = 'sandbox-private';

const CLOSED = 'doctor-closed-port';
// A manual connection to a port nothing listens on (port 1 on loopback: refused at once).
const ui = useWorkbench({
  name: 'doctor',
  settings: {
    'msk.connections': [{ id: 'doctor-closed', name: CLOSED, bootstrapServers: '127.0.0.1:1', auth: 'plaintext' }],
  },
});
const topic = uniqueName('doctor-ui');

/**
 * Right-click → Diagnose Connection…. A menu opened a moment ago can swallow the click on its entry
 * (it stays open with the entry highlighted): then Enter chooses the highlighted entry.
 */
async function diagnoseFromMenu(label: string | RegExp): Promise<void> {
  const { wb } = ui;
  const item = await wb.waitForTreeItem(label, { view: VIEW });
  await item.click({ button: 'right' });
  const entry = wb.page
    .locator('.context-view .action-item .action-label', { hasText: 'Diagnose Connection…' })
    .first();
  await entry.hover();
  await entry.click();
  const menu = wb.page.locator('.context-view .monaco-menu');
  const closed = await menu
    .waitFor({ state: 'hidden', timeout: 2_000 })
    .then(() => true)
    .catch(() => false);
  if (!closed) {
    await wb.page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden' });
  }
}

before(async () => {
  await withAdmin((admin) => admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1 }] }));
  await produce(kafkaConfig(sandbox(), 'plaintext'), topic, ['a message for the doctor']);
});

after(async () => {
  await withAdmin((admin) => admin.deleteTopics({ topics: [topic] }));
});

void test('Diagnose Connection from the palette on the sandbox cluster: every step passes, a topic is read, the report is copied as Markdown', async () => {
  const { wb } = ui;
  await wb.openViewContainer('Amazon MSK');
  await wb.setSideBarWidth(420);
  await wb.expandTreeItem(SCOPE, { view: VIEW, timeout: 45_000 });
  await wb.waitForTreeItem(CLUSTER, { view: VIEW, timeout: 45_000 });
  // From the palette: it asks which cluster (the context menu is used on sandbox-private below).
  await wb.runCommand('MSK: Diagnose Connection…');
  await wb.pickQuickItem(CLUSTER);

  const first = await wb.waitForWebview(/msk-sandbox: \d+ ok, 0 warning\(s\), 0 failed/, 60_000);
  const account = sandbox().accountId;
  assert.match(
    first.text,
    new RegExp(
      `AWS identity and region \\(STS GetCallerIdentity\\)\\s+ok\\s+[\\d.]+ m?s\\s+profile "msk-sandbox"; region us-east-1; account ${account}; identity arn:aws:iam::${account}:user/admin`,
    ),
  );
  assert.match(first.text, /DescribeClusterV2 \(cluster state\)\s+ok\s+[\d.]+ m?s\s+PROVISIONED cluster, state ACTIVE/);
  assert.match(
    first.text,
    /Sign in \(IAM\)\s+ok\s+[\d.]+ m?s\s+signed in to msk-sandbox with IAM \(SASL\/OAUTHBEARER\) token signed for region us-east-1/,
  );
  assert.match(first.text, /Describe the cluster: metadata and advertised brokers .*\s+ok/);
  assert.match(first.text, /Describe \/ read \/ write a topic\s+skipped\s+Skipped: no topic was chosen\./);

  // A topic typed in the page: described and read (one message), not written.
  await first.frame.locator('#topic').fill(topic);
  await first.frame.locator('#run').click();
  const withTopic = await wb.waitForWebview(
    new RegExp(`Read one message from "${topic}".*\\s+ok\\s+[\\d.]+ m?s\\s+read 1 message`),
    60_000,
  );
  assert.match(withTopic.text, new RegExp(`Write to "${topic}"\\s+skipped\\s+Skipped: writing was not confirmed`));
  await wb.screenshot('doctor');

  await withTopic.frame.locator('#copy').click();
  await wb.waitForNotification(
    /The doctor's report for msk-sandbox is on the clipboard \(secrets and account ids redacted\)\./,
  );

  await withTopic.frame.locator('#open').click();
  const editor = wb.page.locator('.part.editor .view-lines').first();
  await editor.waitFor({ state: 'visible' });
  let markdown = '';
  await waitFor(
    'the Markdown report in an editor',
    async () => {
      // Monaco renders lines in no particular DOM order (spaces as U+00A0): wait for the head and the result.
      markdown = (await editor.innerText()).replace(/\u00a0/g, ' ');
      return /# MSK connection doctor/.test(markdown) && /Result:/.test(markdown);
    },
    {
      timeoutMs: 30_000,
      intervalMs: 250,
    },
  );
  assert.match(markdown, /# MSK connection doctor: msk-sandbox/);
  assert.match(markdown, /Result: ✅ \d+ ok, 0 warning\(s\), 0 failed/);
  assert.match(markdown, /arn:aws:kafka:us-east-1:<account>:cluster\/msk-sandbox\//);
  // (The editor wraps long lines at spaces: each value is matched on its own.)
  assert.match(markdown, /arn:aws:iam::<account>:user\/admin;/);
  assert.match(markdown, /AKIA<redacted>/);
  assert.doesNotMatch(markdown, new RegExp(sandbox().principals.admin.accessKeyId));
  assert.doesNotMatch(markdown, new RegExp(sandbox().accountId));
});

void test('Diagnose Connection from the context menu of sandbox-private: the MSK API answers, the broker step fails with its next step', async () => {
  const { wb } = ui;
  await wb.waitForTreeItem(PRIVATE, { view: VIEW, timeout: 45_000 });
  await diagnoseFromMenu(PRIVATE);
  const view = await wb.waitForWebview(/sandbox-private: \d+ ok, \d+ warning\(s\), [1-9]\d* failed/, 90_000);
  assert.match(view.text, /GetBootstrapBrokers\s+ok/);
  assert.match(
    view.text,
    /(TCP connect to|TLS handshake with) 127\.0\.0\.1:?\d*\s+failed\s+[\d.]+ s\s+[^\n]*\s+Next step: [^\n]*security group[^\n]*SSH tunnel/,
  );
  assert.match(view.text, /Sign in\s+skipped\s+Skipped: no bootstrap broker could be reached\./);
  await wb.screenshot('doctor-private');
});

void test('the error node of a connection nobody answers offers Diagnose Connection: the TCP step says refused', async () => {
  const { wb } = ui;
  await wb.expandTreeItem(CLOSED, { view: VIEW, timeout: 45_000 });
  await wb.expandTreeItem('Topics', { view: VIEW, timeout: 45_000 });
  const error = /^Could not reach doctor-closed-port/;
  await wb.waitForTreeItem(error, { view: VIEW, timeout: 60_000 });
  await diagnoseFromMenu(error);
  const view = await wb.waitForWebview(/doctor-closed-port: \d+ ok, 0 warning\(s\), 1 failed/, 60_000);
  assert.match(view.text, /manual connection/);
  assert.match(
    view.text,
    /TCP connect to 127\.0\.0\.1:1\s+failed\s+[\d.]+ m?s\s+Connection refused \(nothing listens on this port\)\.\s+Next step: The host answered but nothing listens on this port/,
  );
  assert.match(view.text, /Sign in\s+skipped\s+Skipped: no bootstrap broker could be reached\./);
});
