/**
 * "Give me the schema for this id", for both registries, with a cache per id and a negative cache:
 * a failed fetch is remembered and the same id is not asked again before `retryAfterMs`; while a
 * registry is unreachable, no other id of it is asked either (one failing registry is not asked
 * again for every record).
 */
import type { RegistrySchema, SchemaRef, UndecodableReason } from './types';

export type FetchFailureReason = Exclude<UndecodableReason, 'corrupt'>;

/** A schema could not be fetched; `message` is for people (names the call, e.g. glue:GetSchemaVersion). */
export class SchemaFetchError extends Error {
  constructor(
    readonly reason: FetchFailureReason,
    message: string,
  ) {
    super(message);
    this.name = 'SchemaFetchError';
  }
}

export interface SchemaFetchers {
  glue?: (schemaVersionId: string) => Promise<RegistrySchema>;
  confluent?: (id: number) => Promise<RegistrySchema>;
}

export interface SchemaResolverOptions {
  /** How long a failure is remembered (default 30 s). */
  retryAfterMs?: number;
  now?: () => number;
}

export function refKey(ref: SchemaRef): string {
  return ref.registry === 'glue' ? `glue:${ref.schemaVersionId.toLowerCase()}` : `confluent:${ref.id}`;
}

type Entry =
  | { state: 'pending'; promise: Promise<RegistrySchema> }
  | { state: 'ok'; schema: RegistrySchema }
  | { state: 'failed'; error: SchemaFetchError; at: number };

export class SchemaResolver {
  private readonly entries = new Map<string, Entry>();
  /** Registry-wide failures (unreachable) by registry. */
  private readonly down = new Map<SchemaRef['registry'], { error: SchemaFetchError; at: number }>();
  private readonly queues = new Map<SchemaRef['registry'], Promise<unknown>>();
  private readonly retryAfterMs: number;
  private readonly now: () => number;
  /** Number of fetches made (for tests of the caches). */
  fetches = 0;

  constructor(
    private readonly fetchers: SchemaFetchers,
    opts: SchemaResolverOptions = {},
  ) {
    this.retryAfterMs = opts.retryAfterMs ?? 30_000;
    this.now = opts.now ?? Date.now;
  }

  /** Whether ids of this registry can be looked up at all. */
  has(registry: SchemaRef['registry']): boolean {
    return this.fetchers[registry] !== undefined;
  }

  /** The key of the last ref asked about: records repeat one ref object (see glueRefOf). */
  private lastRef: SchemaRef | undefined;
  private lastKey = '';

  private keyOf(ref: SchemaRef): string {
    if (ref !== this.lastRef) {
      this.lastRef = ref;
      this.lastKey = refKey(ref);
    }
    return this.lastKey;
  }

  /** What is known now, without fetching: the schema, the remembered failure, or undefined. */
  cached(ref: SchemaRef): RegistrySchema | SchemaFetchError | undefined {
    const e = this.entries.get(this.keyOf(ref));
    if (e?.state === 'ok') return e.schema;
    const failure = this.failure(ref, e);
    return failure;
  }

  /** Whether a fetch of this id is running. */
  pending(ref: SchemaRef): boolean {
    return this.entries.get(this.keyOf(ref))?.state === 'pending';
  }

  private failure(ref: SchemaRef, e: Entry | undefined): SchemaFetchError | undefined {
    const now = this.now();
    if (e?.state === 'failed' && now - e.at < this.retryAfterMs) return e.error;
    const d = this.down.get(ref.registry);
    if (d && now - d.at < this.retryAfterMs) return d.error;
    return undefined;
  }

  /** The schema of an id: cached, or fetched once (concurrent callers share the fetch). Throws SchemaFetchError. */
  get(ref: SchemaRef): Promise<RegistrySchema> {
    const key = this.keyOf(ref);
    const e = this.entries.get(key);
    if (e?.state === 'ok') return Promise.resolve(e.schema);
    if (e?.state === 'pending') return e.promise;
    const failure = this.failure(ref, e);
    if (failure) return Promise.reject(failure);
    // One lookup at a time per registry: when it turns out unreachable, the queued ids are not asked.
    const previous = this.queues.get(ref.registry) ?? Promise.resolve();
    const run = previous.then(() => {
      const d = this.down.get(ref.registry);
      if (d && this.now() - d.at < this.retryAfterMs) throw d.error;
      return this.fetch(ref);
    });
    this.queues.set(
      ref.registry,
      run.catch(() => undefined),
    );
    const promise = run.then(
      (schema) => {
        this.entries.set(key, { state: 'ok', schema });
        this.down.delete(ref.registry);
        return schema;
      },
      (err: unknown) => {
        const error =
          err instanceof SchemaFetchError
            ? err
            : new SchemaFetchError('unreachable', err instanceof Error ? err.message : String(err));
        const at = this.now();
        this.entries.set(key, { state: 'failed', error, at });
        // Unreachable: no id of this registry can be fetched now. (Access may be denied for one schema only.)
        if (error.reason === 'unreachable') this.down.set(ref.registry, { error, at });
        throw error;
      },
    );
    this.entries.set(key, { state: 'pending', promise });
    return promise;
  }

  private fetch(ref: SchemaRef): Promise<RegistrySchema> {
    this.fetches++;
    if (ref.registry === 'glue') {
      const f = this.fetchers.glue;
      if (!f) return Promise.reject(noRegistry('glue'));
      return f(ref.schemaVersionId);
    }
    const f = this.fetchers.confluent;
    if (!f) return Promise.reject(noRegistry('confluent'));
    return f(ref.id);
  }

  /** Forgets everything (e.g. after the registry settings or credentials changed). */
  clear(): void {
    this.entries.clear();
    this.down.clear();
  }
}

function noRegistry(registry: SchemaRef['registry']): SchemaFetchError {
  return registry === 'glue'
    ? new SchemaFetchError(
        'no-registry',
        'Written with AWS Glue Schema Registry, but this connection has no AWS profile to read it with.',
      )
    : new SchemaFetchError(
        'no-registry',
        'Written with a Confluent schema registry, but none is configured for this cluster (setting msk.schemaRegistries).',
      );
}
