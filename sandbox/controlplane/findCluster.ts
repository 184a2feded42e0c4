/** Which of the sandbox's clusters an ARN names; a malformed or unknown ARN refused as MSK refuses it. */
import type { SandboxState } from '../state';
import { badRequest, notFound } from './errors';
import { expressCluster } from './expressCluster';
import { privateCluster } from './privateCluster';

export type ClusterKind = 'provisioned' | 'serverless' | 'private' | 'express';

export function findCluster(state: SandboxState, arn: string): ClusterKind {
  if (arn === state.clusters.provisioned.arn) return 'provisioned';
  if (arn === state.clusters.serverless.arn) return 'serverless';
  if (arn === privateCluster(state).arn) return 'private';
  if (arn === expressCluster(state).arn) return 'express';
  if (!/^arn:aws[a-z-]*:kafka:[a-z0-9-]+:\d{12}:cluster\/[^/]+\/[^/]+$/.test(arn)) {
    throw badRequest(`The value of clusterArn is not a valid cluster ARN: ${arn}`, 'clusterArn');
  }
  throw notFound(`The cluster ${arn} does not exist.`, 'clusterArn');
}
