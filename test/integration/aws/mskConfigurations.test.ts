/**
 * MSK cluster configurations against the sandbox's control plane: revisions made and read through
 * the real SDK (@aws-sdk/client-kafka) with MSK's error types, then the extension's AWS module used
 * as the tree uses it (the sandbox's profiles from its files): paging, newest-first revisions, a
 * revision's server.properties text, the revision each cluster runs, and clear messages for a
 * missing revision and for access denied.
 */
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { after, before, describe, test } from 'node:test';
import {
  CreateConfigurationCommand,
  DeleteConfigurationCommand,
  DescribeConfigurationCommand,
  DescribeConfigurationRevisionCommand,
  KafkaClient,
  ListConfigurationRevisionsCommand,
  UpdateConfigurationCommand,
} from '@aws-sdk/client-kafka';
import { privateCluster } from '../../../sandbox/controlplane/privateCluster';
import {
  AwsClientFactory,
  AwsUserError,
  MskConfigurationsService,
  MskService,
  type AwsTarget,
  type MskConfigurationSummary,
} from '../../../src/aws';
import { presentError } from '../../../src/shared/errorPresentation';
import { backendWith, sandboxSettings } from '../support/backend';
import { sandbox, uniqueName } from '../support/sandbox';
import { rejection } from '../support/sdkRejection';

type Who = 'admin' | 'readonly';

function kafka(who: Who = 'admin'): KafkaClient {
  const s = sandbox();
  const p = s.principals[who];
  return new KafkaClient({
    endpoint: s.controlPlaneEndpoint,
    region: s.region,
    credentials: { accessKeyId: p.accessKeyId, secretAccessKey: p.secretAccessKey },
    maxAttempts: 1,
  });
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

const FIRST = 'auto.create.topics.enable=false\nlog.retention.hours=24\n';
const SECOND = 'auto.create.topics.enable=true\nlog.retention.hours=48\nnum.partitions=6\n';

let created: { arn: string; name: string } | undefined;
let factory: AwsClientFactory;
let admin: AwsTarget;
let readonly: AwsTarget;

before(async () => {
  const s = sandbox();
  factory = new AwsClientFactory({ userAgent: 'msk-explorer/test', env: { HOME: tmpdir() } });
  admin = { profile: s.aws.profile, configFile: s.aws.configFile, credentialsFile: s.aws.credentialsFile };
  readonly = { ...admin, profile: s.aws.readonlyProfile };
  const name = uniqueName('it-config');
  const out = await kafka().send(
    new CreateConfigurationCommand({
      Name: name,
      Description: 'made by the integration test',
      KafkaVersions: ['3.9.x'],
      ServerProperties: utf8(FIRST),
    }),
  );
  assert.ok(out.Arn?.includes(`:configuration/${name}/`), `the ARN ${out.Arn} names the configuration`);
  assert.equal(out.LatestRevision?.Revision, 1);
  assert.equal(out.State, 'ACTIVE');
  created = { arn: out.Arn ?? '', name };
});

after(async () => {
  if (created) await kafka().send(new DeleteConfigurationCommand({ Arn: created.arn }));
  factory.dispose();
});

void describe('the control plane serves MSK configurations in MSK’s shapes (real SDK)', () => {
  test('UpdateConfiguration makes revision 2; both revisions read back with their server.properties', async () => {
    const arn = created?.arn ?? '';
    const upd = await kafka().send(
      new UpdateConfigurationCommand({ Arn: arn, ServerProperties: utf8(SECOND), Description: 'six partitions' }),
    );
    assert.equal(upd.Arn, arn);
    assert.equal(upd.LatestRevision?.Revision, 2);
    assert.equal(upd.LatestRevision?.Description, 'six partitions');

    const described = await kafka().send(new DescribeConfigurationCommand({ Arn: arn }));
    assert.equal(described.Name, created?.name);
    assert.deepEqual(described.KafkaVersions, ['3.9.x']);
    assert.equal(described.LatestRevision?.Revision, 2);
    const revs = await kafka().send(new ListConfigurationRevisionsCommand({ Arn: arn }));
    assert.deepEqual(
      revs.Revisions?.map((r) => r.Revision),
      [1, 2],
    );
    const r1 = await kafka().send(new DescribeConfigurationRevisionCommand({ Arn: arn, Revision: 1 }));
    assert.equal(new TextDecoder().decode(r1.ServerProperties), FIRST);
    const r2 = await kafka().send(new DescribeConfigurationRevisionCommand({ Arn: arn, Revision: 2 }));
    assert.equal(new TextDecoder().decode(r2.ServerProperties), SECOND);
    assert.ok(r2.CreationTime instanceof Date);
  });

  test('refuses a duplicate name, bad server.properties and the readonly principal’s writes', async () => {
    const dup = await rejection(
      kafka().send(new CreateConfigurationCommand({ Name: created?.name, ServerProperties: utf8(FIRST) })),
    );
    assert.equal(dup.name, 'ConflictException');
    assert.equal(dup.$metadata?.httpStatusCode, 409);

    const bad = await rejection(
      kafka().send(new UpdateConfigurationCommand({ Arn: created?.arn, ServerProperties: utf8('just words\n') })),
    );
    assert.equal(bad.name, 'BadRequestException');
    assert.match(bad.message, /just words/);

    const denied = await rejection(
      kafka('readonly').send(new UpdateConfigurationCommand({ Arn: created?.arn, ServerProperties: utf8(SECOND) })),
    );
    assert.equal(denied.name, 'ForbiddenException');
    assert.match(denied.message, /not authorized to perform: kafka:UpdateConfiguration on resource: arn:aws:kafka:/);

    const missing = await rejection(
      kafka().send(new DescribeConfigurationRevisionCommand({ Arn: created?.arn, Revision: 99 })),
    );
    assert.equal(missing.name, 'NotFoundException');
    assert.equal(missing.$metadata?.httpStatusCode, 404);
  });
});

void describe('the extension’s MSK configurations module', () => {
  test('pages through every configuration, the one made here with its latest revision', async () => {
    const service = new MskConfigurationsService(factory);
    const all: MskConfigurationSummary[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await service.listConfigurations(admin, { pageSize: 2, pageToken: token });
      assert.ok(page.configurations.length <= 2);
      all.push(...page.configurations);
      token = page.nextToken;
      pages++;
    } while (token && pages < 50);
    assert.ok(pages > 1, 'more than one page of 2');
    assert.equal(new Set(all.map((c) => c.arn)).size, all.length, 'no configuration twice');
    const mine = all.find((c) => c.arn === created?.arn);
    assert.ok(mine, 'the configuration made by this test is listed');
    assert.equal(mine.name, created?.name);
    assert.deepEqual(mine.kafkaVersions, ['3.9.x']);
    assert.equal(mine.state, 'ACTIVE');
    assert.equal(mine.latestRevision?.revision, 2);
  });

  test('lists revisions newest first and reads a revision’s server.properties text', async () => {
    const service = new MskConfigurationsService(factory);
    const revisions = await service.listRevisions(admin, created?.arn ?? '');
    assert.deepEqual(
      revisions.map((r) => [r.revision, r.description]),
      [
        [2, 'six partitions'],
        [1, undefined],
      ],
    );
    const rev = await service.describeRevision(admin, created?.arn ?? '', 1);
    assert.equal(rev.serverProperties, FIRST);
    assert.equal(rev.revision, 1);
  });

  test('each provisioned cluster reports the revision it runs; the private cluster runs MSK’s default', async () => {
    const s = sandbox();
    const msk = new MskService(factory);
    const { clusters } = await msk.listClusters(admin, { pageSize: 100 });
    const provisioned = clusters.find((c) => c.arn === s.clusters.provisioned.arn);
    assert.ok(provisioned?.configuration, 'the provisioned cluster names its configuration');
    const service = new MskConfigurationsService(factory);
    const config = await service.describeConfiguration(admin, provisioned.configuration.arn);
    assert.equal(config.name, `${s.clusters.provisioned.name}-config`);
    const rev = await service.describeRevision(admin, config.arn, provisioned.configuration.revision);
    assert.match(rev.serverProperties, /^allow\.everyone\.if\.no\.acl\.found=false$/m);
    const priv = clusters.find((c) => c.arn === privateCluster(s).arn);
    assert.ok(priv, 'the private cluster is listed');
    assert.equal(priv.configuration, undefined, 'the private cluster is on the default configuration');
    assert.equal(clusters.find((c) => c.type === 'SERVERLESS')?.configuration, undefined);
  });

  test('a missing revision says which one and what to do', async () => {
    const service = new MskConfigurationsService(factory);
    const err = await service.describeRevision(admin, created?.arn ?? '', 42).then(
      () => assert.fail('revision 42 does not exist'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof AwsUserError);
    assert.equal(err.kind, 'not-found');
    const { message, hint } = presentError(err);
    assert.equal(message, `Revision 42 of the MSK configuration “${created?.name}” does not exist in us-east-1.`);
    assert.match(hint ?? '', /Refresh the MSK configurations folder/);
  });

  test('access denied names the IAM action and the configuration, with a policy to copy', async () => {
    const service = new MskConfigurationsService(factory);
    const restricted = (await service.listConfigurations(readonly, { pageSize: 100 })).configurations.find(
      (c) => c.name === 'sandbox-restricted',
    );
    assert.ok(restricted, 'the readonly principal may list the restricted configuration');
    const err = await service.describeRevision(readonly, restricted.arn, 1).then(
      () => assert.fail('the readonly principal may not read sandbox-restricted'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof AwsUserError);
    assert.equal(err.kind, 'access-denied');
    assert.equal(
      err.message,
      `Access denied: profile "${sandbox().aws.readonlyProfile}" lacks the IAM permission kafka:DescribeConfigurationRevision on ${restricted.arn}.`,
    );
    assert.ok(
      err.actions.some((a) => a.command === 'msk.copyIamPolicyStatement'),
      'offers to copy the IAM policy statement',
    );
    // The readonly principal reads the other configurations.
    const allowed = await service.listRevisions(readonly, created?.arn ?? '');
    assert.equal(allowed.length, 2);
  });
});

void describe('the backend as the Clusters tree uses it', () => {
  test('the scope pages its configurations; its clusters carry the revision they run; a revision reads as text', async () => {
    const backend = backendWith(sandboxSettings());
    try {
      const [scope] = await backend.scopes();
      assert.ok(scope, 'the sandbox profile makes one AWS scope');
      const configurations = backend.mskConfigurations();
      const names: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await configurations.page(scope, token, 3);
        names.push(...page.items.map((c) => c.name));
        token = page.nextToken;
        pages++;
      } while (token && pages < 50);
      assert.ok(pages > 1, 'more than one page of 3');
      assert.ok(names.includes(created?.name ?? ''), `the configuration made here is listed: ${names.join(', ')}`);

      const clusters = await backend.listClusters(scope, undefined, 100);
      const provisioned = clusters.items.find((c) => c.arn === sandbox().clusters.provisioned.arn);
      assert.ok(provisioned?.configuration, 'the cluster ref names its configuration revision');
      const rev = await configurations.revision(
        scope,
        provisioned.configuration.arn,
        provisioned.configuration.revision,
      );
      assert.match(rev.serverProperties, /^min\.insync\.replicas=1$/m);
    } finally {
      await backend.dispose();
    }
  });
});
