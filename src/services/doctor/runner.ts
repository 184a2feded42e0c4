/**
 * The connection doctor's run: every step in order, each streamed to `onStep` as it starts and
 * ends; a step that cannot run because an earlier one failed is reported as skipped with the
 * reason. Never rejects: every problem is a failed step with its next step.
 */
import type { KafkaConnectionSpec } from '../../kafka/index';
import { kafkaModule } from '../lazyModules';
import { identitySteps, mskApiSteps } from './awsSteps';
import { doctorPool, kafkaSteps } from './kafkaSteps';
import { networkSteps } from './networkSteps';
import type { DoctorEnvironment } from './environment';
import { StepRecorder } from './recorder';
import { DEFAULT_DOCTOR_TIMEOUTS, type DoctorReport, type DoctorRequest, type DoctorStep } from './types';

export async function runDoctor(
  env: DoctorEnvironment,
  request: DoctorRequest,
  onStep: (step: DoctorStep) => void = () => undefined,
): Promise<DoctorReport> {
  const timeouts = { ...DEFAULT_DOCTOR_TIMEOUTS, ...request.timeouts };
  const { cluster } = request;
  const rec = new StepRecorder(onStep);
  const report: DoctorReport = {
    cluster: {
      name: cluster.name,
      source: cluster.source,
      arn: cluster.arn,
      region: cluster.region,
      profile: cluster.profile,
    },
    startedAt: Date.now(),
    topic: request.topic,
    steps: rec.steps,
  };
  const choice = { topic: request.topic, write: request.write };

  if (cluster.source === 'msk') {
    const identityOk = await identitySteps(rec, env, cluster, timeouts);
    const apiOk = await mskApiSteps(rec, env, cluster, timeouts, identityOk);
    if (!apiOk) {
      skipBrokers(rec, 'the MSK API gave no bootstrap brokers', choice);
      return finish(report);
    }
  }

  let spec: KafkaConnectionSpec | undefined;
  const settings = await rec.run('settings', 'settings', 'Connection settings', async () => {
    spec = await env.connectionSpec(cluster);
    return { detail: describeSpec(spec) };
  });
  if (settings.status === 'fail' || !spec) {
    skipBrokers(rec, 'the connection settings are incomplete', choice);
    return finish(report);
  }

  let seed: string | undefined;
  if (spec.tunnel) {
    rec.skip(
      'network',
      'network',
      'DNS, TCP and TLS of the bootstrap brokers',
      `the brokers are reached through the SSH tunnel to ${spec.tunnel.host}; the sign-in step goes through it`,
    );
  } else {
    seed = await networkSteps(rec, spec, timeouts);
    if (!seed) {
      rec.skip('authentication', 'auth', 'Sign in', 'no bootstrap broker could be reached');
      rec.skip(
        'listeners',
        'metadata',
        'Describe the cluster: metadata and advertised brokers',
        'no bootstrap broker could be reached',
      );
      rec.skip(
        'authorization',
        'authz',
        'List topics and check the chosen topic',
        'no bootstrap broker could be reached',
      );
      return finish(report);
    }
  }

  const pool = doctorPool(env, timeouts);
  try {
    const iamProfile = spec.auth.kind === 'iam' ? env.iamProfile(cluster) : undefined;
    await kafkaSteps(rec, { pool, env, spec, timeouts, seed, iamProfile }, choice);
  } finally {
    await pool.disposeAll().catch(() => undefined);
  }
  return finish(report);
}

function finish(report: DoctorReport): DoctorReport {
  report.finishedAt = Date.now();
  return report;
}

function skipBrokers(rec: StepRecorder, because: string, choice: { topic?: string }): void {
  rec.skip('network', 'network', 'DNS, TCP and TLS of the bootstrap brokers', because);
  rec.skip('authentication', 'auth', 'Sign in', because);
  rec.skip('listeners', 'metadata', 'Describe the cluster: metadata and advertised brokers', because);
  rec.skip('authorization', 'authz', `List topics${choice.topic ? ` and check "${choice.topic}"` : ''}`, because);
}

/** The connection in words (no secrets: passwords and keys are never part of a spec's text). */
export function describeSpec(spec: KafkaConnectionSpec): string {
  const k = kafkaModule();
  const parts = [
    `bootstrap ${spec.bootstrapServers.join(', ') || '(none)'}`,
    `authentication ${spec.auth.kind === 'scram' ? spec.auth.mechanism : spec.auth.kind}`,
    k.usesTls(spec) ? `TLS on${spec.ca ? ', with the configured CA' : ', system CAs'}` : 'TLS off',
  ];
  const mapped = Object.keys(spec.addressMap ?? {}).length;
  if (mapped) parts.push(`${mapped} address map entr${mapped === 1 ? 'y' : 'ies'}`);
  if (spec.tunnel) parts.push(`SSH tunnel via ${spec.tunnel.username}@${spec.tunnel.host}:${spec.tunnel.port ?? 22}`);
  return parts.join('; ');
}
