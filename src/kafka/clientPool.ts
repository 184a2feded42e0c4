/**
 * One kafkajs client per connection id, created on first use and shared: a `Kafka` instance, a
 * connected `Admin`, connected producers, and the consumers and own admins made from it.
 * `dispose(id)` and `disposeAll()` disconnect them. kafkajs itself is loaded by `import()` the first
 * time a client is made, so importing this module costs nothing.
 */
import type * as KafkaJs from 'kafkajs';
import type { Admin, Consumer, ConsumerConfig, Kafka, Producer, ProducerConfig } from 'kafkajs';
import { registerCodecs } from './codecs';
import { specFingerprint, type KafkaConnectionSpec } from './connection';
import { toKafkaUserError } from './errors';
import { createIamTokenProvider, type IamTokenProvider, type MskTokenSigner } from './iamToken';
import { buildKafkaConfig, type KafkaClientOptions } from './kafkaConfig';
import type { KafkaLogger } from './logging';

let kafkajs: Promise<typeof KafkaJs> | undefined;

/** kafkajs, loaded on first call. */
export function loadKafkajs(): Promise<typeof KafkaJs> {
  return (kafkajs ??= import('kafkajs').then(async (m) => {
    await registerCodecs(m);
    return m;
  }));
}

export interface KafkaClientPoolOptions {
  logger: KafkaLogger;
  clientOptions?: KafkaClientOptions;
  /** MSK IAM token signer; the real one by default (tests inject a counting or fake one). */
  signer?: MskTokenSigner;
}

interface Entry {
  fingerprint: string;
  spec: KafkaConnectionSpec;
  tokenProvider?: IamTokenProvider;
  kafka?: Promise<Kafka>;
  admin?: Promise<Admin>;
  /** Connected producers by variant (e.g. plain and idempotent are different clients). */
  producers: Map<string, Promise<Producer>>;
  consumers: Set<Consumer>;
  /** Admin clients of their own (`createAdmin`), apart from the shared one. */
  admins: Set<Admin>;
}

export class KafkaClientPool {
  private readonly entries = new Map<string, Entry>();
  private readonly logger: KafkaLogger;

  constructor(private readonly options: KafkaClientPoolOptions) {
    this.logger = options.logger;
  }

  /** Whether clients exist for this connection id. */
  has(id: string): boolean {
    return this.entries.has(id);
  }

  /** The IAM token provider shared by every client of an IAM connection (undefined for other auth kinds). */
  tokenProvider(spec: KafkaConnectionSpec): IamTokenProvider | undefined {
    return this.entry(spec).tokenProvider;
  }

  /** The kafkajs client for `spec` (no connection is opened by this). */
  getKafka(spec: KafkaConnectionSpec): Promise<Kafka> {
    const entry = this.entry(spec);
    if (!entry.kafka) {
      const pending = this.createKafka(entry);
      entry.kafka = pending;
      pending.catch(() => {
        if (entry.kafka === pending) entry.kafka = undefined;
      });
    }
    return entry.kafka;
  }

  /** A connected admin client, shared per connection id. Connection errors come back as KafkaUserError. */
  getAdmin(spec: KafkaConnectionSpec): Promise<Admin> {
    const entry = this.entry(spec);
    if (!entry.admin) {
      const pending = (async () => {
        const kafka = await this.getKafka(spec);
        const admin = kafka.admin();
        try {
          await admin.connect();
        } catch (err) {
          await admin.disconnect().catch(() => undefined);
          throw toKafkaUserError(err, { spec, operation: 'connect' });
        }
        this.logger.info(`kafka: admin client connected to ${spec.label}`);
        return admin;
      })();
      entry.admin = pending;
      pending.catch(() => {
        if (entry.admin === pending) entry.admin = undefined;
      });
    }
    return entry.admin;
  }

  /**
   * A connected producer, shared per connection id and `variant` (callers that need differently
   * configured producers, e.g. idempotent and plain, name them). Like every client of the pool it
   * is replaced when the connection's settings change and disconnected by `dispose`/`disposeAll`.
   * Connection errors come back as KafkaUserError.
   */
  getProducer(spec: KafkaConnectionSpec, config?: ProducerConfig, variant = 'default'): Promise<Producer> {
    const entry = this.entry(spec);
    let pending = entry.producers.get(variant);
    if (!pending) {
      const created = (async () => {
        const kafka = await this.getKafka(spec);
        const producer = kafka.producer({ allowAutoTopicCreation: false, ...config });
        try {
          await producer.connect();
        } catch (err) {
          await producer.disconnect().catch(() => undefined);
          throw toKafkaUserError(err, { spec, operation: 'connect' });
        }
        return producer;
      })();
      entry.producers.set(variant, created);
      created.catch(() => {
        if (entry.producers.get(variant) === created) entry.producers.delete(variant);
      });
      pending = created;
    }
    return pending;
  }

  /** Disconnects one producer variant of a connection and forgets it (the next `getProducer` makes a new one). */
  async releaseProducer(spec: KafkaConnectionSpec, variant = 'default'): Promise<void> {
    const entry = this.entries.get(spec.id);
    const pending = entry?.producers.get(variant);
    if (!entry || !pending) return;
    entry.producers.delete(variant);
    await pending.then((p) => p.disconnect()).catch((err: unknown) => this.logDisconnectError(spec.id, err));
  }

  /**
   * A new (not yet connected) consumer; the pool disconnects it on dispose. Call
   * `releaseConsumer` when done with it earlier.
   */
  async createConsumer(spec: KafkaConnectionSpec, config: ConsumerConfig): Promise<Consumer> {
    const entry = this.entry(spec);
    const kafka = await this.getKafka(spec);
    const consumer = kafka.consumer(config);
    entry.consumers.add(consumer);
    return consumer;
  }

  /** Disconnects a consumer made by `createConsumer` and forgets it. */
  async releaseConsumer(id: string, consumer: Consumer): Promise<void> {
    this.entries.get(id)?.consumers.delete(consumer);
    await consumer.disconnect().catch((err: unknown) => this.logDisconnectError(id, err));
  }

  /**
   * A new connected admin client of its own (not the shared one: e.g. a feature that must keep
   * kafkajs's per-client topic list apart). The pool disconnects it on dispose and when the
   * connection's settings change; call `releaseAdmin` when done with it earlier. Connection errors
   * come back as KafkaUserError.
   */
  async createAdmin(spec: KafkaConnectionSpec): Promise<Admin> {
    const entry = this.entry(spec);
    const kafka = await this.getKafka(spec);
    const admin = kafka.admin();
    entry.admins.add(admin);
    try {
      await admin.connect();
    } catch (err) {
      entry.admins.delete(admin);
      await admin.disconnect().catch(() => undefined);
      throw toKafkaUserError(err, { spec, operation: 'connect' });
    }
    if (!entry.admins.has(admin)) {
      // Disposed while connecting: the pool no longer tracks it, so it must not stay open.
      await admin.disconnect().catch(() => undefined);
      throw new Error(`the Kafka clients of ${spec.label} were closed while connecting`);
    }
    return admin;
  }

  /** Disconnects an admin client made by `createAdmin` and forgets it. */
  async releaseAdmin(id: string, admin: Admin): Promise<void> {
    this.entries.get(id)?.admins.delete(admin);
    await admin.disconnect().catch((err: unknown) => this.logDisconnectError(id, err));
  }

  /** Disconnects and forgets every client of one connection (e.g. after its settings changed). */
  async dispose(id: string): Promise<void> {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    await this.disconnectEntry(entry);
  }

  async disposeAll(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(all.map((e) => this.disconnectEntry(e)));
  }

  private entry(spec: KafkaConnectionSpec): Entry {
    const fingerprint = specFingerprint(spec);
    let entry = this.entries.get(spec.id);
    if (entry && entry.fingerprint !== fingerprint) {
      // Same id, different settings: the old clients are stale.
      const stale = entry;
      this.entries.delete(spec.id);
      void this.disconnectEntry(stale);
      entry = undefined;
    }
    if (!entry) {
      entry = { fingerprint, spec, consumers: new Set(), producers: new Map(), admins: new Set() };
      if (spec.auth.kind === 'iam') {
        entry.tokenProvider = createIamTokenProvider({
          region: spec.auth.region,
          credentials: spec.auth.credentials,
          signer: this.options.signer,
        });
      }
      this.entries.set(spec.id, entry);
    }
    return entry;
  }

  private async createKafka(entry: Entry): Promise<Kafka> {
    const { Kafka } = await loadKafkajs();
    let config: KafkaJs.KafkaConfig;
    try {
      config = await buildKafkaConfig(entry.spec, {
        logger: this.logger,
        options: this.options.clientOptions,
        tokenProvider: entry.tokenProvider,
      });
    } catch (err) {
      throw toKafkaUserError(err, { spec: entry.spec, operation: 'connect' });
    }
    return new Kafka(config);
  }

  private async disconnectEntry(entry: Entry): Promise<void> {
    const id = entry.spec.id;
    const tasks: Promise<unknown>[] = [];
    const settle = <T extends { disconnect(): Promise<void> }>(p: Promise<T> | undefined): void => {
      if (p) tasks.push(p.then((c) => c.disconnect()).catch((err: unknown) => this.logDisconnectError(id, err)));
    };
    settle(entry.admin);
    for (const p of entry.producers.values()) settle(p);
    entry.producers.clear();
    for (const c of entry.consumers)
      tasks.push(c.disconnect().catch((err: unknown) => this.logDisconnectError(id, err)));
    entry.consumers.clear();
    for (const a of entry.admins) tasks.push(a.disconnect().catch((err: unknown) => this.logDisconnectError(id, err)));
    entry.admins.clear();
    await Promise.all(tasks);
  }

  private logDisconnectError(id: string, err: unknown): void {
    // A client that never connected rejects here with its connect error: nothing to report then.
    if (err instanceof Error && err.name === 'KafkaUserError') return;
    this.logger.warn(`kafka: disconnecting ${id} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
