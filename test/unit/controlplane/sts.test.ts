/**
 * The control plane's STS GetCallerIdentity, driven by the real @aws-sdk/client-sts (only the
 * endpoint changed): the signing principal as an IAM user of the sandbox's account; a wrong secret
 * and an unknown key refused with STS's own error codes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { startFakeControlPlane, type FakeSandbox, sdkConfig } from './fixtures';

let fake: FakeSandbox;
before(async () => {
  fake = await startFakeControlPlane();
});
after(async () => {
  await fake.close();
});

function sts(who: 'admin' | 'readonly', overrides: { accessKeyId?: string; secretAccessKey?: string } = {}): STSClient {
  return new STSClient(sdkConfig(fake, who, overrides));
}

async function refusal(p: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await p;
  } catch (err) {
    return err as Error & { $metadata?: { httpStatusCode?: number } };
  }
  assert.fail('expected the call to be refused');
}

void describe('control plane: STS GetCallerIdentity', () => {
  it('answers with the signing principal, in the sandbox account', async () => {
    for (const who of ['admin', 'readonly'] as const) {
      const out = await sts(who).send(new GetCallerIdentityCommand({}));
      assert.equal(out.Account, fake.state.accountId);
      assert.equal(out.Arn, `arn:aws:iam::${fake.state.accountId}:user/${fake.state.principals[who].name}`);
      assert.match(out.UserId ?? '', /^AIDA[A-Z0-9]+$/);
    }
  });

  it('refuses a wrong secret with SignatureDoesNotMatch and an unknown key with InvalidClientTokenId', async () => {
    const wrong = await refusal(
      sts('admin', { secretAccessKey: 'not-the-secret' }).send(new GetCallerIdentityCommand({})),
    );
    assert.equal(wrong.name, 'SignatureDoesNotMatch');
    assert.equal(wrong.$metadata?.httpStatusCode, 403);
    const unknown = await refusal(
      sts('admin', { accessKeyId: 'AKIAUNKNOWNUNKNOWN00' }).send(new GetCallerIdentityCommand({})),
    );
    assert.equal(unknown.name, 'InvalidClientTokenId');
  });

  it('refuses other STS actions', async () => {
    const err = await refusal(sts('admin').send(new GetSessionTokenCommand({})));
    assert.equal(err.name, 'InvalidAction');
    assert.equal(err.$metadata?.httpStatusCode, 400);
  });
});
