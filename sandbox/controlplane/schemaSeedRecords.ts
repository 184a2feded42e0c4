/**
 * The seeded topics holding schema-registry records, written at control-plane start once the broker
 * answers (idempotent: a topic that already has records is left alone). Each topic has one
 * partition; keys are plain UTF-8 (`order-0001`), values are framed as the official serializers
 * frame them:
 *  - Glue: byte 3, compression byte (0 none, 5 zlib — then the rest is zlib-deflated), the 16-byte
 *    schema version id, the payload (Avro binary; Protobuf: unsigned varint message index — all
 *    messages incl. nested sorted by full name — then the message; JSON: UTF-8 JSON).
 *  - Confluent: byte 0, 4-byte big-endian schema id, (Protobuf: message-index list, `[0]` as a
 *    single 0 byte) then the payload.
 */
import { deflateSync } from 'node:zlib';
import * as avro from 'avsc';
import * as protobuf from 'protobufjs';
import type { SandboxState } from '../state';
import {
  AVRO_ORDER_V1,
  AVRO_ORDER_V2,
  GLUE_REGISTRY,
  PROTO_MONEY,
  PROTO_ORDER,
  PROTO_ORDER_WITH_MONEY,
  glueSeedKey,
  seedRegistries,
} from './schemaSeed';
import { confluentStore } from './confluentRegistryStore';
import { controlPlaneKafka } from './brokerClient';

export const SEED_TOPICS = {
  avro: 'sandbox.orders-avro',
  protobuf: 'sandbox.orders-protobuf',
  json: 'sandbox.orders-json',
  avroConfluent: 'sandbox.orders-avro-confluent',
  protobufConfluent: 'sandbox.orders-protobuf-confluent',
} as const;

/** A seeded order as a reader should see it (amount: decimal string, created: ISO instant). */
export interface SeedOrder {
  id: string;
  customer: string;
  amount: string;
  status: 'NEW' | 'PAID' | 'SHIPPED';
  created: string;
  lines: string[];
}

const CUSTOMERS = ['Ada', 'Grace', 'Linus', 'Margaret', 'Ken', 'Barbara'];
const STATUSES = ['NEW', 'PAID', 'SHIPPED'] as const;
const BASE = Date.UTC(2026, 0, 1);

export function seedOrder(i: number): SeedOrder {
  return {
    id: `order-${String(i + 1).padStart(4, '0')}`,
    customer: CUSTOMERS[i % CUSTOMERS.length] ?? 'Ada',
    amount: `${10 + i * 7}.${String((i * 37) % 100).padStart(2, '0')}`,
    status: STATUSES[i % 3] ?? 'NEW',
    created: new Date(BASE + i * 3600_000).toISOString(),
    lines: Array.from({ length: (i % 3) + 1 }, (_, j) => `sku-${i}-${j}`),
  };
}

export const SEED_COUNT = { avro: 12, protobuf: 10, json: 10, avroConfluent: 10, protobufConfluent: 5 } as const;

// ---------------------------------------------------------------------------------------------
// Framing

function uuidBytes(id: string): Buffer {
  return Buffer.from(id.replace(/-/g, ''), 'hex');
}

export function glueFrame(versionId: string, payload: Buffer, zlib: boolean): Buffer {
  return Buffer.concat([Buffer.from([3, zlib ? 5 : 0]), uuidBytes(versionId), zlib ? deflateSync(payload) : payload]);
}

export function confluentFrame(id: number, payload: Buffer, messageIndexes?: number[]): Buffer {
  const head = Buffer.alloc(5);
  head.writeUInt8(0, 0);
  head.writeUInt32BE(id, 1);
  let indexes = Buffer.alloc(0);
  if (messageIndexes) {
    const w = protobuf.Writer.create();
    if (messageIndexes.length === 1 && messageIndexes[0] === 0) w.sint32(0);
    else {
      w.sint32(messageIndexes.length);
      for (const m of messageIndexes) w.sint32(m);
    }
    indexes = Buffer.from(w.finish());
  }
  return Buffer.concat([head, indexes, payload]);
}

function decimalBytes(amount: string, scale: number): Buffer {
  let unscaled = BigInt(amount.replace('.', '').replace(/^(-?)0+(?=\d)/, '$1'));
  if ((amount.split('.')[1] ?? '').length !== scale) throw new Error(`amount ${amount} needs scale ${scale}`);
  const bytes: number[] = [];
  do {
    bytes.unshift(Number(unscaled & 0xffn));
    unscaled >>= 8n;
  } while (unscaled !== 0n && unscaled !== -1n);
  if (unscaled === 0n && (bytes[0] ?? 0) & 0x80) bytes.unshift(0);
  if (unscaled === -1n && !((bytes[0] ?? 0) & 0x80)) bytes.unshift(0xff);
  return Buffer.from(bytes);
}

function avroOrder(definition: string, o: SeedOrder, v2: boolean, i: number): Buffer {
  const type = avro.Type.forSchema(JSON.parse(definition) as avro.Schema);
  const value: Record<string, unknown> = {
    id: o.id,
    customer: o.customer,
    amount: decimalBytes(o.amount, 2),
    status: o.status,
    created: Date.parse(o.created),
    lines: o.lines,
  };
  if (v2) {
    value.note = i % 2 === 0 ? `note ${i}` : null;
    value.trackingId = i % 2 === 0 ? `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` : null;
  }
  return type.toBuffer(value);
}

/** A root with the google well-known types + the given .proto files parsed in. */
export function protoRoot(...files: string[]): protobuf.Root {
  const root = new protobuf.Root();
  const wellKnown = protobuf.common as unknown as Record<string, protobuf.INamespace | undefined>;
  root.addJSON(wellKnown['google/protobuf/timestamp.proto']?.nested ?? {});
  for (const f of files) protobuf.parse(f, root, { keepCase: true });
  root.resolveAll();
  return root;
}

/** Glue's message index: all messages (nested too) sorted by full name. */
export function glueMessageIndex(root: protobuf.Root, pkg: string, fullName: string): number {
  const names: string[] = [];
  const walk = (ns: protobuf.NamespaceBase): void => {
    for (const n of ns.nestedArray) {
      if (n instanceof protobuf.Type) names.push(n.fullName.replace(/^\./, ''));
      if (n instanceof protobuf.Namespace || n instanceof protobuf.Type) walk(n);
    }
  };
  walk(root.lookup(pkg) as protobuf.Namespace);
  names.sort();
  return names.indexOf(fullName);
}

function varint(n: number): Buffer {
  return Buffer.from(protobuf.Writer.create().uint32(n).finish());
}

// ---------------------------------------------------------------------------------------------
// Records

interface SeedRecord {
  key: string;
  value: Buffer;
}

export function seedRecords(state: SandboxState, ids: Map<string, string>): Record<string, SeedRecord[]> {
  const id = (schema: string, v: number): string => {
    const found = ids.get(glueSeedKey(GLUE_REGISTRY, schema, v));
    if (!found) throw new Error(`seeded version ${schema} v${v} is missing`);
    return found;
  };
  const out: Record<string, SeedRecord[]> = {};

  out[SEED_TOPICS.avro] = Array.from({ length: SEED_COUNT.avro }, (_, i) => {
    const o = seedOrder(i);
    const v2 = i >= SEED_COUNT.avro / 2;
    return {
      key: o.id,
      value: glueFrame(
        id('orders-avro', v2 ? 2 : 1),
        avroOrder(v2 ? AVRO_ORDER_V2 : AVRO_ORDER_V1, o, v2, i),
        i % 2 === 1,
      ),
    };
  });

  const root = protoRoot(PROTO_ORDER);
  const Order = root.lookupType('sandbox.orders.Order');
  const Cancelled = root.lookupType('sandbox.orders.OrderCancelled');
  out[SEED_TOPICS.protobuf] = Array.from({ length: SEED_COUNT.protobuf }, (_, i) => {
    const o = seedOrder(i);
    const cancelled = i % 5 === 4;
    const [type, message] = cancelled
      ? [Cancelled, { id: o.id, reason: 'customer asked' }]
      : [
          Order,
          {
            id: o.id,
            customer: o.customer,
            amount_cents: Math.round(Number(o.amount) * 100),
            status: STATUSES.indexOf(o.status),
            created: { seconds: Math.floor(Date.parse(o.created) / 1000), nanos: 0 },
            lines: o.lines.map((sku, j) => ({ sku, quantity: j + 1 })),
          },
        ];
    const bytes = Buffer.from(type.encode(type.fromObject(message)).finish());
    const index = glueMessageIndex(root, 'sandbox.orders', type.fullName.replace(/^\./, ''));
    return {
      key: o.id,
      value: glueFrame(id('orders-protobuf', 1), Buffer.concat([varint(index), bytes]), i % 2 === 1),
    };
  });

  out[SEED_TOPICS.json] = Array.from({ length: SEED_COUNT.json }, (_, i) => {
    const o = seedOrder(i);
    const json = { ...o, amount: Number(o.amount) };
    return {
      key: o.id,
      value: glueFrame(id('orders-json', 1), Buffer.from(JSON.stringify(json), 'utf8'), i % 2 === 1),
    };
  });

  const confluent = confluentStore(state);
  const avroId = confluent.subject('sandbox.orders-avro-confluent-value')?.versions[0]?.id;
  const protoId = confluent.subject('sandbox.orders-protobuf-confluent-value')?.versions[0]?.id;
  if (avroId === undefined || protoId === undefined) throw new Error('the Confluent seed subjects are missing');
  out[SEED_TOPICS.avroConfluent] = Array.from({ length: SEED_COUNT.avroConfluent }, (_, i) => {
    const o = seedOrder(i);
    return { key: o.id, value: confluentFrame(avroId, avroOrder(AVRO_ORDER_V2, o, true, i)) };
  });
  const croot = protoRoot(PROTO_MONEY, PROTO_ORDER_WITH_MONEY);
  const COrder = croot.lookupType('sandbox.confluent.Order');
  out[SEED_TOPICS.protobufConfluent] = Array.from({ length: SEED_COUNT.protobufConfluent }, (_, i) => {
    const o = seedOrder(i);
    const [units, frac] = o.amount.split('.');
    const msg = {
      id: o.id,
      customer: o.customer,
      total: { currency: 'EUR', units: Number(units), nanos: Number(frac) * 10_000_000 },
    };
    return {
      key: o.id,
      value: confluentFrame(protoId, Buffer.from(COrder.encode(COrder.fromObject(msg)).finish()), [0]),
    };
  });
  return out;
}

/** Writes the seeded topics that are still empty. Throws when the broker cannot be reached. */
export async function seedTopics(state: SandboxState, log: (line: string) => void): Promise<void> {
  const ids = seedRegistries(state);
  const records = seedRecords(state, ids);
  const kafka = controlPlaneKafka(state, 'msk-sandbox-schema-seed', {
    requestTimeout: 10_000,
    retries: 2,
    initialRetryTime: 300,
    maxRetryTime: 2000,
  });
  const admin = kafka.admin();
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = Object.keys(records).filter((t) => !existing.has(t));
    if (missing.length) {
      await admin.createTopics({ topics: missing.map((topic) => ({ topic, numPartitions: 1 })), waitForLeaders: true });
    }
    await producer.connect();
    for (const [topic, recs] of Object.entries(records)) {
      const offsets = await admin.fetchTopicOffsets(topic);
      if (offsets.some((o) => o.high !== '0')) continue;
      await producer.send({ topic, messages: recs.map((r) => ({ key: r.key, value: r.value })) });
      log(`${new Date().toISOString()} schema seed: wrote ${recs.length} records to ${topic}`);
    }
  } finally {
    await producer.disconnect().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
}

/** seedTopics, retried every 2 s for up to 5 minutes while the broker is not up yet. */
export async function seedTopicsWhenReady(state: SandboxState, log: (line: string) => void): Promise<void> {
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      await seedTopics(state, log);
      return;
    } catch (err) {
      if (Date.now() > deadline) {
        log(`${new Date().toISOString()} schema seed: gave up: ${err instanceof Error ? err.message : String(err)}`);
        return;
      }
      await new Promise((r) => setTimeout(r, 2000).unref());
    }
  }
}
