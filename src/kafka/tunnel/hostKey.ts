/**
 * Checks the bastion's host key against a known_hosts file or a pinned fingerprint. A failed check
 * leaves a tunnel error naming the expected and the presented fingerprints and the next step.
 */
import { readFile } from 'node:fs/promises';
import { keyTypeOf, normaliseFingerprint, sha256Fingerprint } from './fingerprint';
import { SshTunnelError } from './errors';
import { knownHostsName, lookupKnownHosts, parseKnownHosts, type KnownHostEntry } from './knownHosts';
import { expandHome } from './paths';
import { tunnelLabel, type SshTunnelConfig } from './types';

export interface HostKeyVerifier {
  /** Given to ssh2 as `hostVerifier`: true accepts the key. */
  verify(key: Buffer): boolean;
  /** Why the last `verify` refused, if it did. */
  readonly failure: SshTunnelError | undefined;
  /** Host key algorithms to offer first (those known for this host), as OpenSSH does; may be empty. */
  readonly preferredAlgorithms: string[];
}

/** Host key algorithms each known_hosts key type can be presented with. */
const ALGORITHMS_OF: Record<string, string[]> = {
  'ssh-ed25519': ['ssh-ed25519'],
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
  'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
  'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
  'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
};

function describeKey(key: Buffer): string {
  return `${keyTypeOf(key) ?? 'unknown type'} ${sha256Fingerprint(key)}`;
}

function scanHint(config: SshTunnelConfig): string {
  const port = config.port ?? 22;
  return `ssh-keygen -lf <(ssh-keyscan${port === 22 ? '' : ` -p ${port}`} ${config.host})`;
}

/** Builds the verifier for one connection attempt (reads the known_hosts file now). */
export async function createHostKeyVerifier(config: SshTunnelConfig): Promise<HostKeyVerifier> {
  const who = tunnelLabel(config);
  const port = config.port ?? 22;
  const check = config.hostKey;
  let failure: SshTunnelError | undefined;

  if (check.kind === 'fingerprint') {
    const expected = normaliseFingerprint(check.sha256);
    if (!expected) {
      throw new SshTunnelError(
        'BadFingerprint',
        `The pinned host key fingerprint "${check.sha256}" of the SSH bastion ${who} is not a SHA256 fingerprint.`,
        `Pin the fingerprint as "SHA256:…" (43 characters after the colon), as "${scanHint(config)}" prints it.`,
      );
    }
    return {
      preferredAlgorithms: [],
      get failure() {
        return failure;
      },
      verify(key) {
        const presented = sha256Fingerprint(key);
        if (presented === expected) return true;
        failure = new SshTunnelError(
          'HostKeyChanged',
          `The SSH bastion ${who} presented host key ${describeKey(key)}, but ${expected} is pinned. The connection was refused: the server may be an impostor, or its key was changed.`,
          `Ask the bastion's administrator for its real fingerprint (on the bastion: ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub); only if it is ${presented}, pin that one instead.`,
        );
        return false;
      },
    };
  }

  const file = expandHome(check.file, config.env);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new SshTunnelError(
      'KnownHostsUnreadable',
      `The known_hosts file ${file} for the SSH bastion ${who} cannot be read (${(err as { code?: string }).code ?? String(err)}).`,
      `Point the tunnel at an existing known_hosts file (connect once with "ssh -p ${port} ${config.username}@${config.host}" to add the bastion), or pin its fingerprint instead.`,
      err,
    );
  }
  const { keys, revoked } = lookupKnownHosts(parseKnownHosts(text).entries, config.host, port);
  const preferredAlgorithms = [...new Set(keys.flatMap((k) => ALGORITHMS_OF[k.keyType] ?? []))];
  const name = knownHostsName(config.host, port);
  const same = (a: Buffer, b: KnownHostEntry) => a.equals(b.key);
  return {
    preferredAlgorithms,
    get failure() {
      return failure;
    },
    verify(key) {
      const presented = describeKey(key);
      const bad = revoked.find((r) => same(key, r));
      if (bad) {
        failure = new SshTunnelError(
          'HostKeyRevoked',
          `The SSH bastion ${who} presented host key ${presented}, which ${file} (line ${bad.line}) marks @revoked. The connection was refused.`,
          'Ask the bastion’s administrator for its current host key; never remove the @revoked line to get past this.',
        );
        return false;
      }
      if (keys.some((k) => same(key, k))) return true;
      if (keys.length) {
        const expected = keys.map((k) => `${k.keyType} ${sha256Fingerprint(k.key)} (line ${k.line})`).join(', ');
        failure = new SshTunnelError(
          'HostKeyChanged',
          `The host key of the SSH bastion ${who} has changed: it presented ${presented}, but ${file} lists ${expected}. The connection was refused: the server may be an impostor.`,
          `Confirm the new key with the bastion’s administrator; only then remove the old entry (ssh-keygen -R "${name}" -f ${file}) and connect once with ssh to add the new one.`,
        );
        return false;
      }
      failure = new SshTunnelError(
        'HostKeyUnknown',
        `The SSH bastion ${who} is not in ${file}: it presented host key ${presented}, which nothing vouches for. The connection was refused.`,
        `Connect once with "ssh${port === 22 ? '' : ` -p ${port}`} ${config.username}@${config.host}" and accept the key after checking its fingerprint with the administrator, or pin the fingerprint in the tunnel settings.`,
      );
      return false;
    },
  };
}
