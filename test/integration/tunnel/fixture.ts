/** Throwaway keys, known_hosts files and tunnel settings for the tunnel tests. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHmac, randomBytes } from 'node:crypto';
import type { SshTunnelConfig, SshTunnelOptions } from '../../../src/kafka/tunnel/types';
import { currentUser, makeKey, type KeyPair } from './sshd';

/** Short timings so a test sees reconnects and refusals quickly. */
export const FAST_TUNNEL: SshTunnelOptions = {
  readyTimeoutMs: 5_000,
  initialBackoffMs: 200,
  maxBackoffMs: 1_000,
  keepaliveMs: 2_000,
  pendingTimeoutMs: 15_000,
};

export const PASSPHRASE = 'correct horse battery staple';

export class Keys {
  readonly dir = mkdtempSync(join(tmpdir(), 'tunnel-keys-'));
  /** The bastion's real host key, and another one (a changed or impostor server). */
  readonly hostA: KeyPair = makeKey(this.dir, 'host-a');
  readonly hostB: KeyPair = makeKey(this.dir, 'host-b');
  /** The person's key (authorized on the bastion), an encrypted one (authorized too), and a stranger's. */
  readonly user: KeyPair = makeKey(this.dir, 'user');
  readonly encrypted: KeyPair = makeKey(this.dir, 'user-encrypted', PASSPHRASE);
  readonly stranger: KeyPair = makeKey(this.dir, 'stranger');

  /** Writes a known_hosts file naming `key` for 127.0.0.1 on `port`, hashed as `ssh-keygen -H` writes it. */
  knownHosts(name: string, port: number, key: KeyPair, extraLines: string[] = []): string {
    const salt = randomBytes(20);
    const hash = createHmac('sha1', salt).update(`[127.0.0.1]:${port}`).digest();
    const [type, blob] = key.publicLine.split(/\s+/);
    const file = join(this.dir, name);
    writeFileSync(
      file,
      [...extraLines, `|1|${salt.toString('base64')}|${hash.toString('base64')} ${type} ${blob}`, ''].join('\n'),
    );
    return file;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Tunnel settings for the loopback sshd: the user's key, host key checked against `knownHosts`. */
export function tunnelConfig(
  port: number,
  keys: Keys,
  knownHosts: string,
  overrides: Partial<SshTunnelConfig> = {},
): SshTunnelConfig {
  return {
    host: '127.0.0.1',
    port,
    username: currentUser(),
    auth: { kind: 'keyFile', privateKeyPath: keys.user.file },
    hostKey: { kind: 'knownHosts', file: knownHosts },
    env: {},
    ...overrides,
  };
}
