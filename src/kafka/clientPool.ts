/**
 * One kafkajs client per connection id, created on first use and shared: a `Kafka` instance, a
 * connected `Admin`, raw clusters (protocol/rawRequest.ts), connected producers, and the consumers and own admins made from it.
 * Clients live as long as their connection's settings (its spec fingerprint) stay the same: `update`
 * and `replace` swap only connections whose settings changed, and tell the owners of consumers and
 * own admins why their client is closed (so a tail can resume on the new settings).
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
import { openRawCluster, type RawCluster } from './protocol/rawRequest';
import { ConnectionTunnel } from './tunnel/connectionTunnel';
import type { SshTunnelOptions } from './tunnel/types';

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
  /** Timing of SSH tunnels (connections with `spec.tunnel`); tests shorten it. */
  tunnelOptions?: SshTunnelOptions;
}

/** Why the pool closed a client it made; told to the client's owner before it is disconnected. */
export type PoolCloseReason =
  /** The connection's settings changed: `spec` is the connection as it is now (make a new client with it). */
  | { kind: 'replaced'; spec: KafkaConnectionSpec }
  /** The connection is gone (removed from the settings, or the pool was disposed). */
  | { kind: 'closed'; message: string };

/** Told when the pool closes a client (not when its owner releases it). */
export type PoolCloseListener = (reason: PoolCloseReason) => void;

/** What `update`/`replace` did with a connection's clients. */
export type PoolUpdateResult = 'kept' | 'replaced' | 'absent';

interface Entry {
  fingerprint: string;
  spec: KafkaConnectionSpec;
  tokenProvider?: IamTokenProvider;
  kafka?: Promise<Kafka>;
  admin?: Promise<Admin>;
  /** kafkajs' clusters for requests kafkajs lacks (protocol/rawRequest.ts), by purpose, shared like the admin. */
  raws: Map<RawPurpose, Promise<RawCluster>>;
  /** Connected producers by variant (e.g. plain and idempotent are different clients). */
  producers: Map<string, Promise<Producer>>;
  /** Consumers made by `createConsumer`, with who to tell when the pool closes them. */
  consumers: Map<Consumer, PoolCloseListener | undefined>;
  /** Admin clients of their own (`createAdmin`), apart from the shared one. */
  admins: Map<Admin, PoolCloseListener | undefined>;
  /** Owners of clients the pool does not make (e.g. a tail's own raw cluster) who must hear when it closes. */
  watchers: Map<PoolWatch, PoolCloseListener>;
  /** The SSH tunnel of a connection with `spec.tunnel`, closed after its clients. */
  tunnel?: ConnectionTunnel;
}

/**
 * What a raw cluster serves. Each purpose has its own sockets: Kafka answers one request per
 * connection at a time, so short reads (partition sizes, broker configs) never wait behind
 * multi-megabyte Produce requests, and a produce's topics never enter the admin reads' metadata.
 */
export type RawPurpose = 'admin' | 'produce';

/** A registration made by `watch`; `release` when done listening. */
export interface PoolWatch {
  release(): void;
}

const DISPOSED: PoolCloseReason = { kind: 'closed', message: 'the Kafka clients were closed' };

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

  /** Whether the pool's clients for `spec.id` were made with exactly these settings (same fingerprint). */
  isCurrent(spec: KafkaConnectionSpec): boolean {
    return this.entries.get(spec.id)?.fingerprint === specFingerprint(spec);
  }

  /**
   * Applies a connection's current settings: clients whose spec fingerprint is unchanged are kept
   * ('kept'); if it changed, the old clients are closed, their owners told the new spec, and the next
   * use makes new ones ('replaced'). Nothing is created for a connection without clients ('absent').
   */
  update(spec: KafkaConnectionSpec): PoolUpdateResult {
    const entry = this.entries.get(spec.id);
    if (!entry) return 'absent';
    if (entry.fingerprint === specFingerprint(spec)) return 'kept';
    this.entries.delete(spec.id);
    void this.disconnectEntry(entry, { kind: 'replaced', spec });
    return 'replaced';
  }

  /**
   * Like `update`, for a connection whose id changed too (e.g. another auth method or network was
   * chosen): the clients of `previousId` are replaced by `spec`'s.
   */
  replace(previousId: string, spec: KafkaConnectionSpec): PoolUpdateResult {
    if (previousId === spec.id) return this.update(spec);
    const entry = this.entries.get(previousId);
    if (!entry) return 'absent';
    this.entries.delete(previousId);
    void this.disconnectEntry(entry, { kind: 'replaced', spec });
    return 'replaced';
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
   * A connected raw cluster (protocol/rawRequest.ts) for `purpose` ('admin': DescribeLogDirs,
   * IncrementalAlterConfigs; 'produce': our own Produce requests), shared per connection id like the
   * admin and closed with it. Do not disconnect it yourself (`releaseRawCluster` after a failure).
   * Connection errors come back as KafkaUserError.
   */
  getRawCluster(spec: KafkaConnectionSpec, purpose: RawPurpose = 'admin'): Promise<RawCluster> {
    const entry = this.entry(spec);
    let pending = entry.raws.get(purpose);
    if (!pending) {
      const created = (async () => {
        const kafka = await this.getKafka(spec);
        try {
          return await openRawCluster(kafka);
        } catch (err) {
          throw toKafkaUserError(err, { spec, operation: 'connect' });
        }
      })();
      entry.raws.set(purpose, created);
      created.catch(() => {
        if (entry.raws.get(purpose) === created) entry.raws.delete(purpose);
      });
      pending = created;
    }
    return pending;
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

  /** Disconnects a connection's raw cluster of `purpose` and forgets it (after a failure: the next `getRawCluster` opens a new one). */
  async releaseRawCluster(spec: KafkaConnectionSpec, purpose: RawPurpose = 'admin'): Promise<void> {
    const entry = this.entries.get(spec.id);
    const pending = entry?.raws.get(purpose);
    if (!entry || !pending) return;
    entry.raws.delete(purpose);
    await pending.then((r) => r.disconnect()).catch((err: unknown) => this.logDisconnectError(spec.id, err));
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
   * A new (not yet connected) consumer; the pool disconnects it on dispose and when the
   * connection's settings change, telling `onClosed` first. Call `releaseConsumer` when done with
   * it earlier.
   */
  async createConsumer(
    spec: KafkaConnectionSpec,
    config: ConsumerConfig,
    onClosed?: PoolCloseListener,
  ): Promise<Consumer> {
    const entry = this.entry(spec);
    const kafka = await this.getKafka(spec);
    const consumer = kafka.consumer(config);
    if (this.entries.get(spec.id) !== entry) {
      throw new Error(`the Kafka clients of ${spec.label} were closed while a consumer was made`);
    }
    entry.consumers.set(consumer, onClosed);
    return consumer;
  }

  /**
   * Tells `onClosed` when the pool closes this connection's clients (its settings changed, it was
   * removed, the pool was disposed): for owners of clients built on the pool's `Kafka` that the pool
   * does not track, such as a tail's own raw cluster.
   */
  watch(spec: KafkaConnectionSpec, onClosed: PoolCloseListener): PoolWatch {
    const entry = this.entry(spec);
    const watch: PoolWatch = { release: () => void entry.watchers.delete(watch) };
    entry.watchers.set(watch, onClosed);
    return watch;
  }

  /** Disconnects a consumer made by `createConsumer` and forgets it. */
  async releaseConsumer(id: string, consumer: Consumer): Promise<void> {
    this.entries.get(id)?.consumers.delete(consumer);
    await consumer.disconnect().catch((err: unknown) => this.logDisconnectError(id, err));
  }

  /**
   * A new connected admin client of its own (not the shared one: e.g. a feature that must keep
   * kafkajs's per-client topic list apart). The pool disconnects it on dispose and when the
   * connection's settings change, telling `onClosed` first; call `releaseAdmin` when done with it
   * earlier. Connection errors come back as KafkaUserError.
   */
  async createAdmin(spec: KafkaConnectionSpec, onClosed?: PoolCloseListener): Promise<Admin> {
    const entry = this.entry(spec);
    const kafka = await this.getKafka(spec);
    const admin = kafka.admin();
    entry.admins.set(admin, onClosed);
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

  /**
   * Disconnects and forgets every client of one connection (e.g. it was removed); the owners of
   * consumers and own admins hear `message` as the reason.
   */
  async dispose(id: string, message?: string): Promise<void> {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    await this.disconnectEntry(entry, message ? { kind: 'closed', message } : DISPOSED);
  }

  /** Disconnects every client (the extension shuts down, a test ends). */
  async disposeAll(message?: string): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    const reason: PoolCloseReason = message ? { kind: 'closed', message } : DISPOSED;
    await Promise.all(all.map((e) => this.disconnectEntry(e, reason)));
  }

  private entry(spec: KafkaConnectionSpec): Entry {
    const fingerprint = specFingerprint(spec);
    let entry = this.entries.get(spec.id);
    if (entry && entry.fingerprint !== fingerprint) {
      // Same id, different settings: the old clients are stale.
      const stale = entry;
      this.entries.delete(spec.id);
      void this.disconnectEntry(stale, { kind: 'replaced', spec });
      entry = undefined;
    }
    if (!entry) {
      const created: Entry = {
        fingerprint,
        spec,
        consumers: new Map(),
        producers: new Map(),
        admins: new Map(),
        raws: new Map(),
        watchers: new Map(),
      };
      entry = created;
      if (spec.tunnel) {
        created.tunnel = new ConnectionTunnel(spec, {
          logger: this.logger,
          options: this.options.tunnelOptions,
          // A tunnel that gave up closes the connection's clients; their owners hear why.
          onFatal: (err) => void (this.entries.get(spec.id) === created && this.dispose(spec.id, err.message)),
        });
      }
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
        socketFactory: await entry.tunnel?.socketFactory(),
      });
    } catch (err) {
      throw toKafkaUserError(err, { spec: entry.spec, operation: 'connect' });
    }
    return new Kafka(config);
  }

  private async disconnectEntry(entry: Entry, reason: PoolCloseReason): Promise<void> {
    const id = entry.spec.id;
    // Owners hear why before their client goes (a tail then knows this is not a crash).
    const watchers = [...entry.watchers.values()];
    entry.watchers.clear();
    for (const listener of [...entry.consumers.values(), ...entry.admins.values(), ...watchers]) {
      try {
        listener?.(reason);
      } catch (err) {
        this.logger.warn(
          `kafka: a close listener of ${id} failed: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }
    const tasks: Promise<unknown>[] = [];
    const settle = <T extends { disconnect(): Promise<void> }>(p: Promise<T> | undefined): void => {
      if (p) tasks.push(p.then((c) => c.disconnect()).catch((err: unknown) => this.logDisconnectError(id, err)));
    };
    settle(entry.admin);
    for (const p of entry.raws.values()) settle(p);
    entry.raws.clear();
    for (const p of entry.producers.values()) settle(p);
    entry.producers.clear();
    for (const c of entry.consumers.keys())
      tasks.push(c.disconnect().catch((err: unknown) => this.logDisconnectError(id, err)));
    entry.consumers.clear();
    for (const a of entry.admins.keys())
      tasks.push(a.disconnect().catch((err: unknown) => this.logDisconnectError(id, err)));
    entry.admins.clear();
    await Promise.all(tasks);
    await entry.tunnel?.dispose();
  }

  private logDisconnectError(id: string, err: unknown): void {
    // A client that never connected rejects here with its connect error: nothing to report then.
    if (err instanceof Error && err.name === 'KafkaUserError') return;
    this.logger.warn(`kafka: disconnecting ${id} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
