/**
 * The Kafka broker: KRaft combined broker+controller (node 1) with MSK's client listeners:
 * plaintext, TLS with required client certificates, SASL/SCRAM-SHA-512 over TLS, SASL/OAUTHBEARER
 * "IAM" over TLS (checked by sandbox/broker/iam-auth), and a second IAM listener for the
 * serverless cluster. StandardAuthorizer with deny-by-default; super users admin and ANONYMOUS.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  Kafka,
  ResourcePatternTypes,
  type AclEntry,
} from 'kafkajs';
import type { SandboxState } from '../state';
import { kafkaConfig } from './clients';
import { iamPrincipalsProperties, PRINCIPAL_NAMES, type Secrets } from './secrets';
import { ADVERTISED_HOST, kafkaMajor, REGION, type Paths, type Settings } from './settings';
import type { TlsFiles } from './tls';

export const LISTENER_NAMES = {
  plaintext: 'PLAINTEXT',
  controller: 'CONTROLLER',
  tls: 'CLIENT_TLS',
  scram: 'CLIENT_SCRAM',
  iam: 'CLIENT_IAM',
  serverlessIam: 'CLIENT_IAM_SERVERLESS',
} as const;

export function javaMarker(paths: Paths, part: string): string {
  return `-Dmsk.sandbox.dir=${paths.stateDir} -Dmsk.sandbox.part=${part}`;
}

/** JVM options shared by the broker, the storage tool and the Connect worker. */
export function jvmOptions(paths: Paths, settings: Settings, part: string, logFile: string): string[] {
  const log4j = join(paths.configDir, `log4j-${part}.properties`);
  writeFileSync(log4j, log4jConfig(settings.kafkaVersion, logFile));
  const logging =
    kafkaMajor(settings.kafkaVersion) >= 4
      ? [`-Dlog4j2.configurationFile=${log4j}`]
      : [`-Dlog4j.configuration=file:${log4j}`];
  return [
    `-Dmsk.sandbox.dir=${paths.stateDir}`,
    `-Dmsk.sandbox.part=${part}`,
    '-Djava.awt.headless=true',
    '-XX:+ExitOnOutOfMemoryError',
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    `-Dkafka.logs.dir=${paths.logDir}`,
    ...logging,
  ];
}

function log4jConfig(kafkaVersion: string, logFile: string): string {
  const quiet = [
    'kafka.request.logger',
    'kafka.network.RequestChannel$',
    'state.change.logger',
    'kafka.log.LogCleaner',
    'org.reflections',
    'org.apache.kafka.connect.runtime.isolation',
  ];
  if (kafkaMajor(kafkaVersion) >= 4) {
    return [
      'status = warn',
      'appender.file.type = RollingFile',
      'appender.file.name = file',
      `appender.file.fileName = ${logFile}`,
      `appender.file.filePattern = ${logFile}.%i`,
      'appender.file.layout.type = PatternLayout',
      'appender.file.layout.pattern = [%d] %p %m (%c)%n',
      'appender.file.policies.type = Policies',
      'appender.file.policies.size.type = SizeBasedTriggeringPolicy',
      'appender.file.policies.size.size = 20MB',
      'appender.file.strategy.type = DefaultRolloverStrategy',
      'appender.file.strategy.max = 2',
      'rootLogger.level = info',
      'rootLogger.appenderRef.file.ref = file',
      ...quiet.flatMap((name, i) => [`logger.q${i}.name = ${name}`, `logger.q${i}.level = warn`]),
      '',
    ].join('\n');
  }
  return [
    'log4j.rootLogger=INFO, file',
    'log4j.appender.file=org.apache.log4j.RollingFileAppender',
    `log4j.appender.file.File=${logFile}`,
    'log4j.appender.file.MaxFileSize=20MB',
    'log4j.appender.file.MaxBackupIndex=2',
    'log4j.appender.file.layout=org.apache.log4j.PatternLayout',
    'log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n',
    ...quiet.map((name) => `log4j.logger.${name}=WARN`),
    '',
  ].join('\n');
}

function jaasValue(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function serverProperties(settings: Settings, paths: Paths, tls: TlsFiles): string {
  const p = settings.ports;
  const h = ADVERTISED_HOST;
  const L = LISTENER_NAMES;
  const clientListeners: [string, number][] = [
    [L.plaintext, p.plaintext],
    [L.tls, p.tls],
    [L.scram, p.scram],
    [L.iam, p.iam],
    [L.serverlessIam, p.serverlessIam],
  ];
  const reauthMs = settings.iamSessionLifetimeSeconds * 1000;
  const iamListener = (name: string): string[] => {
    const prefix = `listener.name.${name.toLowerCase()}`;
    return [
      `${prefix}.sasl.enabled.mechanisms=OAUTHBEARER`,
      `${prefix}.oauthbearer.sasl.jaas.config=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required ` +
        `unsecuredLoginStringClaim_sub="msk-sandbox-broker" principalsFile=${jaasValue(paths.iamPrincipalsFile)} region="${REGION}" ` +
        `sessionLifetimeSeconds="${settings.iamSessionLifetimeSeconds}" clockSkewSeconds="60";`,
      `${prefix}.oauthbearer.sasl.server.callback.handler.class=dev.msksandbox.iam.IamTokenValidatorCallbackHandler`,
      // KIP-368: the broker tells the client its session lifetime and closes sessions that outlive it.
      `${prefix}.oauthbearer.connections.max.reauth.ms=${reauthMs}`,
    ];
  };
  const lines = [
    '# Written by sandbox/cli.ts on every start; edits are overwritten.',
    'process.roles=broker,controller',
    'node.id=1',
    // MSK sets broker.rack to the broker's availability-zone ID.
    'broker.rack=use1-az1',
    `controller.quorum.voters=1@${h}:${p.controller}`,
    `controller.listener.names=${L.controller}`,
    `listeners=${[...clientListeners, [L.controller, p.controller] as [string, number]].map(([n, port]) => `${n}://${h}:${port}`).join(',')}`,
    `advertised.listeners=${clientListeners.map(([n, port]) => `${n}://${h}:${port}`).join(',')}`,
    `listener.security.protocol.map=${L.plaintext}:PLAINTEXT,${L.controller}:PLAINTEXT,${L.tls}:SSL,${L.scram}:SASL_SSL,${L.iam}:SASL_SSL,${L.serverlessIam}:SASL_SSL`,
    `inter.broker.listener.name=${L.plaintext}`,
    `log.dirs=${join(paths.dataDir, 'kraft-combined-logs')}`,
    'num.partitions=1',
    'default.replication.factor=1',
    'min.insync.replicas=1',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=10',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=false',
    'delete.topic.enable=true',
    'log.retention.hours=168',
    'log.segment.bytes=67108864',
    '',
    '# Authorization: deny unless an ACL allows; the plaintext/controller listeners are unauthenticated (User:ANONYMOUS).',
    'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    'allow.everyone.if.no.acl.found=false',
    'super.users=User:admin;User:ANONYMOUS',
    '',
    '# TLS (PEM files made by the sandbox CA)',
    'ssl.keystore.type=PEM',
    `ssl.keystore.location=${tls.brokerKeystore}`,
    'ssl.truststore.type=PEM',
    `ssl.truststore.location=${tls.caFile}`,
    'ssl.client.auth=none',
    `listener.name.${L.tls.toLowerCase()}.ssl.client.auth=required`,
    // CN=admin -> User:admin
    'ssl.principal.mapping.rules=RULE:^CN=([^,]+)$/$1/,RULE:^CN=([^,]+),.*$/$1/,DEFAULT',
    '',
    '# SASL/SCRAM-SHA-512',
    `listener.name.${L.scram.toLowerCase()}.sasl.enabled.mechanisms=SCRAM-SHA-512`,
    `listener.name.${L.scram.toLowerCase()}.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;`,
    '',
    '# IAM (SASL/OAUTHBEARER carrying MSK IAM tokens) for the provisioned and the serverless cluster',
    ...iamListener(L.iam),
    ...iamListener(L.serverlessIam),
    '',
  ];
  return lines.join('\n');
}

function run(cmd: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

export interface BrokerFiles {
  serverProperties: string;
  logFile: string;
  outFile: string;
}

export function brokerFiles(paths: Paths): BrokerFiles {
  return {
    serverProperties: join(paths.configDir, 'server.properties'),
    logFile: join(paths.logDir, 'broker.log'),
    outFile: join(paths.logDir, 'broker.out'),
  };
}

/** Writes server.properties and the IAM principals table. */
export function writeBrokerConfig(settings: Settings, paths: Paths, tls: TlsFiles, secrets: Secrets): BrokerFiles {
  mkdirSync(paths.configDir, { recursive: true });
  const files = brokerFiles(paths);
  writeFileSync(files.serverProperties, serverProperties(settings, paths, tls));
  writeFileSync(paths.iamPrincipalsFile, iamPrincipalsProperties(secrets), { mode: 0o600 });
  return files;
}

function metaProperties(paths: Paths): string {
  return join(paths.dataDir, 'kraft-combined-logs', 'meta.properties');
}

/**
 * Formats the storage on the first start (with the SCRAM users), or when it belongs to another
 * cluster id (the secrets were made anew). Returns whether it formatted.
 */
export async function formatStorageIfNeeded(
  settings: Settings,
  paths: Paths,
  files: BrokerFiles,
  secrets: Secrets,
  classpath: string,
): Promise<boolean> {
  const meta = metaProperties(paths);
  if (existsSync(meta)) {
    const id = /^cluster\.id=(.*)$/m.exec(readFileSync(meta, 'utf8'))?.[1]?.trim();
    if (id === secrets.kafkaClusterId) return false;
    rmSync(paths.dataDir, { recursive: true, force: true });
  }
  mkdirSync(paths.dataDir, { recursive: true });
  const scram = PRINCIPAL_NAMES.flatMap((name) => [
    '--add-scram',
    `SCRAM-SHA-512=[name=${name},iterations=4096,password=${secrets.principals[name].scramPassword}]`,
  ]);
  const formatLog = join(paths.logDir, 'broker-format.log');
  const args = [
    '-cp',
    classpath,
    ...jvmOptions(paths, settings, 'storage-tool', formatLog),
    'kafka.tools.StorageTool',
    'format',
    // One argument with '=', so an id that starts with '-' (saved by an older sandbox) still parses.
    `--cluster-id=${secrets.kafkaClusterId}`,
    '-c',
    files.serverProperties,
    ...scram,
  ];
  const { code, output } = await run('java', args);
  if (code !== 0 || !existsSync(meta)) {
    throw new Error(
      `formatting the broker storage failed (exit ${code}):\n${output.trim().split('\n').slice(-20).join('\n')}\nlog: ${formatLog}`,
    );
  }
  return true;
}

export function brokerCommand(
  settings: Settings,
  paths: Paths,
  files: BrokerFiles,
  classpath: string,
  iamJar: string,
): string[] {
  return [
    '-Xms256m',
    '-Xmx1g',
    ...jvmOptions(paths, settings, 'broker', files.logFile),
    '-cp',
    `${classpath}:${iamJar}`,
    'kafka.Kafka',
    files.serverProperties,
  ];
}

/** Read-only principal: describe/read every topic and group, nothing else. */
export function readonlyAcls(): AclEntry[] {
  const base = {
    principal: 'User:readonly',
    host: '*',
    permissionType: AclPermissionTypes.ALLOW,
    resourcePatternType: ResourcePatternTypes.LITERAL,
    resourceName: '*',
  };
  return [
    ...[AclOperationTypes.DESCRIBE, AclOperationTypes.READ, AclOperationTypes.DESCRIBE_CONFIGS].map((operation) => ({
      ...base,
      resourceType: AclResourceTypes.TOPIC,
      operation,
    })),
    ...[AclOperationTypes.DESCRIBE, AclOperationTypes.READ].map((operation) => ({
      ...base,
      resourceType: AclResourceTypes.GROUP,
      operation,
    })),
  ];
}

/** Creates the read-only principal's ACLs (idempotent) through the plaintext listener. */
export async function ensureAcls(state: SandboxState): Promise<void> {
  const admin = new Kafka(kafkaConfig(state, 'plaintext', { clientId: 'msk-sandbox-setup', retries: 3 })).admin();
  await admin.connect();
  try {
    await admin.createAcls({ acl: readonlyAcls() });
  } finally {
    await admin.disconnect();
  }
}

/** Creates a topic (RF 1) through the plaintext listener unless it exists. */
export async function ensureTopic(state: SandboxState, topic: string, partitions = 1): Promise<void> {
  const admin = new Kafka(kafkaConfig(state, 'plaintext', { clientId: 'msk-sandbox-setup', retries: 3 })).admin();
  await admin.connect();
  try {
    const existing = await admin.listTopics();
    if (!existing.includes(topic)) {
      await admin.createTopics({
        topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }],
        waitForLeaders: true,
      });
    }
  } finally {
    await admin.disconnect();
  }
}
