/**
 * Identity and MSK API steps: which AWS identity and region the extension uses for the cluster,
 * whether the MSK API answers for it, the cluster's state, and its bootstrap brokers per
 * authentication. Through the one AWS client factory (profiles, files, endpoint overrides).
 */
import type { BootstrapBrokers } from '../../aws/index';
import { regionOfArn } from '../../shared/arn';
import { presentError } from '../../shared/errorPresentation';
import { awsModule } from '../lazyModules';
import type { ClusterRef } from '../clusterModel';
import { StepFailure, StepTimeout, withTimeout, type StepRecorder } from './recorder';
import type { DoctorTimeouts } from './types';
import type { DoctorEnvironment } from './environment';

const BOOTSTRAP_LABELS: Record<keyof BootstrapBrokers, string> = {
  plaintext: 'plaintext',
  tls: 'TLS',
  scram: 'SASL/SCRAM',
  iam: 'IAM',
  publicTls: 'public TLS',
  publicScram: 'public SASL/SCRAM',
  publicIam: 'public IAM',
  vpcConnectivityTls: 'multi-VPC TLS',
  vpcConnectivityScram: 'multi-VPC SASL/SCRAM',
  vpcConnectivityIam: 'multi-VPC IAM',
};

/** Identity (profile, credentials, region, endpoint). Resolves whether the AWS steps can go on. */
export async function identitySteps(
  rec: StepRecorder,
  env: DoctorEnvironment,
  cluster: ClusterRef,
  timeouts: DoctorTimeouts,
): Promise<boolean> {
  const target = env.target(cluster);
  const { factory } = env.aws();
  const step = await rec.run('identity', 'identity', 'AWS identity and region (STS GetCallerIdentity)', async () => {
    const resolved = await factory.resolve('kafka', target);
    const profile = target.profile ?? 'the default credential chain';
    let creds;
    try {
      creds = await withTimeout(resolved.credentials(), timeouts.aws);
    } catch (err) {
      throw new StepFailure(
        `No AWS credentials for ${target.profile ? `profile "${target.profile}"` : profile}: ${err instanceof Error ? err.message : String(err)}`,
        'Check the profile in your AWS config and credentials files (run "aws sso login" if it uses IAM Identity Center), or select another profile (MSK: Select AWS Profile…).',
      );
    }
    const parts = [
      `profile ${target.profile ? `"${target.profile}"` : '(default chain)'}`,
      `region ${resolved.region}`,
      `access key ${creds.accessKeyId}${creds.sessionToken ? ' (temporary, with a session token)' : ''}`,
    ];
    if (creds.expiration) parts.push(`expires ${creds.expiration.toISOString()}`);
    parts.push(`MSK API at ${resolved.endpointUrl}`);
    let who;
    try {
      who = await withTimeout(awsModule().getCallerIdentity(factory, target), timeouts.aws);
    } catch (err) {
      const shown = presentError(err);
      const kind = err instanceof StepTimeout ? 'timeout' : (err as { kind?: unknown }).kind;
      if (kind === 'timeout' || kind === 'endpoint-unreachable' || kind === 'throttled' || kind === 'unknown') {
        // Not a verdict on the credentials: the MSK API steps below still say whether they work.
        return {
          status: 'warn',
          detail: `${parts.join('; ')}\nSTS GetCallerIdentity did not answer: ${shown.message}`,
          next: shown.hint ?? 'Check the network path to the AWS STS endpoint.',
        };
      }
      throw new StepFailure(
        `STS GetCallerIdentity refused the credentials (${parts.join('; ')}): ${shown.message}`,
        shown.hint ?? 'Check the access key and secret of the profile, or sign in again ("aws sso login").',
      );
    }
    parts.splice(2, 0, `account ${who.account}`, `identity ${who.arn}`);
    if (cluster.arn) {
      const arnRegion = regionOfArn(cluster.arn);
      if (arnRegion && arnRegion !== resolved.region) {
        return {
          status: 'warn',
          detail: parts.join('; '),
          next: `The cluster is in ${arnRegion} but calls go to ${resolved.region}: add ${arnRegion} to msk.aws.regions.`,
        };
      }
    }
    return { detail: parts.join('; ') };
  });
  return step.status !== 'fail';
}

/** The MSK API: describe the cluster and its bootstrap brokers. Resolves whether the brokers are known. */
export async function mskApiSteps(
  rec: StepRecorder,
  env: DoctorEnvironment,
  cluster: ClusterRef,
  timeouts: DoctorTimeouts,
  identityOk: boolean,
): Promise<boolean> {
  const arn = cluster.arn!;
  const target = env.target(cluster);
  const { msk } = env.aws();
  if (!identityOk) {
    rec.skip('mskApi', 'msk.describe', 'DescribeClusterV2', 'no AWS identity');
    rec.skip('mskApi', 'msk.bootstrap', 'GetBootstrapBrokers', 'no AWS identity');
    return false;
  }
  let unreachable = false;
  await rec.run('mskApi', 'msk.describe', 'DescribeClusterV2 (cluster state)', async () => {
    const d = await withTimeout(msk.describeCluster(target, arn), timeouts.aws).catch((err: unknown) => {
      unreachable = err instanceof StepTimeout || (err as { kind?: unknown }).kind === 'endpoint-unreachable';
      throw err;
    });
    const state = d.ClusterInfo?.State ?? 'unknown';
    const type = d.ClusterInfo?.ClusterType ?? cluster.type;
    const version = d.ClusterInfo?.Provisioned?.CurrentBrokerSoftwareInfo?.KafkaVersion;
    const detail = `${type} cluster, state ${state}${version ? `, Kafka ${version}` : ''}`;
    if (state !== 'ACTIVE') {
      return {
        status: state === 'UPDATING' || state === 'MAINTENANCE' || state === 'HEALING' ? 'warn' : 'fail',
        detail,
        next:
          state === 'CREATING'
            ? 'Wait until the cluster is ACTIVE (creation takes 15–30 minutes).'
            : `The cluster is ${state}: check it in the MSK console; brokers may not answer until it is ACTIVE.`,
      };
    }
    return { detail };
  });
  if (unreachable) {
    rec.skip('mskApi', 'msk.bootstrap', 'GetBootstrapBrokers', 'the MSK API did not answer');
    return false;
  }
  const bootstrap = await rec.run('mskApi', 'msk.bootstrap', 'GetBootstrapBrokers', async () => {
    const b = await withTimeout(msk.getBootstrapBrokers(target, arn), timeouts.aws);
    const lines = (Object.keys(BOOTSTRAP_LABELS) as (keyof BootstrapBrokers)[])
      .filter((k) => b[k])
      .map((k) => `${BOOTSTRAP_LABELS[k]}: ${b[k]}`);
    if (!lines.length) {
      throw new StepFailure(
        'The cluster has no bootstrap brokers.',
        'Check the cluster’s client authentication and that it is ACTIVE in the MSK console.',
      );
    }
    return { detail: lines.join('\n') };
  });
  return bootstrap.status !== 'fail';
}
