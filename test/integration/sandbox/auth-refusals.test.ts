/**
 * What the sandbox refuses, as Amazon MSK would: IAM tokens signed with a wrong secret, altered,
 * expired or from an unknown key; a wrong SCRAM password; a TLS client without a certificate;
 * and the read-only principal writing or creating topics (while it can still describe and read).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { generateAuthTokenFromCredentialsProvider } from 'aws-msk-iam-sasl-signer-js';
import { Kafka, type KafkaConfig } from 'kafkajs';
import { Cleanup, consume, kafkaConfig, produce, sandbox, uniqueName, withAdmin } from '../support/sandbox';

const cleanup = new Cleanup();
after(() => cleanup.run());

/** Connects an admin client and asks for the cluster: resolves when the listener let it in. */
async function connectAndDescribe(config: KafkaConfig): Promise<void> {
  const admin = new Kafka(config).admin();
  try {
    await admin.connect();
    await admin.describeCluster();
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** An IAM listener client whose OAUTHBEARER provider returns exactly the given token. */
function withToken(token: () => Promise<string>): KafkaConfig {
  const base = kafkaConfig(sandbox(), 'iam', { retries: 0 });
  return { ...base, sasl: { mechanism: 'oauthbearer', oauthBearerProvider: async () => ({ value: await token() }) } };
}

function awsEscape(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * An MSK IAM token made independently of aws-msk-iam-sasl-signer-js, with @smithy/signature-v4's
 * presign and a chosen signing date: base64url of the presigned URL plus the User-Agent parameter.
 */
async function presignedToken(
  credentials: { accessKeyId: string; secretAccessKey: string },
  signingDate: Date,
  expiresIn = 900,
): Promise<string> {
  const { region } = sandbox();
  const hostname = `kafka.${region}.amazonaws.com`;
  const signer = new SignatureV4({
    service: 'kafka-cluster',
    region,
    credentials,
    sha256: Sha256,
    applyChecksum: false,
  });
  const request = new HttpRequest({
    method: 'GET',
    protocol: 'https:',
    hostname,
    path: '/',
    headers: { host: hostname },
    query: { Action: 'kafka-cluster:Connect' },
  });
  const signed = await signer.presign(request, { expiresIn, signingDate });
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries(signed.query ?? {})) if (typeof v === 'string') query[k] = v;
  query['User-Agent'] = 'msk-explorer-tests';
  const url = `https://${hostname}/?${Object.entries(query)
    .map(([k, v]) => `${awsEscape(k)}=${awsEscape(v)}`)
    .join('&')}`;
  return Buffer.from(url, 'utf8').toString('base64url');
}

void describe('IAM listener refusals', () => {
  void test('a token signed with the wrong secret key is refused with a signature error', async () => {
    const admin = sandbox().principals.admin;
    const config = kafkaConfig(sandbox(), 'iam', {
      retries: 0,
      awsKeys: { accessKeyId: admin.accessKeyId, secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    });
    await assert.rejects(connectAndDescribe(config), (err: Error) => {
      assert.equal(err.name, 'KafkaJSSASLAuthenticationError');
      assert.match(err.message, /signature does not match/);
      return true;
    });
  });

  void test('a tampered token (expiry stretched after signing) is refused', async () => {
    const admin = sandbox().principals.admin;
    const config = withToken(async () => {
      const { token } = await generateAuthTokenFromCredentialsProvider({
        region: sandbox().region,
        awsCredentialsProvider: () =>
          Promise.resolve({ accessKeyId: admin.accessKeyId, secretAccessKey: admin.secretAccessKey }),
      });
      const url = Buffer.from(token, 'base64url').toString('utf8');
      assert.match(url, /X-Amz-Expires=900/);
      return Buffer.from(url.replace('X-Amz-Expires=900', 'X-Amz-Expires=604800'), 'utf8').toString('base64url');
    });
    await assert.rejects(connectAndDescribe(config), /signature does not match/);
  });

  void test('an independently presigned token is accepted when current and refused once expired', async () => {
    const admin = sandbox().principals.admin;
    // Control: the same construction with the current time gets in, so the refusal below is about expiry alone.
    await connectAndDescribe(withToken(() => presignedToken(admin, new Date())));
    const twentyMinutesAgo = new Date(Date.now() - 20 * 60 * 1000);
    await assert.rejects(
      connectAndDescribe(withToken(() => presignedToken(admin, twentyMinutesAgo, 900))),
      /token expired at/,
    );
  });

  void test('a token from an access key the cluster does not know is refused', async () => {
    const config = kafkaConfig(sandbox(), 'iam', {
      retries: 0,
      awsKeys: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    });
    await assert.rejects(connectAndDescribe(config), /access key id AKIAIOSFODNN7EXAMPLE is not known/);
  });

  void test('the serverless IAM listener checks tokens too', async () => {
    const admin = sandbox().principals.admin;
    // The last character changed (a secret that already ends in "x" gets "y"), so the key is always wrong.
    const last = admin.secretAccessKey.at(-1) === 'x' ? 'y' : 'x';
    const base = kafkaConfig(sandbox(), 'serverlessIam', {
      retries: 0,
      awsKeys: { accessKeyId: admin.accessKeyId, secretAccessKey: `${admin.secretAccessKey.slice(0, -1)}${last}` },
    });
    await assert.rejects(connectAndDescribe(base), /signature does not match/);
  });
});

void describe('SCRAM and mTLS refusals', () => {
  void test('a wrong SCRAM password is refused', async () => {
    const base = kafkaConfig(sandbox(), 'scram', { retries: 0 });
    const config: KafkaConfig = {
      ...base,
      sasl: { mechanism: 'scram-sha-512', username: 'admin', password: 'not-the-password' },
    };
    await assert.rejects(connectAndDescribe(config), (err: Error) => {
      assert.equal(err.name, 'KafkaJSSASLAuthenticationError');
      assert.match(err.message, /SCRAM SHA512 authentication failed/);
      return true;
    });
  });

  void test('the TLS listener refuses a client without a certificate', async () => {
    const base = kafkaConfig(sandbox(), 'tls', { retries: 0 });
    const config: KafkaConfig = { ...base, ssl: { ca: [readFileSync(sandbox().caFile, 'utf8')] } };
    await assert.rejects(connectAndDescribe(config), /certificate/i);
  });
});

void describe('the readonly principal may describe and read, never write or create', () => {
  let topic: string;
  const seeded = ['seeded 1', 'seeded 2'];

  before(async () => {
    topic = await cleanup.createTopic('it-readonly');
    await produce(kafkaConfig(sandbox(), 'plaintext'), topic, seeded);
  });

  for (const listener of ['iam', 'scram', 'tls'] as const) {
    void test(`${listener}: readonly is refused a produce`, async () => {
      const config = kafkaConfig(sandbox(), listener, { principal: 'readonly', retries: 0 });
      await assert.rejects(produce(config, topic, ['must not land']), (err: Error & { type?: string }) => {
        assert.equal(err.type, 'TOPIC_AUTHORIZATION_FAILED');
        return true;
      });
    });

    void test(`${listener}: readonly is refused a topic creation`, async () => {
      const config = kafkaConfig(sandbox(), listener, { principal: 'readonly', retries: 0 });
      const name = uniqueName('it-readonly-create');
      await assert.rejects(
        withAdmin(
          (admin) => admin.createTopics({ topics: [{ topic: name, numPartitions: 1, replicationFactor: 1 }] }),
          config,
        ),
        (err: Error & { errors?: { type?: string }[] }) => {
          assert.deepEqual(
            err.errors?.map((e) => e.type),
            ['TOPIC_AUTHORIZATION_FAILED'],
          );
          return true;
        },
      );
      const topics = await withAdmin((admin) => admin.listTopics());
      assert.ok(!topics.includes(name), 'the topic was not created');
    });
  }

  for (const listener of ['iam', 'scram'] as const) {
    void test(`${listener}: readonly can describe the topic and read its messages`, async () => {
      const config = kafkaConfig(sandbox(), listener, { principal: 'readonly' });
      const meta = await withAdmin((admin) => admin.fetchTopicMetadata({ topics: [topic] }), config);
      assert.equal(meta.topics[0]?.name, topic);
      assert.equal(meta.topics[0]?.partitions.length, 1);
      const got = await consume(config, topic, cleanup.group(`it-readonly-${listener}`), seeded.length);
      assert.deepEqual(got, seeded);
    });
  }

  void test('produce as admin over IAM still works on the same topic (the refusals are about the principal)', async () => {
    await produce(kafkaConfig(sandbox(), 'iam'), topic, ['admin writes']);
  });
});
