/**
 * The settings of an SSH tunnel (bastion) for a Kafka connection: plain data plus two functions
 * (the passphrase, the environment) that the UI layer supplies. No secret is ever kept here as text.
 */

/** Sign in with a private key file (OpenSSH, PEM or PuTTY format; encrypted keys ask `passphrase`). */
export interface SshKeyFileAuth {
  kind: 'keyFile';
  /** Absolute path, or starting with "~/" for the home folder. */
  privateKeyPath: string;
}

/** Sign in through a running ssh-agent, found through `SSH_AUTH_SOCK` of `SshTunnelConfig.env`. */
export interface SshAgentAuth {
  kind: 'agent';
}

export type SshAuth = SshKeyFileAuth | SshAgentAuth;

/** The bastion's host key must be listed for it in this known_hosts file (OpenSSH format). */
export interface KnownHostsCheck {
  kind: 'knownHosts';
  /** Absolute path, or starting with "~/" (e.g. "~/.ssh/known_hosts"). */
  file: string;
}

/** The bastion's host key must have exactly this SHA-256 fingerprint ("SHA256:…" as `ssh-keygen -lf` prints it). */
export interface PinnedFingerprintCheck {
  kind: 'fingerprint';
  sha256: string;
}

export type HostKeyCheck = KnownHostsCheck | PinnedFingerprintCheck;

export interface SshTunnelConfig {
  /** The bastion's host name or address. */
  host: string;
  /** Default 22. */
  port?: number;
  username: string;
  auth: SshAuth;
  hostKey: HostKeyCheck;
  /**
   * Asked when the private key is encrypted (the UI reads it from its secret storage or asks the
   * person); undefined means "none available". Never called for unencrypted keys or the agent.
   */
  passphrase?: () => Promise<string | undefined>;
  /** The environment to read `SSH_AUTH_SOCK` and `HOME` from (the extension host's, passed in). */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Timing of a tunnel; defaults suit people, tests shorten them. */
export interface SshTunnelOptions {
  /** ms for TCP connect + SSH handshake + sign-in. Default 20 000. */
  readyTimeoutMs?: number;
  /** First wait before reconnecting after a drop; doubles up to `maxBackoffMs`. Default 500. */
  initialBackoffMs?: number;
  /** Default 15 000. */
  maxBackoffMs?: number;
  /** SSH keep-alive interval; a bastion that misses 3 in a row counts as dropped. Default 15 000. */
  keepaliveMs?: number;
  /** How long a local connection waits for the SSH connection to come back before it is closed. Default 20 000. */
  pendingTimeoutMs?: number;
}

/** A log sink (the Kafka layer's logger fits). */
export interface TunnelLogger {
  info(message: string): void;
  warn(message: string): void;
  debug?(message: string): void;
}

/** A short, secret-free description of the tunnel for ids, fingerprints and messages. */
export function tunnelLabel(config: Pick<SshTunnelConfig, 'host' | 'port' | 'username'>): string {
  const port = config.port ?? 22;
  return `${config.username}@${config.host}${port === 22 ? '' : `:${port}`}`;
}
