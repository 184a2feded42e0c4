/**
 * Kafka ACLs in the Clusters view: on an mTLS connection (User:admin) a topic's ACLs folder lists
 * the bindings that apply to it; "Add ACL…" walks the form (which refuses a bad principal and host
 * as they are typed), confirms the binding in one sentence and creates it on the broker; "Delete
 * ACL…" removes exactly that binding after a confirmation. On the IAM cluster the ACLs folder says
 * IAM governs access instead of listing anything.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes, type AclFilter } from 'kafkajs';
import type { Locator } from 'playwright-core';
import { Cleanup, sandbox, withAdmin } from '../integration/support/sandbox';
import { waitFor } from './support/codeServer';
import { useWorkbench } from './support/workbench';

const VIEW = 'Clusters';
const CONN = 'acls-mtls';
const SCOPE = 'msk-sandbox · us-east-1';
const CLUSTER = 'msk-sandbox';
const cleanup = new Cleanup();
let topic = '';

const settings: Record<string, unknown> = {
  'msk.connections': [
    {
      id: 'ui-acls-mtls',
      name: CONN,
      bootstrapServers: sandbox().listeners.tls,
      auth: 'mtls',
      caFile: sandbox().caFile,
      certFile: sandbox().principals.admin.clientCert,
      keyFile: sandbox().principals.admin.clientKey,
    },
  ],
};

before(async () => {
  // Sorts before the sandbox's scale-t-* topics, so it is on the first page.
  topic = await cleanup.createTopic('acls-ui');
});

/** Every binding on the test's topic (literal name), whatever the principal, operation and permission. */
const topicFilter = (): AclFilter => ({
  resourceType: AclResourceTypes.TOPIC,
  resourceName: topic,
  resourcePatternType: ResourcePatternTypes.LITERAL,
  operation: AclOperationTypes.ANY,
  permissionType: AclPermissionTypes.ANY,
});

after(async () => {
  // Whatever a failed run left.
  await withAdmin((admin) => admin.deleteAcls({ filters: [topicFilter()] }));
  await cleanup.run();
});

/** The name of a kafkajs enum value (its runtime enums are plain objects, without reverse mapping). */
const nameIn = (table: object, value: number): string =>
  Object.entries(table).find(([, v]) => v === value)?.[0] ?? String(value);

/** The bindings the broker has on the test's topic, as "PERMISSION OPERATION principal". */
async function brokerBindings(): Promise<string[]> {
  const res = await withAdmin((admin) => admin.describeAcls(topicFilter()));
  return res.resources.flatMap((r) =>
    r.acls.map(
      (a) => `${nameIn(AclPermissionTypes, a.permissionType)} ${nameIn(AclOperationTypes, a.operation)} ${a.principal}`,
    ),
  );
}

const ui = useWorkbench({ name: 'acls', settings });

/** The top-most rendered tree item with that label (a cluster and its topics each have "ACLs"). */
async function topmost(label: string): Promise<Locator> {
  const rows = ui.wb.treeItem(label, VIEW);
  await rows.first().waitFor();
  const tops = await rows.evaluateAll((els) => els.map((el) => parseFloat((el as HTMLElement).style.top || '0')));
  return rows.nth(tops.indexOf(Math.min(...tops)));
}

async function expandLoaded(label: string): Promise<{ label: string; description: string }[]> {
  const item = await topmost(label);
  if ((await item.getAttribute('aria-expanded')) === 'false') await item.locator('.monaco-tl-twistie').click();
  return ui.wb.waitForTreeItemChildren(label, VIEW, { timeout: 45_000 });
}

async function clickAction(item: Locator, action: string): Promise<void> {
  await item.hover();
  await item.locator(`.actions .action-label[aria-label^="${action}"]`).first().click();
}

async function dialogButton(text: RegExp | string, button: string): Promise<string> {
  let dialog = '';
  await waitFor('the confirmation', async () => {
    dialog = await ui.wb.dialogText();
    return typeof text === 'string' ? dialog.includes(text) : text.test(dialog);
  });
  await ui.wb.page.locator('.monaco-dialog-box .dialog-buttons .monaco-button', { hasText: button }).click();
  return dialog;
}

/** Types into the open input box without accepting, and returns the validation message shown. */
async function typeAndReadMessage(text: string, expected: RegExp): Promise<string> {
  const { wb } = ui;
  await wb.waitForQuickInput();
  await wb.page.locator('.quick-input-widget .quick-input-box input').fill(text);
  let message = '';
  await waitFor(`the message for ${JSON.stringify(text)}`, async () => {
    message = (await wb.quickInputText()).message;
    return expected.test(message);
  }).catch(() => assert.fail(`the input box shows ${JSON.stringify(message)} for ${JSON.stringify(text)}`));
  return message;
}

void test('on an mTLS connection: add a DENY ACL to a topic through the form, see it, delete it', async () => {
  const { wb } = ui;
  await wb.openViewContainer('Amazon MSK');
  await wb.setSideBarWidth(640);
  await expandLoaded('Kafka connections');
  assert.deepEqual(
    (await expandLoaded(CONN)).map((c) => c.label),
    ['Brokers', 'Topics', 'Consumer groups', 'ACLs'],
  );
  await expandLoaded('Topics');
  await wb.revealTreeItem(topic, { view: VIEW });
  assert.deepEqual(
    (await expandLoaded(topic)).map((c) => c.label),
    ['Configuration', 'ACLs', 'Partition 0'],
  );

  // The sandbox grants User:readonly READ on every topic (LITERAL *): it applies to this one.
  const before = await expandLoaded('ACLs');
  assert.ok(
    before.some((c) => c.label === 'ALLOW READ · User:readonly' && c.description === 'wildcard *'),
    `the topic's ACLs show ${JSON.stringify(before)}`,
  );

  await clickAction(await topmost('ACLs'), 'Add ACL…');
  await wb.waitForQuickInputTitle(`Add ACL to ${CONN}`);
  await wb.pickQuickItem(`Only “${topic}”`);
  assert.equal(
    await typeAndReadMessage('readonly', /is not a principal/),
    '“readonly” is not a principal: write User:<name>, e.g. User:alice (or User:* for every principal).',
  );
  await wb.answerInputBox('User:readonly');
  await wb.waitForQuickInputTitle(`Add ACL to ${CONN}`);
  assert.match(
    await typeAndReadMessage('localhost', /is not \* or an IP address/),
    /“localhost” is not \* or an IP address/,
  );
  await wb.answerInputBox('*');
  await wb.pickQuickItem('READ');
  await wb.pickQuickItem('DENY');
  const confirmation = await dialogButton(`Create this ACL on ${CONN}?`, 'Create ACL');
  assert.match(confirmation, new RegExp(`DENY READ for User:readonly from any host on topic “${topic}” \\(literal\\)`));
  await wb.waitForNotification(
    `ACL created on ${CONN}: DENY READ for User:readonly from any host on topic “${topic}” (literal).`,
    45_000,
  );
  let withDeny: { label: string; description: string }[] = [];
  await waitFor('the new binding in the tree', async () => {
    withDeny = await wb.treeItemChildren('ACLs', VIEW);
    return withDeny.some((c) => c.label === 'DENY READ · User:readonly');
  });
  assert.equal(withDeny.find((c) => c.label === 'DENY READ · User:readonly')?.description, 'literal');
  assert.deepEqual(await brokerBindings(), ['DENY READ User:readonly'], 'the broker has the binding');
  await wb.clearNotifications();
  await wb.screenshot('acls-1-created');

  await clickAction(await topmost('DENY READ · User:readonly'), 'Delete ACL…');
  const del = await dialogButton(`Delete this ACL from ${CONN}?`, 'Delete ACL');
  assert.match(del, /Only this binding is deleted/);
  await wb.waitForNotification(
    `Deleted 1 ACL binding from ${CONN}: DENY READ for User:readonly from any host on topic “${topic}” (literal).`,
    45_000,
  );
  await waitFor('the binding to leave the tree', async () =>
    (await wb.treeItemChildren('ACLs', VIEW)).every((c) => c.label !== 'DENY READ · User:readonly'),
  );
  assert.deepEqual(await brokerBindings(), [], 'the broker has no binding on the topic left');
  // The sandbox's own grants are untouched.
  assert.ok((await wb.treeItemChildren('ACLs', VIEW)).some((c) => c.label === 'ALLOW READ · User:readonly'));

  // A group's ACLs are a quick pick on the group (groups stay leaves): the wildcard grant applies to it.
  await expandLoaded('Consumer groups');
  await wb.revealTreeItem('msk-sandbox-connect', { view: VIEW });
  await wb.treeItemContextMenu('msk-sandbox-connect', 'Show ACLs of Group', { view: VIEW });
  await wb.waitForQuickInputTitle(/^ACLs that apply to group msk-sandbox-connect \(\d+\)$/, 45_000);
  const groupAcls = await wb.quickPickLabels();
  assert.ok(groupAcls.includes('ALLOW READ · User:readonly'), JSON.stringify(groupAcls));
  assert.ok(
    groupAcls.some((l) => l.endsWith('Add ACL for this group…')),
    JSON.stringify(groupAcls),
  );
  await wb.closeQuickInput();
  await (await topmost(CONN)).locator('.monaco-tl-twistie').click();
});

void test('on the IAM cluster the ACLs folder says IAM governs access', async () => {
  const { wb } = ui;
  await wb.openViewContainer('Amazon MSK');
  await wb.expandTreeItem(SCOPE, { view: VIEW, timeout: 45_000 });
  await wb.waitForTreeItemChildren(SCOPE, VIEW, { timeout: 45_000 });
  const folders = await expandLoaded(CLUSTER);
  assert.ok(
    folders.some((f) => f.label === 'ACLs'),
    JSON.stringify(folders),
  );
  const note = await expandLoaded('ACLs');
  assert.deepEqual(note, [
    {
      label: 'IAM governs access here: Kafka ACLs do not apply to IAM principals',
      description: 'use kafka-cluster:* actions in an IAM policy',
    },
  ]);
  assert.equal(await wb.treeItemDescription('ACLs', { view: VIEW }), 'IAM governs access');
  // Nothing to add on an IAM connection: the folder offers no Add ACL… action.
  const folder = await topmost('ACLs');
  await folder.hover();
  const actions = await folder
    .locator('.actions .action-label')
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  assert.ok(actions.length > 0 && actions.every((a) => !a.startsWith('Add ACL')), JSON.stringify(actions));
  await wb.screenshot('acls-2-iam');
});
