/**
 * DescribeLogDirs (API key 35) version 1, the oldest version Kafka 4 still accepts (KIP-896 removed
 * v0) and the newest non-flexible one (v2 is the first flexible version). Encoded and decoded as
 * Apache Kafka's DescribeLogDirsRequest.json / DescribeLogDirsResponse.json define v1:
 *
 *   Request:  topics (nullable) [topic STRING, partitions [INT32]]
 *   Response: throttle_time_ms INT32,
 *             results [error_code INT16, log_dir STRING,
 *                      topics [name STRING, partitions [partition_index INT32, partition_size INT64,
 *                                                      offset_lag INT64, is_future_key BOOLEAN]]]
 *
 * v1 has no top-level error code (v3 added it): a principal without DESCRIBE on the CLUSTER resource
 * gets an answer with no log directory at all. Pure code: `src/kafka/partitionSizes.ts` sends it.
 */
import type { RawRequest } from './rawRequest';
import { WireReader, WireWriter } from './wireFormat';

const DESCRIBE_LOG_DIRS_API_KEY = 35;
const DESCRIBE_LOG_DIRS_VERSION = 1;

export interface LogDirPartition {
  partition: number;
  /** Bytes of the log segments of this replica. */
  size: bigint;
  offsetLag: bigint;
  /** A replica being moved to this directory (AlterReplicaLogDirs): not the current log. */
  isFuture: boolean;
}

export interface LogDirResult {
  /** 0, or e.g. 57 KAFKA_STORAGE_ERROR for an offline directory. */
  errorCode: number;
  logDir: string;
  topics: { name: string; partitions: LogDirPartition[] }[];
}

export interface DescribeLogDirsResponse {
  throttleTimeMs: number;
  results: LogDirResult[];
}

/** The request body: these partitions of these topics (`null`: every partition the broker hosts). */
export function encodeDescribeLogDirsRequest(
  topics: readonly { topic: string; partitions: readonly number[] }[] | null,
): Buffer {
  const w = new WireWriter();
  if (topics === null) return w.nullArray().build();
  return w
    .array(topics, (tw, t) => {
      tw.string(t.topic).array(t.partitions, (pw, p) => pw.int32(p));
    })
    .build();
}

export function decodeDescribeLogDirsResponse(payload: Buffer): DescribeLogDirsResponse {
  const r = new WireReader(payload, 'DescribeLogDirs v1 response');
  const throttleTimeMs = r.int32('throttle_time_ms');
  const results = r.array('results', (rr) => ({
    errorCode: rr.int16('results.error_code'),
    logDir: rr.string('results.log_dir'),
    topics: rr.array('results.topics', (tr) => ({
      name: tr.string('topics.name'),
      partitions: tr.array('topics.partitions', (pr) => ({
        partition: pr.int32('partitions.partition_index'),
        size: pr.int64('partitions.partition_size'),
        offsetLag: pr.int64('partitions.offset_lag'),
        isFuture: pr.boolean('partitions.is_future_key'),
      })),
    })),
  }));
  r.end();
  return { throttleTimeMs, results };
}

/** The request for rawRequest.ts' `send`. */
export function describeLogDirsRequest(
  topics: readonly { topic: string; partitions: readonly number[] }[] | null,
): RawRequest<DescribeLogDirsResponse> {
  return {
    apiKey: DESCRIBE_LOG_DIRS_API_KEY,
    apiVersion: DESCRIBE_LOG_DIRS_VERSION,
    apiName: 'DescribeLogDirs',
    body: encodeDescribeLogDirsRequest(topics),
    decode: decodeDescribeLogDirsResponse,
  };
}
