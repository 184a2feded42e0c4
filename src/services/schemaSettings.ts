/**
 * `msk.schemaRegistries`: a Confluent-compatible schema registry per MSK cluster or manual
 * connection. The password or token is never in settings: it lives in SecretStorage under
 * `schemaRegistrySecretKey(cluster)`.
 */
export type SchemaRegistryAuthKind = 'none' | 'basic' | 'bearer';

export interface SchemaRegistrySetting {
  /** The cluster key (an MSK cluster ARN or `manual:<id>`), a manual connection id, or an MSK cluster name. */
  cluster: string;
  /** Base URL, may have a path (e.g. http://127.0.0.1:4599/confluent). */
  url: string;
  auth: SchemaRegistryAuthKind;
  /** Basic auth user name. */
  username?: string;
}

/** SecretStorage key of a registry's password (basic) or token (bearer). */
export function schemaRegistrySecretKey(cluster: string): string {
  return `msk.schemaRegistry.${cluster}.secret`;
}

const AUTH = new Set<SchemaRegistryAuthKind>(['none', 'basic', 'bearer']);

/** The well-formed entries (cluster and an http(s) URL); others are dropped. */
export function parseSchemaRegistries(raw: unknown): SchemaRegistrySetting[] {
  if (!Array.isArray(raw)) return [];
  const out: SchemaRegistrySetting[] = [];
  for (const x of raw as unknown[]) {
    if (typeof x !== 'object' || x === null) continue;
    const e = x as Record<string, unknown>;
    const cluster = typeof e.cluster === 'string' ? e.cluster.trim() : '';
    const url = typeof e.url === 'string' ? e.url.trim() : '';
    if (!cluster || !/^https?:\/\/\S+$/i.test(url)) continue;
    const auth = AUTH.has(e.auth as SchemaRegistryAuthKind) ? (e.auth as SchemaRegistryAuthKind) : 'none';
    const username = typeof e.username === 'string' && e.username.trim() ? e.username.trim() : undefined;
    out.push({ cluster, url, auth, ...(username ? { username } : {}) });
  }
  return out;
}

/** The registry set for a cluster: matched by its key, by the manual connection id, or by name. */
export function registryFor(
  settings: readonly SchemaRegistrySetting[],
  cluster: { key: string; name: string },
): SchemaRegistrySetting | undefined {
  const manualId = cluster.key.startsWith('manual:') ? cluster.key.slice('manual:'.length) : undefined;
  return (
    settings.find((s) => s.cluster === cluster.key) ??
    (manualId ? settings.find((s) => s.cluster === manualId) : undefined) ??
    settings.find((s) => s.cluster === cluster.name)
  );
}
