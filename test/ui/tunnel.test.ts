/**
 * SSH tunnels in a real VS Code: two manual connections written into the user settings with an
 * `sshTunnel` to a real OpenSSH server on loopback (started here, throwaway keys). Expanding the first
 * shows its topics (reached through the bastion); the second's known_hosts lists another host key
 * (the bastion "changed"), so its Topics folder shows the refusal and what to do next.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Cleanup, sandbox } from '../integration/support/sandbox';
import { Keys, PASSPHRASE } from '../integration/tunnel/fixture';
import { currentUser, freePort, Sshd } from '../integration/tunnel/sshd';
import { waitFor } from './support/codeServer';
import { useWorkbench } from './support/workbench';

const VIEW = 'Clusters';
const GOOD = 'orders via bastion';
const CHANGED = 'payments via bastion';
const ADDED = 'billing via bastion';

const keys = new Keys();
const cleanup = new Cleanup();
const settings: Record<string, unknown> = {};
let sshd: Sshd | undefined;
let port = 0;
let topic = '';

// Top level: runs before the workbench's hook (inside the describe below), which needs the port.
before(async () => {
  port = await freePort();
  sshd = await Sshd.start({ port, hostKey: keys.hostA, authorized: [keys.user, keys.encrypted] });
  // Sorts before the sandbox's scale-t-* topics, so it is on the first page.
  topic = await cleanup.createTopic('explorer-tunnel');
  const tunnel = { host: '127.0.0.1', port, user: currentUser(), privateKeyFile: keys.user.file };
  settings['msk.connections'] = [
    {
      id: 'ui-tunnel-good',
      name: GOOD,
      bootstrapServers: sandbox().listeners.plaintext,
      auth: 'plaintext',
      sshTunnel: { ...tunnel, knownHostsFile: keys.knownHosts('known_hosts', port, keys.hostA) },
    },
    {
      id: 'ui-tunnel-changed',
      name: CHANGED,
      bootstrapServers: sandbox().listeners.plaintext,
      auth: 'plaintext',
      sshTunnel: { ...tunnel, knownHostsFile: keys.knownHosts('known_hosts_old', port, keys.hostB) },
    },
  ];
});

after(async () => {
  await sshd?.stop();
  await cleanup.run();
  keys.remove();
});

describe('SSH tunnels in the Clusters view', () => {
  const ui = useWorkbench({ name: 'tunnel', settings });

  async function expandLoaded(label: string): Promise<{ label: string; description: string }[]> {
    await ui.wb.expandTreeItem(label, { view: VIEW, timeout: 45_000 });
    return ui.wb.waitForTreeItemChildren(label, VIEW, { timeout: 45_000 });
  }

  async function collapse(label: string): Promise<void> {
    const item = await ui.wb.waitForTreeItem(label, { view: VIEW });
    if ((await item.getAttribute('aria-expanded')) === 'true') {
      await item.locator('.monaco-tl-twistie').click();
      await waitFor(`${label} to collapse`, async () => (await item.getAttribute('aria-expanded')) === 'false');
    }
  }

  test('a manual connection with an SSH tunnel in the settings shows its topics through the bastion', async () => {
    const { wb } = ui;
    await wb.openViewContainer('Amazon MSK');
    await wb.setSideBarWidth(900);
    const connections = await expandLoaded('Kafka connections');
    assert.deepEqual(
      connections.map((c) => c.label),
      [GOOD, CHANGED],
    );
    assert.deepEqual(
      (await expandLoaded(GOOD)).map((c) => c.label),
      ['Brokers', 'Topics', 'Consumer groups', 'ACLs'],
    );
    const topics = await expandLoaded('Topics');
    assert.ok(
      topics.some((t) => t.label === topic),
      `the topic made for this test is listed: ${JSON.stringify(topics.map((t) => t.label))}`,
    );
    await collapse(GOOD);
  });

  test('a bastion whose host key changed shows the refusal and the next step in the tree', async () => {
    const { wb } = ui;
    await expandLoaded(CHANGED);
    const [only, ...rest] = await expandLoaded('Topics');
    assert.deepEqual(rest, [], 'only the error under Topics');
    assert.equal(
      only.label.startsWith(`The host key of the SSH bastion ${currentUser()}@127.0.0.1:${port} has changed`),
      true,
      only.label,
    );
    assert.match(only.label, /The connection was refused: the server may be an impostor\.$/);
    assert.match(
      only.description,
      /^Confirm the new key with the bastion’s administrator; only then remove the old entry/,
    );
    await wb.screenshot('tunnel-host-key-changed');
  });

  /** Waits for the input box asking `prompt` (steps share a title), then answers it. */
  async function answer(prompt: RegExp, text: string): Promise<void> {
    await waitFor(`the input box asking ${String(prompt)}`, async () => {
      if (!(await ui.wb.quickInput().isVisible())) return false;
      return prompt.test((await ui.wb.quickInputText()).message);
    });
    await ui.wb.answerInputBox(text);
  }

  test('Add Kafka Connection… goes through an SSH bastion, and an encrypted key’s passphrase is asked and checked', async () => {
    const { wb } = ui;
    await collapse(CHANGED);
    await wb.runCommand('MSK: Add Kafka Connection…');
    await answer(/A name for this connection/, ADDED);
    await answer(/Bootstrap servers/, sandbox().listeners.plaintext);
    await wb.pickQuickItem('Plaintext');
    await wb.pickQuickItem('Through an SSH bastion…');
    await answer(/SSH bastion host/, '127.0.0.1');
    await answer(/SSH port/, 'not a port');
    await waitFor('the port to be refused', async () =>
      /A port number from 1 to 65535/.test((await wb.quickInputText()).message),
    );
    await answer(/SSH port|A port number/, String(port));
    await answer(/User name on the bastion/, currentUser());
    await wb.pickQuickItem('Private key file');
    await answer(/Private key file/, keys.encrypted.file);
    await wb.pickQuickItem('known_hosts file');
    await answer(/known_hosts file/, keys.knownHosts('known_hosts_added', port, keys.hostA));
    await wb.waitForNotification(`Kafka connection “${ADDED}” added.`);

    await expandLoaded(ADDED);
    await wb.expandTreeItem('Topics', { view: VIEW });
    // The key is encrypted: its passphrase is asked, and a wrong one is refused in the box.
    await wb.waitForQuickInputTitle(`SSH tunnel of ${ADDED} (${currentUser()}@127.0.0.1:${port})`, 45_000);
    const input = wb.quickInput().locator('.quick-input-box input');
    assert.equal(await input.getAttribute('type'), 'password', 'the passphrase is typed into a password box');
    await input.fill('not the passphrase');
    await waitFor('the wrong passphrase to be refused', async () =>
      /This passphrase does not open the key\./.test((await wb.quickInputText()).message),
    );
    await input.fill(PASSPHRASE);
    await waitFor(
      'the right passphrase to be accepted',
      async () => !/does not open/.test((await wb.quickInputText()).message),
    );
    await input.press('Enter');
    const topics = await wb.waitForTreeItemChildren('Topics', VIEW, { timeout: 45_000 });
    assert.ok(
      topics.some((t) => t.label === topic),
      `the topic is listed through the tunnel: ${JSON.stringify(topics.map((t) => t.label))}`,
    );
  });
});
