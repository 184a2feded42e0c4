/**
 * Opens one SSH connection to the bastion: host key checked (./hostKey.ts), signed in (./sshAuth.ts),
 * keep-alives on. Failures come back as SshTunnelErrors.
 */
import type { Client, ConnectConfig, ServerHostKeyAlgorithm } from 'ssh2';
import { isSshTunnelError, sshConnectError } from './errors';
import { createHostKeyVerifier } from './hostKey';
import { sshAuthSettings } from './sshAuth';
import type { SshTunnelConfig, SshTunnelOptions } from './types';

type Ssh2 = typeof import('ssh2');

let ssh2Module: Promise<Ssh2> | undefined;
/** ssh2, loaded on first use (pure JavaScript in the bundle: see scripts/noNativeAddons.mjs). */
export function loadSsh2(): Promise<Ssh2> {
  // A CommonJS module: its exports may come as the namespace or as its `default`.
  return (ssh2Module ??= import('ssh2').then((m) =>
    typeof (m as Partial<Ssh2>).utils === 'object' ? m : (m as unknown as { default: Ssh2 }).default,
  ));
}

/** How long a closing SSH connection may take to say goodbye before its socket is destroyed. */
const CLOSE_GRACE_MS = 2_000;

const HOST_KEY_ALGORITHMS: ServerHostKeyAlgorithm[] = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

/** Ends an SSH connection politely; a server that does not answer the goodbye is cut off. */
export function closeClient(client: Client): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => client.destroy(), CLOSE_GRACE_MS);
    client.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    client.end();
  });
}

/** A connected, signed-in SSH client (host key checked first); rejects with an SshTunnelError. */
export async function connectSsh(
  config: SshTunnelConfig,
  o: Pick<Required<SshTunnelOptions>, 'readyTimeoutMs' | 'keepaliveMs'>,
): Promise<Client> {
  const ssh2 = await loadSsh2();
  const verifier = await createHostKeyVerifier(config);
  const auth = await sshAuthSettings(ssh2, config);
  const preferred = verifier.preferredAlgorithms as ServerHostKeyAlgorithm[];
  const settings: ConnectConfig = {
    host: config.host,
    port: config.port ?? 22,
    username: config.username,
    ...auth,
    hostVerifier: (key: Buffer) => verifier.verify(key),
    readyTimeout: o.readyTimeoutMs,
    keepaliveInterval: o.keepaliveMs,
    keepaliveCountMax: 3,
    algorithms: {
      serverHostKey: [...preferred, ...HOST_KEY_ALGORITHMS.filter((a) => !preferred.includes(a))],
    },
  };
  const client = new ssh2.Client();
  return new Promise<Client>((resolve, reject) => {
    let settled = false;
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      client.end();
      reject(verifier.failure ?? (isSshTunnelError(err) ? err : sshConnectError(config, err)));
    };
    client.once('ready', () => {
      if (settled) return;
      settled = true;
      resolve(client);
    });
    client.on('error', fail);
    client.once('close', () => fail(new Error('the server closed the connection during the handshake')));
    try {
      client.connect(settings);
    } catch (err) {
      fail(err);
    }
  });
}
