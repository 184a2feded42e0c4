/**
 * Identifiers and credentials generated on the first start and reused by every later start:
 * the KRaft cluster id, the stable ids in the cluster ARNs, and per principal an AWS access key
 * pair and a SCRAM password. Kept in .sandbox/secrets.json (mode 0600).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';

export type PrincipalName = 'admin' | 'readonly';
export const PRINCIPAL_NAMES: readonly PrincipalName[] = ['admin', 'readonly'];

export interface PrincipalSecrets {
  accessKeyId: string;
  secretAccessKey: string;
  scramPassword: string;
}

export interface Secrets {
  /** KRaft cluster id (base64url of 16 bytes, as kafka-storage random-uuid makes). */
  kafkaClusterId: string;
  provisionedClusterId: string;
  serverlessClusterId: string;
  principals: Record<PrincipalName, PrincipalSecrets>;
}

function randomFrom(alphabet: string, length: number): string {
  // Rejection sampling keeps every character equally likely.
  const out: string[] = [];
  const limit = 256 - (256 % alphabet.length);
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) {
      if (b < limit && out.length < length) out.push(alphabet[b % alphabet.length]);
    }
  }
  return out.join('');
}

const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function newAccessKeyId(): string {
  return `AKIA${randomFrom(UPPER_DIGITS, 16)}`;
}

export function newSecretAccessKey(): string {
  return randomFrom(SECRET_ALPHABET, 40);
}

/**
 * A KRaft cluster id: base64url of 16 random bytes that does not start with '-', as Kafka's own
 * `Uuid.randomUuid` makes them (an id such as `-Abc…` reads as an option to command-line tools).
 */
export function newKafkaClusterId(random: (size: number) => Buffer = randomBytes): string {
  for (;;) {
    const id = random(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function newSecrets(): Secrets {
  const principal = (): PrincipalSecrets => ({
    accessKeyId: newAccessKeyId(),
    secretAccessKey: newSecretAccessKey(),
    // Alphanumeric: the password is passed to kafka-storage's --add-scram syntax.
    scramPassword: randomFrom(ALNUM, 24),
  });
  return {
    kafkaClusterId: newKafkaClusterId(),
    provisionedClusterId: `${randomUUID()}-1`,
    serverlessClusterId: `${randomUUID()}-s1`,
    principals: { admin: principal(), readonly: principal() },
  };
}

/** Loads the secrets, or makes and saves new ones. `created` tells whether they are new. */
export function loadOrCreateSecrets(file: string): { secrets: Secrets; created: boolean } {
  if (existsSync(file)) {
    return { secrets: JSON.parse(readFileSync(file, 'utf8')) as Secrets, created: false };
  }
  const secrets = newSecrets();
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { secrets, created: true };
}

/** The table the broker's IAM token check reads: access key id -> secret key and principal. */
export function iamPrincipalsProperties(secrets: Secrets): string {
  const lines = ['# Written by sandbox/cli.ts: access key id -> secret key and Kafka principal.'];
  for (const name of PRINCIPAL_NAMES) {
    const p = secrets.principals[name];
    lines.push(`${p.accessKeyId}.principal=${name}`, `${p.accessKeyId}.secret=${p.secretAccessKey}`);
  }
  return `${lines.join('\n')}\n`;
}
