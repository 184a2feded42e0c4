/**
 * The sign-in part of the ssh2 connect settings: a private key file (asking for its passphrase only
 * when it is encrypted) or the SSH agent of the passed-in environment.
 */
import { readFile } from 'node:fs/promises';
import type { ConnectConfig } from 'ssh2';
import { SshTunnelError } from './errors';
import { expandHome } from './paths';
import { tunnelLabel, type SshTunnelConfig } from './types';

type Ssh2 = typeof import('ssh2');

export type SshAuthSettings = Pick<ConnectConfig, 'privateKey' | 'passphrase' | 'agent'>;

function parseError(parsed: unknown): Error | undefined {
  return parsed instanceof Error ? parsed : undefined;
}

export async function sshAuthSettings(ssh2: Ssh2, config: SshTunnelConfig): Promise<SshAuthSettings> {
  const who = tunnelLabel(config);
  if (config.auth.kind === 'agent') {
    const sock = config.env?.SSH_AUTH_SOCK;
    if (!sock) {
      throw new SshTunnelError(
        'NoAgent',
        `The SSH tunnel to ${who} signs in through the SSH agent, but SSH_AUTH_SOCK is not set for VS Code.`,
        'Start an agent and add your key (eval "$(ssh-agent)"; ssh-add), then start VS Code from that shell, or use a private key file instead.',
      );
    }
    return { agent: sock };
  }
  const file = expandHome(config.auth.privateKeyPath, config.env);
  let key: Buffer;
  try {
    key = await readFile(file);
  } catch (err) {
    throw new SshTunnelError(
      'KeyUnreadable',
      `The private key ${file} for the SSH tunnel to ${who} cannot be read (${(err as { code?: string }).code ?? String(err)}).`,
      'Check the path of the private key in the tunnel settings.',
      err,
    );
  }
  const plain = parseError(ssh2.utils.parseKey(key));
  if (!plain) return { privateKey: key };
  if (!/no passphrase given/i.test(plain.message)) {
    throw new SshTunnelError(
      'KeyUnreadable',
      `The file ${file} is not a private key ssh can use (${plain.message}).`,
      'Use an OpenSSH, PEM or PuTTY private key file (the one without ".pub").',
      plain,
    );
  }
  const passphrase = config.passphrase ? await config.passphrase() : undefined;
  if (passphrase === undefined || passphrase === '') {
    throw new SshTunnelError(
      'PassphraseNeeded',
      `The private key ${file} for the SSH tunnel to ${who} is encrypted, and no passphrase was given.`,
      'Enter the key’s passphrase when asked (it is kept in VS Code’s secret storage), or use the SSH agent.',
    );
  }
  const decrypted = parseError(ssh2.utils.parseKey(key, passphrase));
  if (decrypted) {
    throw new SshTunnelError(
      'PassphraseWrong',
      `The passphrase does not decrypt the private key ${file} for the SSH tunnel to ${who}.`,
      'Enter the passphrase again (check with: ssh-keygen -y -f <key file>).',
      decrypted,
    );
  }
  return { privateKey: key, passphrase };
}
