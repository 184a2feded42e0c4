/**
 * MSK cluster configurations per AWS profile × region (the explorer's "MSK configurations"
 * folders) and their revisions, through the AWS layer's MskConfigurationsService with
 * the profile, region and endpoint settings of the scope. Loads the AWS layer on first call only.
 */
import type * as Aws from '../aws/index';
import type { Page } from '../shared/pagedList';
import { awsModule } from './lazyModules';

/** Where configurations are listed: one AWS profile (undefined: the default chain) in one region. */
export interface ConfigurationScope {
  profile?: string;
  region?: string;
}

export interface MskConfigurationsDeps {
  /** The AWS client factory (made on first use: loads the AWS layer). */
  factory: () => Aws.AwsClientFactory;
  target: (profile: string | undefined, region: string | undefined) => Aws.AwsTarget;
}

export class MskConfigurations {
  private service: Aws.MskConfigurationsService | undefined;

  constructor(private readonly deps: MskConfigurationsDeps) {}

  private api(): Aws.MskConfigurationsService {
    return (this.service ??= new (awsModule().MskConfigurationsService)(this.deps.factory()));
  }

  private targetOf(scope: ConfigurationScope): Aws.AwsTarget {
    return this.deps.target(scope.profile, scope.region);
  }

  /** One page of the scope's configurations. */
  async page(
    scope: ConfigurationScope,
    token: string | undefined,
    pageSize: number,
  ): Promise<Page<Aws.MskConfigurationSummary>> {
    const page = await this.api().listConfigurations(this.targetOf(scope), { pageToken: token, pageSize });
    return { items: page.configurations, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
  }

  /** Every revision, newest first. */
  revisions(scope: ConfigurationScope, arn: string): Promise<Aws.MskConfigurationRevisionSummary[]> {
    return this.api().listRevisions(this.targetOf(scope), arn);
  }

  /** One revision with its server.properties text. */
  revision(scope: ConfigurationScope, arn: string, revision: number): Promise<Aws.MskConfigurationRevision> {
    return this.api().describeRevision(this.targetOf(scope), arn, revision);
  }
}
