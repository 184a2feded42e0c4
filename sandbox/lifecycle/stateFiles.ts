/**
 * What the sandbox writes for its clients: the state file's contents (listeners, principals,
 * clusters, AWS profiles) and the sandbox-local AWS config/credentials files.
 */
import { mkdirSync } from 'node:fs';
import { writeAtomic } from '../atomicFile';
import { join } from 'node:path';
import type { SandboxState } from '../state';
import { schemaRegistryState } from '../controlplane/confluentRegistryStore';
import { connectUrl } from './connect';
import type { Secrets } from './secrets';
import { ACCOUNT_ID, ADVERTISED_HOST, REGION, type Paths, type Settings } from './settings';
import type { TlsFiles } from './tls';

export const AWS_PROFILE = 'msk-sandbox';
export const AWS_READONLY_PROFILE = 'msk-sandbox-readonly';

export function controlPlaneEndpoint(settings: Settings): string {
  return `http://127.0.0.1:${settings.ports.controlPlane}`;
}

export function buildState(settings: Settings, paths: Paths, secrets: Secrets, tls: TlsFiles): SandboxState {
  const h = ADVERTISED_HOST;
  const p = settings.ports;
  const principal = (name: 'admin' | 'readonly'): SandboxState['principals']['admin'] => ({
    name,
    accessKeyId: secrets.principals[name].accessKeyId,
    secretAccessKey: secrets.principals[name].secretAccessKey,
    scramUser: name,
    scramPassword: secrets.principals[name].scramPassword,
    clientCert: tls.clients[name].cert,
    clientKey: tls.clients[name].key,
  });
  return {
    schemaVersion: 1,
    kafkaVersion: settings.kafkaVersion,
    region: REGION,
    accountId: ACCOUNT_ID,
    controlPlaneEndpoint: controlPlaneEndpoint(settings),
    caFile: tls.caFile,
    listeners: {
      plaintext: `${h}:${p.plaintext}`,
      tls: `${h}:${p.tls}`,
      scram: `${h}:${p.scram}`,
      iam: `${h}:${p.iam}`,
      serverlessIam: `${h}:${p.serverlessIam}`,
    },
    principals: { admin: principal('admin'), readonly: principal('readonly') },
    clientCert: tls.clients.admin.cert,
    clientKey: tls.clients.admin.key,
    connectUrl: connectUrl(settings),
    aws: {
      configFile: join(paths.awsDir, 'config'),
      credentialsFile: join(paths.awsDir, 'credentials'),
      profile: AWS_PROFILE,
      readonlyProfile: AWS_READONLY_PROFILE,
    },
    clusters: {
      provisioned: {
        arn: `arn:aws:kafka:${REGION}:${ACCOUNT_ID}:cluster/msk-sandbox/${secrets.provisionedClusterId}`,
        name: 'msk-sandbox',
        type: 'PROVISIONED',
      },
      serverless: {
        arn: `arn:aws:kafka:${REGION}:${ACCOUNT_ID}:cluster/msk-sandbox-serverless/${secrets.serverlessClusterId}`,
        name: 'msk-sandbox-serverless',
        type: 'SERVERLESS',
      },
    },
    iamSessionLifetimeSeconds: settings.iamSessionLifetimeSeconds,
    logDir: paths.logDir,
    stateDir: paths.stateDir,
    schemaRegistry: schemaRegistryState(controlPlaneEndpoint(settings), secrets.principals.admin.secretAccessKey),
  };
}

/** Sandbox-local AWS shared config/credentials (never the user's ~/.aws). */
export function writeAwsFiles(state: SandboxState): void {
  mkdirSync(join(state.stateDir, 'aws'), { recursive: true });
  const profiles: [string, 'admin' | 'readonly'][] = [
    [state.aws.profile, 'admin'],
    [state.aws.readonlyProfile, 'readonly'],
  ];
  const config = profiles
    .map(([name]) => `[profile ${name}]\nregion = ${state.region}\nendpoint_url = ${state.controlPlaneEndpoint}\n`)
    .join('\n');
  const credentials = profiles
    .map(
      ([name, who]) =>
        `[${name}]\naws_access_key_id = ${state.principals[who].accessKeyId}\naws_secret_access_key = ${state.principals[who].secretAccessKey}\n`,
    )
    .join('\n');
  writeAtomic(state.aws.configFile, `# MSK sandbox profiles (written by sandbox/cli.ts)\n${config}`, 0o644);
  writeAtomic(state.aws.credentialsFile, `# MSK sandbox credentials (written by sandbox/cli.ts)\n${credentials}`);
}
