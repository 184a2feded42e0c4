/**
 * Kafka requests kafkajs does not have (DescribeLogDirs, IncrementalAlterConfigs, a Produce request
 * whose record batch we encode ourselves), sent over kafkajs' own broker connections: the same
 * sockets, TLS, SASL (IAM tokens, SCRAM) and tunnels as every other request of the connection.
 *
 * kafkajs 2.2.4 is feature-frozen, so the few internals used here cannot move under us; they are
 * named in one place (`Internals` below; its error table in ./kafkaErrors.ts) and `test/unit/kafka/protocol/rawRequest.test.ts` checks
 * that the installed kafkajs still has them. Nothing of kafkajs is patched.
 *
 * Only non-flexible request versions can be sent (kafkajs writes request header v1 and reads
 * response header v0): pick the newest non-flexible version of an API that Kafka 4 still accepts.
 */
import type { Kafka } from 'kafkajs';

/** A request body we encode and a response body we decode (both without their headers). */
export interface RawRequest<T> {
  apiKey: number;
  apiVersion: number;
  /** For kafkajs' debug log. */
  apiName: string;
  body: Buffer;
  decode(payload: Buffer): T;
  /** Overrides the connection's request timeout (ms). */
  requestTimeout?: number;
}

export interface RawBroker {
  nodeId: number;
  host: string;
  port: number;
}

export interface RawPartitionMetadata {
  partitionId: number;
  leader: number;
  replicas: number[];
  isr: number[];
}

/** A kafkajs cluster of its own (own connections), for raw requests. Disconnect it when done. */
export interface RawCluster {
  /** Brokers as the cluster's metadata lists them. */
  brokers(): RawBroker[];
  controllerId(): number | undefined;
  /** Loads (or refreshes) metadata for these topics; then `partitions(topic)` answers. */
  refreshTopics(topics: readonly string[]): Promise<void>;
  partitions(topic: string): RawPartitionMetadata[];
  /** Sends to one broker (connecting to it on first use). */
  send<T>(nodeId: number, request: RawRequest<T>): Promise<T>;
  disconnect(): Promise<void>;
}

// ---- kafkajs internals (2.2.4), in one place ------------------------------------------------------

interface InternalConnectionPool {
  send(protocolRequest: {
    request: { apiKey: number; apiVersion: number; apiName: string; encode(): Promise<EncoderLike> };
    response: { decode(payload: Buffer): Promise<unknown>; parse(data: unknown): Promise<unknown> };
    requestTimeout?: number | null;
  }): Promise<unknown>;
}
interface InternalBroker {
  connectionPool: InternalConnectionPool;
  disconnect(): Promise<void>;
}
interface InternalMetadata {
  controllerId?: number;
  brokers: { nodeId: number; host: string; port: number }[];
  topicMetadata?: { topic: string; partitionMetadata: RawPartitionMetadata[] }[];
}
interface InternalCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  addMultipleTargetTopics(topics: string[]): Promise<void>;
  refreshMetadata(): Promise<void>;
  findBroker(q: { nodeId: number | string }): Promise<InternalBroker>;
  findTopicPartitionMetadata(topic: string): RawPartitionMetadata[];
  brokerPool: { metadata: InternalMetadata | null };
}
/** What kafkajs' request framing reads from an encoded body (`Encoder#writeEncoder` checks `buf`). */
interface EncoderLike {
  buf: Buffer;
  buffer: Buffer;
}

type CreateCluster = (options: { allowAutoTopicCreation?: boolean; metadataMaxAge?: number }) => InternalCluster;

/** The `Kafka` instance's private cluster factory (a symbol property named `private:Kafka:createCluster`). */
export function clusterFactoryOf(kafka: Kafka): CreateCluster | undefined {
  const holder = kafka as unknown as Record<symbol, unknown>;
  for (const sym of Object.getOwnPropertySymbols(kafka)) {
    if (sym.description === 'private:Kafka:createCluster' && typeof holder[sym] === 'function') {
      return holder[sym] as CreateCluster;
    }
  }
  return undefined;
}

// ---- the raw cluster ------------------------------------------------------------------------------

export async function openRawCluster(kafka: Kafka): Promise<RawCluster> {
  const create = clusterFactoryOf(kafka);
  if (!create) throw new Error('this kafkajs version has no cluster factory the extension can use (expected 2.2.4)');
  const cluster = create({ allowAutoTopicCreation: false });
  await cluster.connect();
  await cluster.refreshMetadata(); // the brokers and the controller (no topics until refreshTopics)
  return wrap(cluster);
}

function wrap(cluster: InternalCluster): RawCluster {
  const metadata = (): InternalMetadata => cluster.brokerPool.metadata ?? { brokers: [] };
  return {
    brokers: () => metadata().brokers.map(({ nodeId, host, port }) => ({ nodeId, host, port })),
    controllerId: () => metadata().controllerId,
    async refreshTopics(topics) {
      await cluster.addMultipleTargetTopics([...topics]);
      await cluster.refreshMetadata();
    },
    partitions: (topic) =>
      cluster.findTopicPartitionMetadata(topic).map(({ partitionId, leader, replicas, isr }) => ({
        partitionId,
        leader,
        replicas,
        isr,
      })),
    async send<T>(nodeId: number, request: RawRequest<T>): Promise<T> {
      const broker = await cluster.findBroker({ nodeId });
      const encoded: EncoderLike = { buf: request.body, buffer: request.body };
      try {
        return (await broker.connectionPool.send({
          request: {
            apiKey: request.apiKey,
            apiVersion: request.apiVersion,
            apiName: request.apiName,
            encode: () => Promise.resolve(encoded),
          },
          response: {
            decode: (payload: Buffer) => Promise.resolve(request.decode(payload)),
            parse: (data: unknown) => Promise.resolve(data),
          },
          requestTimeout: request.requestTimeout ?? null,
        })) as T;
      } catch (err) {
        // As kafkajs' own broker does: a closed connection is dropped so the next send reconnects.
        if ((err as { name?: string }).name === 'KafkaJSConnectionClosedError') await broker.disconnect();
        throw err;
      }
    },
    disconnect: () => cluster.disconnect(),
  };
}
