/**
 * IncrementalAlterConfigs (API key 44) version 0, non-flexible (v1 is the first flexible version),
 * as Apache Kafka's IncrementalAlterConfigsRequest.json / Response.json define it (KIP-339):
 *
 *   Request:  resources [resource_type INT8, resource_name STRING,
 *                        configs [name STRING, config_operation INT8, value NULLABLE_STRING]],
 *             validate_only BOOLEAN
 *   Response: throttle_time_ms INT32,
 *             responses [error_code INT16, error_message NULLABLE_STRING, resource_type INT8, resource_name STRING]
 *
 * Unlike AlterConfigs (the only variant kafkajs has), it changes the named configs and leaves every
 * other dynamic config of the resource alone, including sensitive ones that cannot be read back.
 * Pure code: `src/kafka/brokerConfig.ts` sends it.
 */
import type { RawRequest } from './rawRequest';
import { WireReader, WireWriter } from './wireFormat';

const INCREMENTAL_ALTER_CONFIGS_API_KEY = 44;
const INCREMENTAL_ALTER_CONFIGS_VERSION = 0;

/** Config resource types (org.apache.kafka.common.config.ConfigResource.Type). */
export const CONFIG_RESOURCE_TYPE = { TOPIC: 2, BROKER: 4, BROKER_LOGGER: 8 } as const;

/** AlterConfigOp.OpType: SET a value, DELETE the dynamic value (back to the next synonym), APPEND/SUBTRACT list items. */
export const CONFIG_OPERATION = { SET: 0, DELETE: 1, APPEND: 2, SUBTRACT: 3 } as const;

export interface ConfigChange {
  name: string;
  operation: (typeof CONFIG_OPERATION)[keyof typeof CONFIG_OPERATION];
  /** null for DELETE. */
  value: string | null;
}

export interface ConfigResourceChanges {
  resourceType: number;
  /** A broker id as text, '' for the cluster-wide broker default, or a topic name. */
  resourceName: string;
  configs: readonly ConfigChange[];
}

export interface AlterConfigsResourceResult {
  errorCode: number;
  errorMessage: string | null;
  resourceType: number;
  resourceName: string;
}

export interface IncrementalAlterConfigsResponse {
  throttleTimeMs: number;
  responses: AlterConfigsResourceResult[];
}

export function encodeIncrementalAlterConfigsRequest(
  resources: readonly ConfigResourceChanges[],
  validateOnly: boolean,
): Buffer {
  return new WireWriter()
    .array(resources, (w, r) => {
      w.int8(r.resourceType)
        .string(r.resourceName)
        .array(r.configs, (cw, c) => {
          cw.string(c.name).int8(c.operation).nullableString(c.value);
        });
    })
    .boolean(validateOnly)
    .build();
}

export function decodeIncrementalAlterConfigsResponse(payload: Buffer): IncrementalAlterConfigsResponse {
  const r = new WireReader(payload, 'IncrementalAlterConfigs v0 response');
  const throttleTimeMs = r.int32('throttle_time_ms');
  const responses = r.array('responses', (rr) => ({
    errorCode: rr.int16('responses.error_code'),
    errorMessage: rr.nullableString('responses.error_message'),
    resourceType: rr.int8('responses.resource_type'),
    resourceName: rr.string('responses.resource_name'),
  }));
  r.end();
  return { throttleTimeMs, responses };
}

export function incrementalAlterConfigsRequest(
  resources: readonly ConfigResourceChanges[],
  validateOnly = false,
): RawRequest<IncrementalAlterConfigsResponse> {
  return {
    apiKey: INCREMENTAL_ALTER_CONFIGS_API_KEY,
    apiVersion: INCREMENTAL_ALTER_CONFIGS_VERSION,
    apiName: 'IncrementalAlterConfigs',
    body: encodeIncrementalAlterConfigsRequest(resources, validateOnly),
    decode: decodeIncrementalAlterConfigsResponse,
  };
}
