/**
 * Start, stop, restart and reset of the sandbox's parts: broker, Connect worker, control plane (status: ./status.ts).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { readSandboxState, repoRoot, type SandboxState } from '../state';
import {
  brokerCommand,
  brokerFiles,
  ensureAcls,
  ensureTopic,
  formatStorageIfNeeded,
  writeBrokerConfig,
} from './broker';
import {
  connectCommand,
  connectFiles,
  connectUrl,
  ensureConnectors,
  FILE_EVENTS_TOPIC,
  writeConnectConfig,
} from './connect';
import { brokerLogProgress, logSize } from './brokerProgress';
import { iamAuthJar, runtimeClasspath } from './maven';
import { describeCluster, httpRequest, PartFailed, tcpOpen, tlsHandshake, waitFor } from './probes';
import { isAlive, PARTS, spawnDetached, stopPart, tailFile, type PartName } from './process';
import { loadOrCreateSecrets, type Secrets } from './secrets';
import { controlPlaneMain, pathsFor, type Flags, type Paths, type Settings } from './settings';
import { resetLeftovers } from './reset';
import { controlPlaneHealthy, effectiveSettings, markerFor, pidOf, type Out } from './running';
import { writeAtomic } from '../atomicFile';
import { buildState, controlPlaneEndpoint, writeAwsFiles } from './stateFiles';
import { ensureTls, type TlsFiles } from './tls';

/** The broker may take longer while its log shows progress (thousands of partitions load slowly)… */
const BROKER_STALL_MS = 90_000;
/** …but never longer than this. */
const BROKER_HARD_CAP_MS = 15 * 60_000;
const CONNECT_TIMEOUT_MS = 120_000;
const CONTROLPLANE_TIMEOUT_MS = 60_000;

function failure(part: string, err: unknown, logFiles: string[]): PartFailed {
  const msg = err instanceof Error ? err.message : String(err);
  const tails = logFiles
    .filter((f) => existsSync(f))
    .map((f) => `--- last lines of ${f} ---\n${tailFile(f, 25)}`)
    .join('\n');
  return new PartFailed(`${part} failed: ${msg}\n  log: ${logFiles[0]}\n${tails}`);
}

async function ensurePortsFree(ports: [string, number][]): Promise<void> {
  for (const [what, port] of ports) {
    if (await tcpOpen(`127.0.0.1:${port}`, 500)) {
      throw new Error(`port ${port} (${what}) is already in use by another process; pick another with --${what}-port`);
    }
  }
}

interface Context {
  settings: Settings;
  paths: Paths;
  secrets: Secrets;
  tls: TlsFiles;
  state: SandboxState;
  out: Out;
}

function prepare(settings: Settings, out: Out): Context {
  const paths = pathsFor(settings);
  for (const d of [paths.stateDir, paths.logDir, paths.runDir, paths.configDir, paths.awsDir])
    mkdirSync(d, { recursive: true });
  const { secrets } = loadOrCreateSecrets(paths.secretsFile);
  const tls = ensureTls(paths.tlsDir);
  const state = buildState(settings, paths, secrets, tls);
  return { settings, paths, secrets, tls, state, out };
}

async function waitBrokerReady(ctx: Context, pid: number | undefined, logFrom: number): Promise<void> {
  const { state, tls, out } = ctx;
  const abort = (): string | undefined =>
    pid !== undefined && !isAlive(pid) ? 'the broker process exited' : undefined;
  // As long as the broker's log shows progress (e.g. loading thousands of partitions), keep waiting
  // and say what it does every 10 s; fail after BROKER_STALL_MS without progress.
  await waitFor(
    'broker: describeCluster on the plaintext listener',
    () => describeCluster(state, 'plaintext', 2000),
    BROKER_STALL_MS,
    {
      abort,
      intervalMs: 300,
      progress: brokerLogProgress(brokerFiles(ctx.paths).logFile, logFrom),
      hardCapMs: BROKER_HARD_CAP_MS,
      onWaiting: (text, seconds) => out(`broker: ${text}… ${seconds} s`),
    },
  );
  const short = 20_000;
  await waitFor(
    'broker: TLS handshake on the mTLS listener',
    () => tlsHandshake(state.listeners.tls, state.caFile, tls.clients.admin),
    short,
    { abort },
  );
  for (const l of ['scram', 'iam', 'serverlessIam'] as const) {
    await waitFor(
      `broker: TLS handshake on the ${l} listener`,
      () => tlsHandshake(state.listeners[l], state.caFile),
      short,
      { abort },
    );
  }
  // A real authentication through every SASL listener: proves SCRAM users and the IAM token check work.
  for (const l of ['scram', 'iam', 'serverlessIam'] as const) {
    await waitFor(
      `broker: authenticated describeCluster on the ${l} listener`,
      () => describeCluster(state, l, 3000),
      short,
      { abort },
    );
  }
}

async function startBroker(ctx: Context): Promise<void> {
  const { settings, paths, secrets, tls, out } = ctx;
  const files = brokerFiles(paths);
  let pid = pidOf('broker', paths);
  let logFrom = 0;
  try {
    if (pid !== undefined) {
      out(`broker: already running (pid ${pid})`);
    } else {
      const p = settings.ports;
      await ensurePortsFree([
        ['plaintext', p.plaintext],
        ['controller', p.controller],
        ['tls', p.tls],
        ['scram', p.scram],
        ['iam', p.iam],
        ['serverless-iam', p.serverlessIam],
      ]);
      const [classpath, iamJar] = await Promise.all([
        runtimeClasspath(settings.kafkaVersion),
        iamAuthJar(settings.kafkaVersion),
      ]);
      writeBrokerConfig(settings, paths, tls, secrets);
      if (await formatStorageIfNeeded(settings, paths, files, secrets, classpath))
        out(`broker: formatted storage ${paths.dataDir}`);
      logFrom = logSize(files.logFile);
      pid = spawnDetached({
        part: 'broker',
        command: 'java',
        args: brokerCommand(settings, paths, files, classpath, iamJar),
        cwd: paths.stateDir,
        outFile: files.outFile,
        runDir: paths.runDir,
      });
      writeAtomic(paths.settingsFile, `${JSON.stringify(settings, null, 2)}\n`, 0o644);
      out(`broker: started Kafka ${settings.kafkaVersion} (pid ${pid}), waiting until every listener answers`);
    }
    await waitBrokerReady(ctx, pid, logFrom);
    await ensureAcls(ctx.state);
    await ensureTopic(ctx.state, FILE_EVENTS_TOPIC);
    out('broker: ready (plaintext, mTLS, SCRAM, IAM and serverless IAM listeners answer)');
  } catch (err) {
    throw failure('broker', err, [files.logFile, files.outFile, join(paths.logDir, 'broker-format.log')]);
  }
}

async function startConnect(ctx: Context): Promise<void> {
  const { settings, paths, out } = ctx;
  const files = connectFiles(paths);
  const url = connectUrl(settings);
  let pid = pidOf('connect', paths);
  try {
    if (pid !== undefined) {
      out(`connect: already running (pid ${pid})`);
    } else {
      await ensurePortsFree([['connect', settings.ports.connect]]);
      const classpath = await runtimeClasspath(settings.kafkaVersion);
      writeConnectConfig(settings, paths);
      pid = spawnDetached({
        part: 'connect',
        command: 'java',
        args: connectCommand(settings, paths, files, classpath),
        cwd: paths.stateDir,
        outFile: files.outFile,
        runDir: paths.runDir,
      });
      out(`connect: started the Connect worker (pid ${pid}), waiting for its REST API and connectors`);
    }
    const started = pid;
    const abort = (): string | undefined => (!isAlive(started) ? 'the Connect worker process exited' : undefined);
    await waitFor(
      `connect: REST API at ${url}`,
      async () => {
        const res = await httpRequest(`${url}/connectors`, { timeoutMs: 2000 });
        return res.status === 200;
      },
      CONNECT_TIMEOUT_MS,
      { abort, intervalMs: 500 },
    );
    writeConnectConfig(settings, paths);
    await ensureConnectors(url, files, CONNECT_TIMEOUT_MS, abort);
    out('connect: ready (sandbox-file-source RUNNING, sandbox-file-sink RUNNING, sandbox-broken-sink task FAILED)');
  } catch (err) {
    throw failure('connect', err, [files.logFile, files.outFile]);
  }
}

async function startControlPlane(ctx: Context): Promise<void> {
  const { settings, paths, out } = ctx;
  const logFile = join(paths.logDir, 'controlplane.log');
  if (!existsSync(controlPlaneMain)) {
    out('');
    out('!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!');
    out(`!!! WARNING: ${controlPlaneMain} does not exist: the control plane is NOT started.`);
    out('!!! The MSK / MSK Connect APIs at controlPlaneEndpoint will not answer.');
    out('!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!');
    out('');
    return;
  }
  let pid = pidOf('controlplane', paths);
  try {
    if (pid !== undefined) {
      out(`controlplane: already running (pid ${pid})`);
    } else {
      await ensurePortsFree([['controlplane', settings.ports.controlPlane]]);
      pid = spawnDetached({
        part: 'controlplane',
        command: process.execPath,
        args: ['--import', 'tsx', controlPlaneMain, '--state', paths.stateFile],
        cwd: repoRoot,
        outFile: logFile,
        runDir: paths.runDir,
      });
      out(`controlplane: started (pid ${pid}), waiting for ${controlPlaneEndpoint(settings)}/_sandbox/health`);
    }
    const started = pid;
    await waitFor(
      'controlplane: GET /_sandbox/health answers 200',
      () => controlPlaneHealthy(settings),
      CONTROLPLANE_TIMEOUT_MS,
      {
        abort: () => (!isAlive(started) ? 'the control plane process exited' : undefined),
        intervalMs: 250,
      },
    );
    out('controlplane: ready');
  } catch (err) {
    throw failure('controlplane', err, [logFile]);
  }
}

function writeState(ctx: Context): void {
  writeAtomic(ctx.paths.stateFile, `${JSON.stringify(ctx.state, null, 2)}\n`);
  writeAwsFiles(ctx.state);
}

export async function start(flags: Flags, out: Out): Promise<number> {
  const t0 = Date.now();
  const settings = effectiveSettings(flags, out, true);
  const ctx = prepare(settings, out);
  try {
    await startBroker(ctx);
    writeState(ctx);
    const results = await Promise.allSettled([startConnect(ctx), startControlPlane(ctx)]);
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed.length) {
      for (const f of failed) out(`\nFAILED: ${f.reason instanceof Error ? f.reason.message : String(f.reason)}`);
      return 1;
    }
  } catch (err) {
    out(`\nFAILED: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  printSummary(ctx, (Date.now() - t0) / 1000);
  return 0;
}

function printSummary(ctx: Context, seconds: number): void {
  const { state, out } = ctx;
  const a = state.principals.admin;
  const r = state.principals.readonly;
  const cpNote = existsSync(controlPlaneMain) ? '' : '  (NOT RUNNING: sandbox/controlplane/main.ts is missing)';
  out('');
  out(`MSK sandbox is up: Kafka ${state.kafkaVersion}, ready in ${seconds.toFixed(1)}s`);
  out(`  plaintext (no auth)     ${state.listeners.plaintext}`);
  out(`  TLS, client certs       ${state.listeners.tls}`);
  out(`  SASL/SCRAM-SHA-512      ${state.listeners.scram}`);
  out(`  IAM                     ${state.listeners.iam}   (session lifetime ${state.iamSessionLifetimeSeconds}s)`);
  out(`  IAM (serverless)        ${state.listeners.serverlessIam}`);
  out(`  Kafka Connect REST      ${state.connectUrl}`);
  out(`  control plane (MSK API) ${state.controlPlaneEndpoint}${cpNote}`);
  if (state.schemaRegistry) {
    out(`  schema registries       Glue at the control plane (seeded registry ${state.schemaRegistry.glue.registry});`);
    out(`                          Confluent ${state.schemaRegistry.confluent.url} (schemaRegistry.confluent)`);
  }
  out(`  CA certificate          ${state.caFile}`);
  out(`  clusters                ${state.clusters.provisioned.arn}`);
  out(`                          ${state.clusters.serverless.arn}`);
  // Never the keys or passwords themselves: a terminal (and its scrollback, CI logs) is no place for them.
  out(`  principals              ${a.name}, ${r.name}: IAM keys, SCRAM passwords and mTLS certificates in`);
  out(`                          ${join(state.stateDir, 'sandbox.json')} (principals.${a.name}, principals.${r.name})`);
  out(`  AWS profiles            ${state.aws.profile}, ${state.aws.readonlyProfile} in`);
  out(`                          AWS_CONFIG_FILE=${state.aws.configFile}`);
  out(`                          AWS_SHARED_CREDENTIALS_FILE=${state.aws.credentialsFile}`);
  out(`  logs                    ${state.logDir}`);
  out(`  description             ${join(state.stateDir, 'sandbox.json')}`);
}

export async function stop(flags: Flags, out: Out, parts: readonly PartName[] = PARTS): Promise<number> {
  const settings = effectiveSettings(flags, out, false);
  const paths = pathsFor(settings);
  // Control plane first, broker last.
  for (const part of [...PARTS].reverse()) {
    if (!parts.includes(part)) continue;
    const stopped = await stopPart(paths.runDir, part, markerFor(part, paths));
    out(`${part}: ${stopped ? 'stopped' : 'not running'}`);
  }
  return 0;
}

export async function restart(flags: Flags, out: Out, part: PartName | undefined): Promise<number> {
  if (part === undefined) {
    await stop(flags, out);
    return start(flags, out);
  }
  const settings = effectiveSettings(flags, out, true);
  const ctx = prepare(settings, out);
  const paths = ctx.paths;
  await stopPart(paths.runDir, part, markerFor(part, paths));
  out(`${part}: stopped`);
  try {
    if (part === 'broker') {
      await startBroker(ctx);
      writeState(ctx);
      if (pidOf('connect', paths) !== undefined) await startConnect(ctx);
    } else if (part === 'connect') {
      await startConnect(ctx);
    } else {
      writeState(ctx);
      await startControlPlane(ctx);
    }
  } catch (err) {
    out(`\nFAILED: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  return 0;
}

/** Deletes (or lists) what tests and benchmarks left in the running sandbox; see ./reset.ts. */
export async function reset(flags: Flags, out: Out, opts: { dryRun: boolean; json: boolean }): Promise<number> {
  const settings = effectiveSettings(flags, out, false);
  const paths = pathsFor(settings);
  if (pidOf('broker', paths) === undefined) {
    out(`reset: the sandbox's broker is not running (state folder ${paths.stateDir}).`);
    out(
      'Start it (npm run sandbox), or start over without its topics: npm run sandbox -- stop, then delete the state folder.',
    );
    return 1;
  }
  await resetLeftovers(readSandboxState(paths.stateDir), out, opts);
  return 0;
}
