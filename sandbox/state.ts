/**
 * The machine-readable description of a running sandbox: `.sandbox/sandbox.json`.
 * Written by `npm run sandbox` (sandbox/cli.ts); read by the control plane, the tests,
 * `npm start` and scripts. Documented in sandbox/README.md. All paths are absolute.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface SandboxPrincipal {
  /** Kafka principal name, e.g. "admin" (User:admin). */
  name: string;
  accessKeyId: string;
  secretAccessKey: string;
  scramUser: string;
  scramPassword: string;
  /** PEM client certificate and key for mutual TLS, with CN=<name>. */
  clientCert: string;
  clientKey: string;
}

export interface SandboxListeners {
  plaintext: string;
  tls: string;
  scram: string;
  iam: string;
  /** The serverless cluster's IAM listener (same broker, its own port). */
  serverlessIam: string;
}

export interface SandboxClusterInfo {
  arn: string;
  name: string;
  type: 'PROVISIONED' | 'SERVERLESS';
}

export interface SandboxState {
  schemaVersion: 1;
  kafkaVersion: string;
  region: string;
  accountId: string;
  /** e.g. http://127.0.0.1:4599 — MSK (kafka) and MSK Connect (kafkaconnect) REST APIs, SigV4-checked. */
  controlPlaneEndpoint: string;
  /** PEM of the sandbox CA that signed every broker certificate. */
  caFile: string;
  listeners: SandboxListeners;
  principals: { admin: SandboxPrincipal; readonly: SandboxPrincipal };
  /** mTLS client certificate/key of the admin principal (shortcut for principals.admin). */
  clientCert: string;
  clientKey: string;
  /** Kafka Connect worker REST API, e.g. http://127.0.0.1:8083 */
  connectUrl: string;
  /** Sandbox-local AWS shared config/credentials files, and the profile names in them. */
  aws: { configFile: string; credentialsFile: string; profile: string; readonlyProfile: string };
  clusters: { provisioned: SandboxClusterInfo; serverless: SandboxClusterInfo };
  /** Seconds an IAM-authenticated session lives before the broker demands re-authentication. */
  iamSessionLifetimeSeconds: number;
  /** Folder holding each part's log file: broker.log, connect.log, controlplane.log. */
  logDir: string;
  stateDir: string;
  /**
   * The schema registries the control plane serves (seeded, see sandbox/README.md): Glue at
   * controlPlaneEndpoint (JSON 1.1, SigV4 scope `glue`), and a Confluent-compatible REST registry
   * with basic auth. Absent in state files written before the registries existed.
   */
  schemaRegistry?: {
    glue: { endpoint: string; registry: string };
    /** Basic auth with username/password, or `Authorization: Bearer <bearerToken>`. */
    confluent: { url: string; username: string; password: string; bearerToken: string };
  };
}

export const repoRoot = resolve(__dirname, '..');
export const defaultStateDir = join(repoRoot, '.sandbox');

export function sandboxStatePath(stateDir = process.env.MSK_SANDBOX_DIR ?? defaultStateDir): string {
  return join(stateDir, 'sandbox.json');
}

/** Reads sandbox.json; throws a message that says to run `npm run sandbox` when it is missing. */
export function readSandboxState(stateDir?: string): SandboxState {
  const path = sandboxStatePath(stateDir);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`No sandbox description at ${path}. Start the sandbox first: npm run sandbox`);
  }
  return JSON.parse(text) as SandboxState;
}
