/** What an MSK cluster with Express brokers refuses, checked before anything is sent to it. */
import { UserError } from '../shared/errors';
import { brokerKindOf, expressTopicConfigRefusal } from '../shared/mskClusterKinds';
import type { ClusterRef } from './clusterModel';

/** The cluster has Express brokers and `configName` is one of the topic configs they keep read-only. */
export function expressReadOnly(cluster: Pick<ClusterRef, 'instanceType'>, configName: string): boolean {
  return brokerKindOf(cluster.instanceType) === 'EXPRESS' && expressTopicConfigRefusal(configName) !== undefined;
}

/**
 * Throws the refusal (wording modelled on MSK Serverless's, see expressTopicConfigRefusal) when
 * `cluster` has Express brokers and `configName` is not one AWS documents as writable there.
 */
export function assertExpressAllows(cluster: Pick<ClusterRef, 'instanceType' | 'name'>, configName: string): void {
  if (brokerKindOf(cluster.instanceType) !== 'EXPRESS') return;
  const refusal = expressTopicConfigRefusal(configName);
  if (refusal) {
    throw new UserError(refusal, {
      code: 'ExpressReadOnlyConfig',
      hint: `${cluster.name} has Express brokers: MSK sets ${configName} itself. Change one of the listed configurations instead.`,
    });
  }
}
