/**
 * The sandbox's settings (Kafka version, ports, IAM session lifetime) and the layout of its
 * state folder. Settings come from flags, then MSK_SANDBOX_* environment variables, then defaults.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultStateDir, repoRoot } from '../state';

export const DEFAULT_KAFKA_VERSION = '3.9.2';
export const DEFAULT_IAM_SESSION_SECONDS = 60;
export const REGION = 'us-east-1';
export const ACCOUNT_ID = '123456789012';
/** Host name every listener advertises; the broker certificate carries it as a SAN. */
export const ADVERTISED_HOST = 'localhost';

export interface Ports {
  plaintext: number;
  controller: number;
  tls: number;
  scram: number;
  iam: number;
  serverlessIam: number;
  connect: number;
  controlPlane: number;
}

export const DEFAULT_PORTS: Ports = {
  plaintext: 9092,
  controller: 9093,
  tls: 9094,
  scram: 9096,
  iam: 9098,
  serverlessIam: 9198,
  connect: 8083,
  controlPlane: 4599,
};

/** Flag and environment-variable name of each port. */
export const PORT_OPTIONS: Record<keyof Ports, { flag: string; env: string }> = {
  plaintext: { flag: 'plaintext-port', env: 'MSK_SANDBOX_PLAINTEXT_PORT' },
  controller: { flag: 'controller-port', env: 'MSK_SANDBOX_CONTROLLER_PORT' },
  tls: { flag: 'tls-port', env: 'MSK_SANDBOX_TLS_PORT' },
  scram: { flag: 'scram-port', env: 'MSK_SANDBOX_SCRAM_PORT' },
  iam: { flag: 'iam-port', env: 'MSK_SANDBOX_IAM_PORT' },
  serverlessIam: { flag: 'serverless-iam-port', env: 'MSK_SANDBOX_SERVERLESS_IAM_PORT' },
  connect: { flag: 'connect-port', env: 'MSK_SANDBOX_CONNECT_PORT' },
  controlPlane: { flag: 'controlplane-port', env: 'MSK_SANDBOX_CONTROLPLANE_PORT' },
};

export interface Settings {
  stateDir: string;
  kafkaVersion: string;
  iamSessionLifetimeSeconds: number;
  ports: Ports;
}

export interface Paths {
  stateDir: string;
  stateFile: string;
  secretsFile: string;
  settingsFile: string;
  tlsDir: string;
  logDir: string;
  runDir: string;
  configDir: string;
  awsDir: string;
  connectFilesDir: string;
  dataDir: string;
  iamPrincipalsFile: string;
}

export function pathsFor(settings: Pick<Settings, 'stateDir' | 'kafkaVersion'>): Paths {
  const s = resolve(settings.stateDir);
  return {
    stateDir: s,
    stateFile: join(s, 'sandbox.json'),
    secretsFile: join(s, 'secrets.json'),
    settingsFile: join(s, 'run', 'settings.json'),
    tlsDir: join(s, 'tls'),
    logDir: join(s, 'logs'),
    runDir: join(s, 'run'),
    configDir: join(s, 'config'),
    awsDir: join(s, 'aws'),
    connectFilesDir: join(s, 'connect'),
    // One storage folder per Kafka version: switching versions never meets storage it cannot read.
    dataDir: join(s, 'data', `kafka-${settings.kafkaVersion}`),
    iamPrincipalsFile: join(s, 'config', 'iam-principals.properties'),
  };
}

export function kafkaMajor(version: string): number {
  const major = Number(/^(\d+)\./.exec(version)?.[1]);
  if (!Number.isInteger(major)) throw new Error(`Not a Kafka version: ${version} (expected e.g. 3.9.2 or 4.1.1)`);
  return major;
}

export type Flags = Record<string, string | boolean | undefined>;

function parsePort(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0 || n > 65535) throw new Error(`${name} must be a TCP port, got "${value}"`);
  return n;
}

export interface ExplicitSettings {
  kafkaVersion?: string;
  iamSessionLifetimeSeconds?: number;
  ports: Partial<Ports>;
}

/** Which settings were given explicitly (flag or environment), to warn when a running sandbox differs. */
export function explicitSettings(flags: Flags, env: NodeJS.ProcessEnv = process.env): ExplicitSettings {
  const out: ExplicitSettings = { ports: {} };
  const str = (flag: string, envName: string): string | undefined => {
    const f = flags[flag];
    if (typeof f === 'string') return f;
    const e = env[envName];
    return e !== undefined && e !== '' ? e : undefined;
  };
  const version = str('kafka-version', 'MSK_SANDBOX_KAFKA_VERSION');
  if (version !== undefined) {
    kafkaMajor(version);
    out.kafkaVersion = version;
  }
  const seconds = str('iam-session-seconds', 'MSK_SANDBOX_IAM_SESSION_SECONDS');
  if (seconds !== undefined) {
    const n = Number(seconds);
    if (!Number.isInteger(n) || n < 5)
      throw new Error(`--iam-session-seconds must be a whole number >= 5, got "${seconds}"`);
    out.iamSessionLifetimeSeconds = n;
  }
  for (const key of Object.keys(PORT_OPTIONS) as (keyof Ports)[]) {
    const { flag, env: envName } = PORT_OPTIONS[key];
    const v = str(flag, envName);
    if (v !== undefined) out.ports[key] = parsePort(`--${flag}`, v);
  }
  return out;
}

export function resolveSettings(flags: Flags, env: NodeJS.ProcessEnv = process.env): Settings {
  const explicit = explicitSettings(flags, env);
  const ports: Ports = { ...DEFAULT_PORTS, ...explicit.ports };
  const seen = new Map<number, string>();
  for (const [k, v] of Object.entries(ports) as [string, number][]) {
    const other = seen.get(v);
    if (other) throw new Error(`Ports of ${other} and ${k} are both ${v}`);
    seen.set(v, k);
  }
  return {
    stateDir: resolve(env.MSK_SANDBOX_DIR ?? defaultStateDir),
    kafkaVersion: explicit.kafkaVersion ?? DEFAULT_KAFKA_VERSION,
    iamSessionLifetimeSeconds: explicit.iamSessionLifetimeSeconds ?? DEFAULT_IAM_SESSION_SECONDS,
    ports,
  };
}

/** The settings the sandbox was last started with (written when the broker starts). */
export function readRunningSettings(stateDir: string): Settings | undefined {
  const file = join(stateDir, 'run', 'settings.json');
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Settings;
  } catch {
    return undefined;
  }
}

export const brokerPomDir = join(repoRoot, 'sandbox', 'broker');
export const iamAuthPomDir = join(repoRoot, 'sandbox', 'broker', 'iam-auth');
export const controlPlaneMain = join(repoRoot, 'sandbox', 'controlplane', 'main.ts');
