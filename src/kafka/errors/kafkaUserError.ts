/**
 * The Kafka kind of the one UserError (src/shared/errors.ts): what the extension was doing, a
 * stable code, and for authorization errors the missing IAM action or Kafka ACL.
 */
import { isUserError, UserError, type ErrorAction } from '../../shared/errors';
import type { KafkaConnectionSpec } from '../connection';

export type KafkaOperation =
  | 'connect'
  | 'describeCluster'
  | 'listTopics'
  | 'describeTopic'
  | 'createTopic'
  | 'deleteTopic'
  | 'describeTopicConfig'
  | 'alterTopicConfig'
  | 'produce'
  | 'consume'
  | 'listGroups'
  | 'describeGroup'
  | 'deleteGroup'
  | 'alterGroup'
  | 'addPartitions'
  | 'describeBrokerConfig'
  | 'alterBrokerConfig'
  | 'describeLogDirs'
  | 'describeAcls'
  | 'createAcls'
  | 'deleteAcls';

export type KafkaErrorCode =
  | 'Authorization'
  | 'Authentication'
  | 'Credentials'
  | 'Unreachable'
  | 'Tls'
  | 'Timeout'
  | 'NotFound'
  | 'AlreadyExists'
  | 'InvalidRequest'
  | 'GroupNotEmpty'
  | 'Unknown';

export interface KafkaErrorContext {
  spec: Pick<KafkaConnectionSpec, 'label' | 'bootstrapServers' | 'auth' | 'tls' | 'addressMap' | 'clusterArn'> &
    Partial<Pick<KafkaConnectionSpec, 'unreachableActions'>>;
  operation: KafkaOperation;
  topic?: string;
  group?: string;
}

export interface KafkaUserErrorOptions {
  code: KafkaErrorCode;
  hint?: string;
  cause?: unknown;
  actions?: readonly ErrorAction[];
  /** For authorization errors on IAM connections: the missing action, e.g. kafka-cluster:CreateTopic. */
  iamAction?: string;
  /** …and the resource ARN it is needed on. */
  iamResource?: string;
  /** For authorization errors on other connections: the missing Kafka ACL, e.g. "CREATE on Topic:orders". */
  aclOperation?: string;
  /** Broker addresses involved (unreachable / TLS errors). */
  addresses?: string[];
}

export class KafkaUserError extends UserError {
  declare readonly code: KafkaErrorCode;
  readonly iamAction?: string;
  readonly iamResource?: string;
  readonly aclOperation?: string;
  readonly addresses?: string[];

  constructor(message: string, options: KafkaUserErrorOptions) {
    super(message, { hint: options.hint, cause: options.cause, code: options.code, actions: options.actions });
    this.name = 'KafkaUserError';
    this.iamAction = options.iamAction;
    this.iamResource = options.iamResource;
    this.aclOperation = options.aclOperation;
    this.addresses = options.addresses;
  }
}

/** Whether an error is a KafkaUserError, from any bundle (the Kafka layer is its own bundle). */
export function isKafkaUserError(err: unknown): err is KafkaUserError {
  return isUserError(err) && err.name === 'KafkaUserError' && typeof err.code === 'string';
}
