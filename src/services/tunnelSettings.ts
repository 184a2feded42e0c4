/**
 * SSH tunnel (bastion) settings: `msk.connections[].sshTunnel` and `msk.sshTunnels` (cluster name or
 * ARN → tunnel) as a person writes them, checked field by field into the Kafka layer's tunnel config.
 * No vscode import; the passphrase and the environment are passed in by the extension.
 */
import type { KeyPassphraseCheck } from '../kafka/sshKeyPassphrase';
import { tunnelLabel, type SshTunnelConfig } from '../kafka/tunnel/types';
import { kafkaModule } from './lazyModules';

/** One tunnel as stored in the settings (no secret: the key's passphrase lives in SecretStorage). */
export interface SshTunnelSetting {
  /** The bastion's host name or address. */
  host: string;
  /** Default 22. */
  port?: number;
  user: string;
  /** Private key file (OpenSSH, PEM or PuTTY); "~/" is the home folder. Or `useAgent`. */
  privateKeyFile?: string;
  /** Sign in through the SSH agent of SSH_AUTH_SOCK. Or `privateKeyFile`. */
  useAgent?: boolean;
  /** The host key must be listed here (default ~/.ssh/known_hosts). Or `hostKeyFingerprint`. */
  knownHostsFile?: string;
  /** The host key must have this fingerprint, "SHA256:…" as `ssh-keygen -lf` prints it. */
  hostKeyFingerprint?: string;
}

export const DEFAULT_KNOWN_HOSTS = '~/.ssh/known_hosts';

export const TUNNEL_FIELDS: ReadonlySet<string> = new Set([
  'host',
  'port',
  'user',
  'privateKeyFile',
  'useAgent',
  'knownHostsFile',
  'hostKeyFingerprint',
]);
const LIKELY: Record<string, string> = {
  username: 'user',
  hostname: 'host',
  identityFile: 'privateKeyFile',
  keyFile: 'privateKeyFile',
  privateKey: 'privateKeyFile',
  agent: 'useAgent',
  knownHosts: 'knownHostsFile',
  fingerprint: 'hostKeyFingerprint',
};

/** The tunnel settings without the passphrase and environment the extension adds. */
export type CheckedTunnel = Omit<SshTunnelConfig, 'passphrase' | 'env'>;

export type TunnelCheck = { ok: true; tunnel: CheckedTunnel } | { ok: false; problems: string[] };

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

/** A pasted fingerprint ("SHA256:…", with or without padding) → "SHA256:…"; undefined when it is not one. */
export function canonicalFingerprint(value: string): string | undefined {
  let t = value.trim();
  if (/^sha256:/i.test(t)) t = t.slice('sha256:'.length);
  t = t.replace(/=+$/, '');
  return /^[A-Za-z0-9+/]{43}$/.test(t) ? `SHA256:${t}` : undefined;
}

/** Checks one tunnel setting; every problem is named (a person fixes them all at once). */
export function checkSshTunnel(raw: unknown): TunnelCheck {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, problems: ['it must be an object with host, user and privateKeyFile or useAgent'] };
  }
  const r = raw as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(r)) {
    if (!TUNNEL_FIELDS.has(key)) {
      const hint = LIKELY[key] ? ` (did you mean “${LIKELY[key]}”?)` : '';
      problems.push(`“${key}” is not a tunnel setting${hint}`);
    }
  }
  const host = text(r.host);
  if (!host) problems.push('host is missing');
  else if (/[\s@]/.test(host))
    problems.push(`host “${host}” must be a host name or address only (user and port go in “user” and “port”)`);
  let port = 22;
  if (r.port !== undefined) {
    if (typeof r.port === 'number' && Number.isInteger(r.port) && r.port >= 1 && r.port <= 65535) port = r.port;
    else problems.push(`port ${JSON.stringify(r.port)} is not a port number (a whole number from 1 to 65535)`);
  }
  const user = text(r.user);
  if (!user) problems.push('user is missing');
  const keyFile = text(r.privateKeyFile);
  if (r.privateKeyFile !== undefined && !keyFile) problems.push('privateKeyFile is empty');
  if (r.useAgent !== undefined && typeof r.useAgent !== 'boolean') problems.push('useAgent must be true or false');
  const agent = r.useAgent === true;
  if (keyFile && agent) problems.push('set either privateKeyFile or useAgent, not both');
  if (!keyFile && !agent && r.privateKeyFile === undefined)
    problems.push('set privateKeyFile (a private key file) or "useAgent": true');
  const knownHosts = text(r.knownHostsFile);
  if (r.knownHostsFile !== undefined && !knownHosts) problems.push('knownHostsFile is empty');
  let fingerprint: string | undefined;
  if (r.hostKeyFingerprint !== undefined) {
    fingerprint = typeof r.hostKeyFingerprint === 'string' ? canonicalFingerprint(r.hostKeyFingerprint) : undefined;
    if (!fingerprint)
      problems.push(
        `hostKeyFingerprint ${JSON.stringify(r.hostKeyFingerprint)} is not a SHA256 fingerprint (as "ssh-keygen -lf <key>" prints it: SHA256:…)`,
      );
  }
  if (knownHosts && r.hostKeyFingerprint !== undefined)
    problems.push('set either knownHostsFile or hostKeyFingerprint, not both');
  if (problems.length > 0 || !host || !user) return { ok: false, problems };
  return {
    ok: true,
    tunnel: {
      host,
      port,
      username: user,
      auth: agent ? { kind: 'agent' } : { kind: 'keyFile', privateKeyPath: keyFile! },
      hostKey: fingerprint
        ? { kind: 'fingerprint', sha256: fingerprint }
        : { kind: 'knownHosts', file: knownHosts ?? DEFAULT_KNOWN_HOSTS },
    },
  };
}

/** The `msk.sshTunnels` entry of an MSK cluster: by name first, then by ARN. */
export function clusterTunnelSetting(
  tunnels: Readonly<Record<string, unknown>> | undefined,
  name: string,
  arn: string | undefined,
): { key: string; raw: unknown } | undefined {
  if (!tunnels) return undefined;
  for (const key of [name, arn]) {
    if (key && Object.prototype.hasOwnProperty.call(tunnels, key)) return { key, raw: tunnels[key] };
  }
  return undefined;
}

/** SecretStorage key of the private-key passphrase of a manual connection's tunnel. */
export function connectionTunnelPassphraseKey(connectionId: string): string {
  return `msk.connection.${connectionId}.sshPassphrase`;
}

/** SecretStorage key of the private-key passphrase of an MSK cluster's tunnel (by its settings key). */
export function clusterTunnelPassphraseKey(settingKey: string): string {
  return `msk.sshTunnels.${settingKey}.sshPassphrase`;
}

/** What the extension is told when an encrypted key needs its passphrase. */
export interface TunnelPassphraseRequest {
  /** Where the passphrase is kept in SecretStorage. */
  secretKey: string;
  /** The connection or cluster, e.g. "orders-dev". */
  label: string;
  /** The key file as configured ("~/" not expanded). */
  keyFile: string;
  /** "user@bastion[:port]". */
  bastion: string;
  /** Whether a passphrase opens the key file (checked before it is kept). */
  check: (passphrase: string) => Promise<KeyPassphraseCheck>;
}

export type TunnelPassphraseProvider = (request: TunnelPassphraseRequest) => Promise<string | undefined>;

export interface TunnelSpecDeps {
  passphrase?: TunnelPassphraseProvider;
  /** The extension host's environment: only SSH_AUTH_SOCK and HOME are handed to the tunnel. */
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * The tunnel of a connection's Kafka spec, or a UserError-shaped failure naming every problem of
 * the setting (`where` says which setting, e.g. "msk.connections › orders-dev › sshTunnel").
 */
export function tunnelSpec(
  raw: unknown,
  who: { label: string; where: string; secretKey: string },
  deps: TunnelSpecDeps,
): { ok: true; tunnel: SshTunnelConfig } | { ok: false; message: string; hint: string } {
  const checked = checkSshTunnel(raw);
  if (!checked.ok) {
    return {
      ok: false,
      message: `The SSH tunnel settings of ${who.label} are not valid: ${checked.problems.join('; ')}.`,
      hint: `Fix ${who.where} in your settings (settings.json), then refresh.`,
    };
  }
  const t = checked.tunnel;
  const env = { SSH_AUTH_SOCK: deps.env.SSH_AUTH_SOCK, HOME: deps.env.HOME };
  const provider = deps.passphrase;
  const tunnel: SshTunnelConfig = { ...t, env };
  if (t.auth.kind === 'keyFile' && provider) {
    const keyFile = t.auth.privateKeyPath;
    const request: TunnelPassphraseRequest = {
      secretKey: who.secretKey,
      label: who.label,
      keyFile,
      bastion: tunnelLabel(t),
      check: (passphrase) => kafkaModule().checkKeyPassphrase(keyFile, passphrase, env),
    };
    tunnel.passphrase = () => provider(request);
  }
  return { ok: true, tunnel };
}
