import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  ForbiddenException,
  KafkaServiceException,
  NotFoundException,
  TooManyRequestsException,
  UnauthorizedException,
} from '@aws-sdk/client-kafka';
import { fromIni, fromSSO } from '@aws-sdk/credential-providers';
import { ResourceNotFoundException } from '@aws-sdk/client-secrets-manager';
import { AwsUserError, toAwsUserError } from '../../../src/aws/errors';
import { describeChain } from '../../../src/shared/errorChain';
import { presentError } from '../../../src/shared/errorPresentation';
import { isUserError, UserError } from '../../../src/shared/errors';

const ctx = {
  action: 'kafka:ListClustersV2',
  profile: 'dev',
  region: 'us-east-1',
  endpoint: 'https://kafka.us-east-1.amazonaws.com',
};

function serviceError(name: string, message: string, status: number) {
  return new KafkaServiceException({ name, $fault: 'client', message, $metadata: { httpStatusCode: status } });
}

async function rejectionOf(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => assert.fail('expected a rejection'),
    (e: unknown) => e,
  );
}

void describe('toAwsUserError: service errors', () => {
  void test('UnauthorizedException names the API action and the profile that lacks it', () => {
    const err = new UnauthorizedException({ message: 'Unauthorized', $metadata: { httpStatusCode: 401 } });
    const mapped = toAwsUserError(err, ctx);
    assert.equal(mapped.kind, 'access-denied');
    assert.equal(mapped.message, 'Access denied: profile "dev" lacks the IAM permission kafka:ListClustersV2.');
    assert.match(mapped.hint ?? '', /Ask your AWS administrator to allow it/);
    const copy = mapped.actions.find((a) => a.command === 'msk.copyIamPolicyStatement');
    assert.deepEqual(JSON.parse(String(copy?.args?.[0])), {
      Effect: 'Allow',
      Action: ['kafka:ListClustersV2'],
      Resource: ['*'],
    });
    assert.equal(mapped.cause, err);
  });

  void test('AccessDenied takes the action from the IAM message when it has one', () => {
    const err = new ForbiddenException({
      message:
        'User: arn:aws:iam::111122223333:user/ro is not authorized to perform: kafka:GetBootstrapBrokers on resource: arn:aws:kafka:us-east-1:111122223333:cluster/a/b',
      $metadata: { httpStatusCode: 403 },
    });
    const mapped = toAwsUserError(err, {
      ...ctx,
      action: 'kafka:Whatever',
      resource: 'arn:aws:kafka:us-east-1:111122223333:cluster/a/b',
    });
    assert.equal(mapped.kind, 'access-denied');
    assert.match(mapped.message, /lacks the IAM permission kafka:GetBootstrapBrokers on arn:aws:kafka/);
    const text = `${mapped.message} ${mapped.hint}`;
    assert.equal(text.split('arn:aws:kafka:us-east-1:111122223333:cluster/a/b').length - 1, 1, 'the ARN once');
    assert.match(
      String(mapped.actions[0]?.args?.[0]),
      /"kafka:GetBootstrapBrokers"[\s\S]*"arn:aws:kafka:us-east-1:111122223333:cluster\/a\/b"/,
    );
    const generic = toAwsUserError(serviceError('AccessDeniedException', 'no', 403), {
      action: 'secretsmanager:GetSecretValue',
    });
    assert.match(
      generic.message,
      /the default credential chain lacks the IAM permission secretsmanager:GetSecretValue/,
    );
    assert.match(generic.hint ?? '', /kms:Decrypt/);
  });

  void test('InvalidSignatureException points at the secret key and the clock', () => {
    const err = serviceError(
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided.',
      403,
    );
    const mapped = toAwsUserError(err, ctx);
    assert.equal(mapped.kind, 'invalid-signature');
    assert.match(presentError(mapped).text, /aws_secret_access_key/);
    assert.match(presentError(mapped).text, /clock/);
  });

  void test('ExpiredToken and unknown access keys', () => {
    assert.equal(
      toAwsUserError(
        serviceError('ExpiredTokenException', 'The security token included in the request is expired', 403),
        ctx,
      ).kind,
      'expired-token',
    );
    const unknownKey = toAwsUserError(
      serviceError('UnrecognizedClientException', 'The security token included in the request is invalid.', 403),
      ctx,
    );
    assert.equal(unknownKey.kind, 'invalid-access-key');
    assert.match(unknownKey.message, /profile "dev"/);
  });

  void test('not found and throttling', () => {
    const nf = toAwsUserError(new NotFoundException({ message: 'Cluster not found', $metadata: {} }), {
      ...ctx,
      resource: 'arn:c',
    });
    assert.equal(nf.kind, 'not-found');
    assert.match(nf.message, /arn:c was not found in us-east-1/);
    assert.equal(toAwsUserError(new ResourceNotFoundException({ message: 'x', $metadata: {} }), ctx).kind, 'not-found');
    assert.equal(
      toAwsUserError(new TooManyRequestsException({ message: 'slow', $metadata: {} }), ctx).kind,
      'throttled',
    );
  });

  void test('an unrecognised error keeps its message, the action and the cause', () => {
    const err = serviceError('BadRequestException', 'MaxResults must be <= 100', 400);
    const mapped = toAwsUserError(err, ctx);
    assert.equal(mapped.kind, 'unknown');
    assert.equal(mapped.message, 'kafka:ListClustersV2 failed: MaxResults must be <= 100');
    assert.equal(mapped.cause, err);
  });
});

void describe('toAwsUserError: network', () => {
  void test('ECONNREFUSED names the endpoint and where it came from', () => {
    const err = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4599'), {
      code: 'ECONNREFUSED',
      $metadata: { attempts: 3 },
    });
    const mapped = toAwsUserError(err, {
      ...ctx,
      endpoint: 'http://127.0.0.1:4599',
      endpointOrigin: 'endpoint_url of profile dev',
    });
    assert.equal(mapped.kind, 'endpoint-unreachable');
    assert.equal(mapped.message, 'Cannot reach http://127.0.0.1:4599 (ECONNREFUSED).');
    assert.match(mapped.hint ?? '', /endpoint_url of profile dev/);
    assert.match(mapped.hint ?? '', /endpoint in the extension settings/);
  });

  void test('ENOTFOUND nested as a cause is still found', () => {
    const inner = Object.assign(new Error('getaddrinfo ENOTFOUND kafka.nowhere'), { code: 'ENOTFOUND' });
    const outer = new Error('request failed', { cause: inner });
    const mapped = toAwsUserError(outer, ctx);
    assert.equal(mapped.kind, 'endpoint-unreachable');
    assert.deepEqual(describeChain(mapped), [
      'AwsUserError (endpoint-unreachable): Cannot reach https://kafka.us-east-1.amazonaws.com (ENOTFOUND).',
      'Error: request failed',
      'Error (ENOTFOUND): getaddrinfo ENOTFOUND kafka.nowhere',
    ]);
  });
});

void describe('toAwsUserError: credentials (errors thrown by the real SDK providers)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'msk-aws-errors-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  void test('legacy SSO profile without a cached token: run aws sso login --profile X', async () => {
    const config = join(dir, 'config-legacy');
    writeFileSync(
      config,
      `[profile old]\nsso_start_url = https://msk-test-${process.pid}-${Date.now()}.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = Dev\n`,
    );
    const err = await rejectionOf(fromSSO({ profile: 'old', configFilepath: config, filepath: join(dir, 'none') })());
    assert.equal((err as Error).name, 'CredentialsProviderError');
    const mapped = toAwsUserError(err, { profile: 'old' });
    assert.equal(mapped.kind, 'sso-login-required');
    assert.equal(mapped.message, 'The AWS SSO session for profile "old" has expired or is missing.');
    assert.equal(mapped.hint, 'Run `aws sso login --profile old` in a terminal, then retry.');
  });

  void test('an expired SSO session (the SDK message) asks for a login too', () => {
    const err = Object.assign(
      new Error(
        'The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login with the corresponding profile.',
      ),
      { name: 'CredentialsProviderError', tryNextLink: false },
    );
    assert.equal(toAwsUserError(err, { profile: 'corp' }).kind, 'sso-login-required');
  });

  void test('a profile the files do not define: no credentials, with how to configure them', async () => {
    // fromIni only (the full node chain would also ask the EC2 metadata service, i.e. the network).
    const err = await rejectionOf(
      fromIni({ profile: 'nobody', configFilepath: join(dir, 'none'), filepath: join(dir, 'none2') })(),
    );
    assert.match((err as Error).message, /Could not resolve credentials using profile: \[nobody\]/);
    const mapped = toAwsUserError(err, { profile: 'nobody' });
    assert.equal(mapped.kind, 'no-credentials');
    assert.match(mapped.message, /profile "nobody"/);
    assert.match(presentError(mapped).text, /aws configure/);
  });

  void test('the default chain finding nothing says how to configure credentials', () => {
    const err = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    });
    const mapped = toAwsUserError(err, {});
    assert.equal(mapped.kind, 'no-credentials');
    assert.match(mapped.message, /No AWS credentials were found/);
    assert.match(mapped.hint ?? '', /aws configure/);
  });
});

void describe('AwsUserError in the one error model', () => {
  void test('is a UserError whose code is its kind and whose next step is its hint', () => {
    const e = new AwsUserError('no-region', 'No region', { hint: 'Set one.' });
    assert.ok(e instanceof UserError);
    assert.ok(isUserError(e));
    assert.equal(e.code, 'no-region');
    assert.equal(e.hint, 'Set one.');
    assert.equal(toAwsUserError(e, ctx), e, 'an AwsUserError is passed through unchanged');
  });

  void test('the presented text carries the next step, and the log text the whole cause chain', () => {
    const err = new UnauthorizedException({ message: 'Unauthorized', $metadata: {} });
    const shown = presentError(toAwsUserError(err, ctx));
    assert.equal(shown.code, 'access-denied');
    assert.match(shown.text, /^Access denied: profile "dev" lacks the IAM permission kafka:ListClustersV2\. Ask /);
    assert.match(shown.logText, /\nnext step: Ask your AWS administrator to allow it for this identity/);
    assert.match(shown.logText, /\ncaused by: UnauthorizedException: Unauthorized$/);
  });

  void test('an expired SSO session offers the login command as the next step and another profile as a button', () => {
    const err = Object.assign(
      new Error(
        'The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login with the corresponding profile.',
      ),
      { name: 'CredentialsProviderError' },
    );
    const shown = presentError(toAwsUserError(err, { profile: 'corp' }));
    assert.equal(
      shown.text,
      'The AWS SSO session for profile "corp" has expired or is missing. Run `aws sso login --profile corp` in a terminal, then retry.',
    );
    assert.deepEqual(
      shown.actions.map((a) => a.command),
      ['msk.selectProfile'],
    );
  });

  void test('an AwsUserError found inside another keeps its next step and actions', () => {
    const inner = new AwsUserError('no-region', 'No region', {
      hint: 'Set one.',
      actions: [{ title: 'T', command: 'c' }],
    });
    const mapped = toAwsUserError(new Error('wrapped', { cause: inner }), ctx);
    assert.equal(mapped.kind, 'no-region');
    assert.equal(mapped.hint, 'Set one.');
    assert.deepEqual(mapped.actions, [{ title: 'T', command: 'c' }]);
  });
});
