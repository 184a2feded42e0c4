/** What a doctor run needs from the host (kept out of types.ts, which the webview imports). */
import type { AwsClientFactory, AwsTarget, MskService } from '../../aws/index';
import type { KafkaConnectionSpec, SshTunnelOptions } from '../../kafka/index';
import type { Logger } from '../../shared/logger';
import type { ClusterRef } from '../clusterModel';

/** What the doctor needs from the backend: the AWS layer and the connection exactly as the extension makes it. */
export interface DoctorEnvironment {
  aws(): { factory: AwsClientFactory; msk: MskService };
  /** Where AWS calls about the cluster go (profile, region, endpoint, files). */
  target(cluster: ClusterRef): AwsTarget;
  /** The AWS profile whose credentials sign the cluster's IAM tokens (undefined: the default credential chain). */
  iamProfile(cluster: ClusterRef): string | undefined;
  /** The Kafka connection spec the extension would use (resolved again from the settings). */
  connectionSpec(cluster: ClusterRef): Promise<KafkaConnectionSpec>;
  tunnelOptions?: SshTunnelOptions;
  log: Logger;
}
