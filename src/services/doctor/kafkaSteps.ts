/**
 * The steps that speak Kafka, with one kafkajs connection made from the real connection spec (the
 * extension's socket factory, address map, SSH tunnel, IAM/SCRAM/mTLS): authentication and the
 * advertised brokers from the metadata, then the authorization steps (./authzSteps.ts).
 */
import type { Admin } from 'kafkajs';
import type { KafkaClientOptions, KafkaClientPool, KafkaConnectionSpec } from '../../kafka/index';
import { classified } from './classified';
import { kafkaModule } from '../lazyModules';
import { checkTcp, planAddresses, type AddressPlan } from './networkSteps';
import { StepFailure, withTimeout, type StepRecorder } from './recorder';
import { authorizationSteps, skipAuthz } from './authzSteps';
import type { DoctorTimeouts } from './types';
import type { DoctorEnvironment } from './environment';

function authName(spec: KafkaConnectionSpec): string {
  const a = spec.auth;
  return a.kind === 'iam'
    ? 'IAM'
    : a.kind === 'scram'
      ? a.mechanism.toUpperCase()
      : a.kind === 'mtls'
        ? 'mTLS'
        : a.kind === 'tls'
          ? 'TLS'
          : 'plaintext';
}

function whoSignsIn(spec: KafkaConnectionSpec, iamProfile: string | undefined): string {
  const a = spec.auth;
  switch (a.kind) {
    case 'iam':
      return `IAM (SASL/OAUTHBEARER) token signed for region ${a.region} with the credentials of ${iamProfile ? `profile "${iamProfile}"` : 'the default credential chain'}`;
    case 'scram':
      return `${a.mechanism.toUpperCase()} as user "${a.username}"`;
    case 'mtls':
      return 'TLS client certificate';
    case 'tls':
      return 'TLS, no client authentication';
    case 'plaintext':
      return 'plaintext, no authentication';
  }
}

/** Short timeouts and no retries: a run against a black hole ends in seconds. */
function clientOptions(timeouts: DoctorTimeouts): KafkaClientOptions {
  return {
    connectionTimeout: timeouts.tcp,
    authenticationTimeout: timeouts.kafka,
    requestTimeout: timeouts.kafka,
    retry: { retries: 0, initialRetryTime: 100, maxRetryTime: 500 },
    logLevel: kafkaModule().KAFKA_LOG_LEVEL.NOTHING,
  };
}

/** A kafkajs pool of the doctor's own, closed after the run. */
export function doctorPool(env: DoctorEnvironment, timeouts: DoctorTimeouts): KafkaClientPool {
  return new (kafkaModule().KafkaClientPool)({
    logger: env.log,
    tunnelOptions: env.tunnelOptions,
    clientOptions: clientOptions(timeouts),
  });
}

/** What the Kafka steps work with. */
export interface KafkaStepsContext {
  pool: KafkaClientPool;
  env: DoctorEnvironment;
  spec: KafkaConnectionSpec;
  timeouts: DoctorTimeouts;
  /** A bootstrap address that answered (absent through a tunnel). */
  seed?: string;
  /** IAM: the AWS profile that signs the tokens, as the doctor's caller knows it (undefined: the default credential chain). */
  iamProfile?: string;
}

/**
 * The cluster's metadata asked of the bootstrap broker only: every socket of this client goes to
 * `seed` (TLS still checks the seed's name), so the answer lists the advertised brokers even when
 * none of them can be reached. Through a tunnel, the connected admin asks as usual.
 */
async function describeFromSeed(ctx: KafkaStepsContext, admin: Admin): Promise<ClusterMetadata> {
  if (!ctx.seed) return admin.describeCluster();
  const k = kafkaModule();
  const { Kafka } = await k.loadKafkajs();
  const seed = k.parseHostPort(ctx.seed);
  const direct = k.createAddressMapSocketFactory(ctx.spec.addressMap);
  const config = await k.buildKafkaConfig(
    { ...ctx.spec, bootstrapServers: [ctx.seed] },
    {
      logger: ctx.env.log,
      options: clientOptions(ctx.timeouts),
      tokenProvider: ctx.pool.tokenProvider(ctx.spec),
      socketFactory: (args) => direct({ ...args, host: seed.host, port: seed.port }),
    },
  );
  const seedAdmin = new Kafka(config).admin();
  try {
    await seedAdmin.connect();
    return await seedAdmin.describeCluster();
  } finally {
    await seedAdmin.disconnect().catch(() => undefined);
  }
}

interface ClusterMetadata {
  brokers: { nodeId: number; host: string; port: number }[];
  controller: number | null;
  clusterId: string;
}

export async function kafkaSteps(
  rec: StepRecorder,
  ctx: KafkaStepsContext,
  choice: { topic?: string; write?: boolean },
): Promise<void> {
  const { pool, spec, timeouts } = ctx;
  let admin: Admin | undefined;
  const auth = await rec.run('authentication', 'auth', `Sign in (${authName(spec)})`, async () => {
    admin = await withTimeout(pool.createAdmin(spec), timeouts.kafka * 2).catch(classified(spec, 'connect'));
    return { detail: `signed in to ${spec.label} with ${whoSignsIn(spec, ctx.iamProfile)}` };
  });
  if (auth.status === 'fail' || !admin) {
    skipRest(rec, 'the sign-in failed', choice);
    return;
  }
  const a = admin;
  try {
    let brokers: { nodeId: number; host: string; port: number }[] = [];
    const meta = await rec.run(
      'listeners',
      'metadata',
      'Describe the cluster: metadata and advertised brokers (kafka-cluster:DescribeCluster)',
      async () => {
        const d = await withTimeout(describeFromSeed(ctx, a), timeouts.kafka * 2).catch(
          classified(spec, 'describeCluster'),
        );
        brokers = d.brokers;
        return {
          detail: `cluster id ${d.clusterId}, controller ${d.controller}; brokers ${d.brokers.map((b) => `${b.nodeId} at ${b.host}:${b.port}`).join(', ')}`,
        };
      },
    );
    let brokersOk = meta.status !== 'fail';
    if (brokersOk) brokersOk = await advertisedSteps(rec, spec, brokers, timeouts);
    if (!brokersOk) {
      skipAuthz(
        rec,
        meta.status === 'fail' ? 'the metadata request failed' : 'the advertised brokers cannot be reached',
        choice,
      );
      return;
    }
    await authorizationSteps(rec, pool, a, spec, timeouts, choice);
  } finally {
    await pool.releaseAdmin(spec.id, a);
  }
}

/** "Bootstrap works, the brokers don't": can each advertised address be reached from here? */
async function advertisedSteps(
  rec: StepRecorder,
  spec: KafkaConnectionSpec,
  brokers: { nodeId: number; host: string; port: number }[],
  timeouts: DoctorTimeouts,
): Promise<boolean> {
  if (spec.tunnel) {
    rec.skip(
      'listeners',
      'advertised',
      'TCP connect to each advertised broker',
      `the brokers are reached through the SSH tunnel to ${spec.tunnel.host} (one local port per broker); the authorization steps go through it`,
    );
    return true;
  }
  let plans: AddressPlan[];
  try {
    plans = planAddresses(
      spec,
      brokers.map((b) => `${b.host}:${b.port}`),
    );
  } catch (err) {
    await rec.run('listeners', 'advertised', 'Advertised broker addresses', () =>
      Promise.reject(err instanceof Error ? err : new Error(String(err))),
    );
    return false;
  }
  let ok = true;
  for (const plan of plans) {
    const mapped = plan.target.host !== plan.host || plan.target.port !== plan.port;
    const step = await rec.run(
      'listeners',
      `advertised:${plan.address}`,
      `TCP connect to advertised broker ${plan.address}${mapped ? ` (via ${plan.target.host}:${plan.target.port})` : ''}`,
      async () => {
        try {
          return await checkTcp(plan, timeouts.tcp);
        } catch (err) {
          const why = err instanceof Error ? err.message : String(err);
          throw new StepFailure(
            `The bootstrap broker answered, but the broker it advertises at ${plan.address} cannot be reached from here: ${why}`,
            `Clients talk to every broker at the address the metadata hands out (the broker’s advertised.listeners). Map each advertised address to a reachable one in msk.brokerAddressMap (e.g. "${plan.address}": "127.0.0.1:<local port>" for a port forward), use an SSH tunnel (msk.sshTunnels, one local port per broker), or fix the listener the brokers advertise.`,
          );
        }
      },
    );
    if (step.status === 'fail') ok = false;
  }
  return ok;
}

function skipRest(rec: StepRecorder, because: string, choice: { topic?: string; write?: boolean }): void {
  rec.skip('listeners', 'metadata', 'Describe the cluster: metadata and advertised brokers', because);
  skipAuthz(rec, because, choice);
}
