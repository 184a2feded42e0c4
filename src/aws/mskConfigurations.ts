/**
 * MSK cluster configurations (the MSK API's ListConfigurations, DescribeConfiguration,
 * ListConfigurationRevisions, DescribeConfigurationRevision): the server.properties MSK applies to
 * provisioned clusters, one immutable revision per change.
 *
 * Every call goes through the one client factory; failures become AwsUserError. Access denied names
 * the `kafka:` action AWS refused (e.g. kafka:DescribeConfigurationRevision) and the configuration
 * ARN; a missing configuration or revision says which and what to do. SDK command classes load on
 * first use.
 */
import type { ConfigurationRevision, KafkaClient } from '@aws-sdk/client-kafka';
import { nameFromArn, regionOfArn } from '../shared/arn';
import type { AwsClientFactory, AwsTarget } from './clientFactory';
import { AwsUserError } from './errors';

export interface MskConfigurationRevisionSummary {
  revision: number;
  description?: string;
  creationTime?: Date;
}

export interface MskConfigurationSummary {
  arn: string;
  name: string;
  description?: string;
  /** Kafka versions the configuration may be used with (empty: any). */
  kafkaVersions: string[];
  /** ACTIVE | DELETING | DELETE_FAILED */
  state: string;
  creationTime?: Date;
  latestRevision?: MskConfigurationRevisionSummary;
}

export interface MskConfigurationRevision extends MskConfigurationRevisionSummary {
  arn: string;
  /** The server.properties text of the revision (decoded from the base64 blob). */
  serverProperties: string;
}

export interface MskConfigurationPage {
  configurations: MskConfigurationSummary[];
  /** Present when there are more: pass it as `pageToken` ("Load more…"). */
  nextToken?: string;
}

/** The IAM action of each call (MSK's service authorization reference). */
export const MSK_CONFIGURATION_ACTIONS = {
  list: 'kafka:ListConfigurations',
  describe: 'kafka:DescribeConfiguration',
  revisions: 'kafka:ListConfigurationRevisions',
  revision: 'kafka:DescribeConfigurationRevision',
} as const;

/** The name inside a configuration ARN (arn:aws:kafka:<region>:<account>:configuration/<name>/<uuid>). */
export function configurationNameOf(arn: string): string {
  return nameFromArn(arn) ?? arn;
}

function targetForArn(target: AwsTarget, arn: string): AwsTarget {
  const region = regionOfArn(arn);
  return region ? { ...target, region } : target;
}

function revisionOf(r: ConfigurationRevision | undefined): MskConfigurationRevisionSummary | undefined {
  if (!r || typeof r.Revision !== 'number') return undefined;
  return {
    revision: r.Revision,
    ...(r.Description ? { description: r.Description } : {}),
    ...(r.CreationTime ? { creationTime: new Date(r.CreationTime) } : {}),
  };
}

/** A not-found that names the configuration (and revision) and says what to do. */
function notFoundError(err: unknown, arn: string, revision?: number): unknown {
  if (!(err instanceof AwsUserError) || err.kind !== 'not-found') return err;
  const what =
    revision === undefined
      ? `The MSK configuration “${configurationNameOf(arn)}”`
      : `Revision ${revision} of the MSK configuration “${configurationNameOf(arn)}”`;
  return new AwsUserError(
    'not-found',
    `${what} does not exist${err.context.region ? ` in ${err.context.region}` : ''}.`,
    {
      cause: err,
      context: err.context,
      hint: 'It may have been deleted. Refresh the MSK configurations folder.',
    },
  );
}

export class MskConfigurationsService {
  constructor(readonly factory: AwsClientFactory) {}

  private call<T>(
    target: AwsTarget,
    action: string,
    resource: string | undefined,
    run: (c: KafkaClient) => Promise<T>,
  ) {
    return this.factory.call('kafka', resource ? targetForArn(target, resource) : target, action, resource, run);
  }

  /** One page of the region's configurations (ListConfigurations). */
  async listConfigurations(
    target: AwsTarget,
    options: { pageToken?: string; pageSize?: number } = {},
  ): Promise<MskConfigurationPage> {
    return this.call(target, MSK_CONFIGURATION_ACTIONS.list, undefined, async (client) => {
      const { ListConfigurationsCommand } = await import('@aws-sdk/client-kafka');
      const out = await client.send(
        new ListConfigurationsCommand({
          MaxResults: options.pageSize ? Math.max(1, Math.min(100, options.pageSize)) : undefined,
          NextToken: options.pageToken,
        }),
      );
      const page: MskConfigurationPage = {
        configurations: (out.Configurations ?? []).filter((c) => c.Arn).map((c) => toSummary(c)),
      };
      if (out.NextToken) page.nextToken = out.NextToken;
      return page;
    });
  }

  async describeConfiguration(target: AwsTarget, arn: string): Promise<MskConfigurationSummary> {
    return this.call(target, MSK_CONFIGURATION_ACTIONS.describe, arn, async (client) => {
      const { DescribeConfigurationCommand } = await import('@aws-sdk/client-kafka');
      return toSummary({ ...(await client.send(new DescribeConfigurationCommand({ Arn: arn }))), Arn: arn });
    }).catch((err: unknown) => {
      throw notFoundError(err, arn);
    });
  }

  /** Every revision of a configuration (all pages), newest first. */
  async listRevisions(target: AwsTarget, arn: string): Promise<MskConfigurationRevisionSummary[]> {
    return this.call(target, MSK_CONFIGURATION_ACTIONS.revisions, arn, async (client) => {
      const { ListConfigurationRevisionsCommand } = await import('@aws-sdk/client-kafka');
      const all: MskConfigurationRevisionSummary[] = [];
      let token: string | undefined;
      do {
        const out = await client.send(
          new ListConfigurationRevisionsCommand({ Arn: arn, MaxResults: 100, NextToken: token }),
        );
        for (const r of out.Revisions ?? []) {
          const rev = revisionOf(r);
          if (rev) all.push(rev);
        }
        token = out.NextToken;
      } while (token);
      return all.sort((a, b) => b.revision - a.revision);
    }).catch((err: unknown) => {
      throw notFoundError(err, arn);
    });
  }

  /** One revision with its server.properties text (DescribeConfigurationRevision). */
  async describeRevision(target: AwsTarget, arn: string, revision: number): Promise<MskConfigurationRevision> {
    return this.call(target, MSK_CONFIGURATION_ACTIONS.revision, arn, async (client) => {
      const { DescribeConfigurationRevisionCommand } = await import('@aws-sdk/client-kafka');
      const out = await client.send(new DescribeConfigurationRevisionCommand({ Arn: arn, Revision: revision }));
      return {
        arn,
        revision: out.Revision ?? revision,
        ...(out.Description ? { description: out.Description } : {}),
        ...(out.CreationTime ? { creationTime: new Date(out.CreationTime) } : {}),
        serverProperties: out.ServerProperties ? Buffer.from(out.ServerProperties).toString('utf8') : '',
      };
    }).catch((err: unknown) => {
      throw notFoundError(err, arn, revision);
    });
  }
}

function toSummary(c: {
  Arn?: string;
  Name?: string;
  Description?: string;
  KafkaVersions?: string[];
  State?: string;
  CreationTime?: Date;
  LatestRevision?: ConfigurationRevision;
}): MskConfigurationSummary {
  const arn = c.Arn ?? '';
  const latest = revisionOf(c.LatestRevision);
  return {
    arn,
    name: c.Name || configurationNameOf(arn),
    ...(c.Description ? { description: c.Description } : {}),
    kafkaVersions: [...(c.KafkaVersions ?? [])],
    state: c.State ?? 'ACTIVE',
    ...(c.CreationTime ? { creationTime: new Date(c.CreationTime) } : {}),
    ...(latest ? { latestRevision: latest } : {}),
  };
}
