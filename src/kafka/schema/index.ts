/**
 * Schema registries (AWS Glue Schema Registry, Confluent-compatible): wire formats, codecs, the
 * schema resolver with its caches, the Confluent REST client. Plain Node; part of dist/kafka.js.
 */
export * from './types';
export {
  parseWireFormat,
  buildWireFormat,
  CorruptFrameError,
  uuidFromBytes,
  uuidToBytes,
  type WireFrame,
} from './wireFormat';
export * from './registryClient';
export { decodeField, decodeFieldCached, decodeWithSchema } from './decode';
export * from './encode';
export { FORMAT_LABELS } from './compiled';
export * from './confluentClient';
export * from './fieldDecoder';
