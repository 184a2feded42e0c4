/**
 * The optional "Through an SSH bastion…" step of Add/Edit Kafka Connection: host, port, user, how
 * to sign in (key file or agent) and how the bastion's host key is checked. No secret is asked here:
 * an encrypted key's passphrase is asked when the tunnel first opens (./tunnelPassphrase.ts).
 */
import * as vscode from 'vscode';
import {
  canonicalFingerprint,
  checkSshTunnel,
  DEFAULT_KNOWN_HOSTS,
  type SshTunnelSetting,
} from '../../services/tunnelSettings';
import { CancellationError, UserError } from '../../shared/errors';
import { askText } from '../../ui/askText';

async function pick<T extends vscode.QuickPickItem>(title: string, placeHolder: string, items: T[]): Promise<T> {
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder, ignoreFocusOut: true });
  if (!picked) throw new CancellationError();
  return picked;
}

/** A trimmed answer; empty is allowed here (the validators say which steps need a value). */
async function ask(
  title: string,
  prompt: string,
  value: string | undefined,
  validate: (v: string) => string | undefined,
): Promise<string> {
  return (await askText(title, prompt, value, validate, { optional: true })).trim();
}

const required = (what: string) => (v: string) => (v.trim() ? undefined : `${what} is required`);

export function validateTunnelHost(v: string): string | undefined {
  const t = v.trim();
  if (!t) return 'The bastion host is required';
  return /[\s@]/.test(t) ? 'Only the host name or address (the user and the port are asked next)' : undefined;
}

export function validateTunnelPort(v: string): string | undefined {
  const n = Number(v.trim());
  return /^\d+$/.test(v.trim()) && n >= 1 && n <= 65535 ? undefined : 'A port number from 1 to 65535';
}

/** Asks whether the connection goes through an SSH bastion, and its settings; undefined: directly. */
export async function askTunnel(
  title: string,
  existing: SshTunnelSetting | undefined,
): Promise<SshTunnelSetting | undefined> {
  const route = await pick(title, 'How to reach the brokers', [
    { label: 'Directly', detail: 'The brokers are reachable from this machine', picked: !existing, tunnel: false },
    {
      label: 'Through an SSH bastion…',
      detail: 'Forward each broker through an SSH server that can reach them (host key checked)',
      picked: Boolean(existing),
      tunnel: true,
    },
  ]);
  if (!route.tunnel) return undefined;
  const host = await ask(title, 'SSH bastion host name or address', existing?.host, validateTunnelHost);
  const port = Number(await ask(title, 'SSH port of the bastion', String(existing?.port ?? 22), validateTunnelPort));
  const user = await ask(title, 'User name on the bastion', existing?.user, required('The user name'));
  const setting: SshTunnelSetting = { host, user };
  if (port !== 22) setting.port = port;
  const signIn = await pick(title, 'How to sign in to the bastion', [
    {
      label: 'Private key file',
      detail: 'OpenSSH, PEM or PuTTY; an encrypted key’s passphrase is asked once',
      agent: false,
    },
    {
      label: 'SSH agent',
      detail: 'The keys of the running ssh-agent (SSH_AUTH_SOCK)',
      agent: true,
      picked: existing?.useAgent === true,
    },
  ]);
  if (signIn.agent) setting.useAgent = true;
  else {
    setting.privateKeyFile = await ask(
      title,
      'Private key file (the one without .pub)',
      existing?.privateKeyFile ?? '~/.ssh/id_ed25519',
      required('The key file'),
    );
  }
  const check = await pick(title, 'How to check the bastion’s host key', [
    { label: 'known_hosts file', detail: 'As ssh does: the key must be listed for the host', pin: false },
    {
      label: 'Pinned fingerprint',
      detail: 'SHA256:… as ssh-keygen -lf prints it',
      pin: true,
      picked: existing?.hostKeyFingerprint !== undefined,
    },
  ]);
  if (check.pin) {
    setting.hostKeyFingerprint = await ask(
      title,
      'Host key fingerprint (SHA256:…)',
      existing?.hostKeyFingerprint,
      (v) =>
        canonicalFingerprint(v)
          ? undefined
          : 'A SHA256 fingerprint as "ssh-keygen -lf <host key>.pub" prints it: SHA256:…',
    );
  } else {
    const file = await ask(
      title,
      'known_hosts file',
      existing?.knownHostsFile ?? DEFAULT_KNOWN_HOSTS,
      required('The file'),
    );
    if (file !== DEFAULT_KNOWN_HOSTS) setting.knownHostsFile = file;
  }
  const checked = checkSshTunnel(setting);
  if (!checked.ok) throw new UserError(`The SSH tunnel settings are not valid: ${checked.problems.join('; ')}.`);
  return setting;
}
