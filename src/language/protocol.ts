/**
 * The custom messages between the extension (which has the Kafka clients) and the producer-file
 * language server (which has none). Plain names and shapes: no vscode, no LSP library import.
 */
import type { SchemaNamesQuery } from '../shared/schemaSelection';

/** Extension → server: the cluster a producer file sends to (null: none chosen / none known). */
export const ACTIVE_CLUSTER_NOTIFICATION = 'msk/producerFile/activeCluster';
export interface ActiveClusterParams {
  uri: string;
  cluster: { key: string; name: string } | null;
}

/** Server → extension: the topic names of the file's cluster, with their partition counts. */
export const TOPICS_REQUEST = 'msk/producerFile/topics';
export interface TopicsParams {
  uri: string;
}
export type TopicsResult =
  | {
      ok: true;
      cluster: string;
      topics: string[];
      /** Partitions per topic name (for `Partition:` checks); absent for a topic whose count is unknown. */
      partitions?: Record<string, number>;
    }
  | { ok: false; error: string };

/** Server → extension: names for completing a `Schema:` line, one level at a time. */
export const SCHEMA_NAMES_REQUEST = 'msk/producerFile/schemaNames';
export type SchemaNamesParams = SchemaNamesQuery & { uri: string };
/** Glue: registries, a registry's schemas, or a schema's versions; Confluent: subjects, or a subject's versions. */
export type SchemaNamesResult = { ok: true; names: string[] } | { ok: false; error: string };

/** Server → extension: does a key or value (its text, templates rendered once) fit the schema a line names? */
export const SCHEMA_CHECK_REQUEST = 'msk/producerFile/schemaCheck';
export interface SchemaCheckParams {
  uri: string;
  /** The `Schema:` text, e.g. `glue:payments/orders@latest`. */
  schema: string;
  field: 'key' | 'value';
  text: string;
}
export type SchemaCheckResult =
  | { ok: true; schemaName: string; issues: { path: string; message: string }[] }
  /** `unknownMessageType`: the line's `type=` names no message type of the schema (an error, not a warning). */
  | { ok: false; error: string; code?: 'unknownMessageType' };

/** Extension → server: how the last send of a block went (shown as a codelens on the block). */
export const SEND_STATUS_NOTIFICATION = 'msk/producerFile/sendStatus';
export interface SendStatusParams {
  uri: string;
  /** Index of the block in the file; -1 clears every status of the file. */
  block: number;
  /** e.g. "✓ 3 sent → p0@42…" or "✗ 1 of 3 failed: …". */
  text: string;
  tooltip?: string;
}

/** Commands the server's codelenses run (registered by the extension). */
export const PRODUCE_BLOCK_COMMAND = 'msk.producerFile.produceBlock';
export const PRODUCE_ALL_COMMAND = 'msk.producerFile.produceAll';
export const SHOW_SEND_COMMAND = 'msk.producerFile.showLastSend';
/** Arguments: [uri: string, block: number] and [uri: string]. */

export const PRODUCER_LANGUAGE_ID = 'kafka-producer';
