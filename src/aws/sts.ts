/**
 * Who the AWS credentials of a target are: STS `GetCallerIdentity` (needs no permission), through
 * the one client factory (profile, files, region and endpoint overrides as for every other call).
 */
import type { AwsClientFactory, AwsTarget } from './clientFactory';

export interface CallerIdentity {
  account: string;
  /** e.g. arn:aws:sts::123456789012:assumed-role/Dev/alice or arn:aws:iam::123456789012:user/bob */
  arn: string;
  userId: string;
}

export async function getCallerIdentity(factory: AwsClientFactory, target: AwsTarget): Promise<CallerIdentity> {
  return factory.call('sts', target, 'sts:GetCallerIdentity', undefined, async (client) => {
    const { GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
    const out = await client.send(new GetCallerIdentityCommand({}));
    return { account: out.Account ?? '', arn: out.Arn ?? '', userId: out.UserId ?? '' };
  });
}
