/**
 * The schema-registry part of `npm run sandbox -- reset`: Glue schemas and registries, and
 * Confluent subjects, with the names tests and benchmarks make (LEFTOVER_KINDS of reset.ts; a
 * Confluent subject also with its `-key` / `-value` suffix). Deleted through the control plane's
 * own APIs (it keeps the stores in memory): Glue DeleteSchema / DeleteRegistry signed as the admin
 * principal, Confluent `DELETE /subjects/{subject}` with basic auth. What the sandbox seeds
 * (sandbox-registry, sandbox-restricted and their schemas, the seeded subjects) never matches.
 */
import {
  DeleteRegistryCommand,
  DeleteSchemaCommand,
  GlueClient,
  ListRegistriesCommand,
  ListSchemasCommand,
} from '@aws-sdk/client-glue';
import type { SandboxState } from '../state';
import { adminSdkConfig } from './clients';

export interface RegistryLeftovers {
  /** `registry/schema` of Glue schemas with test names (in registries that are kept). */
  glueSchemas: string[];
  /** Glue registries with test names (deleted with their schemas). */
  glueRegistries: string[];
  confluentSubjects: string[];
}

export const NO_REGISTRY_LEFTOVERS: RegistryLeftovers = { glueSchemas: [], glueRegistries: [], confluentSubjects: [] };

type IsLeftover = (name: string) => boolean;

function glueClient(state: SandboxState): GlueClient {
  return new GlueClient(adminSdkConfig(state));
}

async function confluentCall(state: SandboxState, method: 'GET' | 'DELETE', path: string): Promise<unknown> {
  const c = state.schemaRegistry!.confluent;
  const res = await fetch(`${c.url}${path}`, {
    method,
    headers: { authorization: `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}` },
  });
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

async function allPages<T>(page: (token: string | undefined) => Promise<{ items: T[]; next?: string }>): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const p = await page(token);
    out.push(...p.items);
    token = p.next;
  } while (token);
  return out;
}

export async function findRegistryLeftovers(state: SandboxState, isLeftover: IsLeftover): Promise<RegistryLeftovers> {
  if (!state.schemaRegistry) return NO_REGISTRY_LEFTOVERS;
  const glue = glueClient(state);
  try {
    const registries = await allPages(async (NextToken) => {
      const r = await glue.send(new ListRegistriesCommand({ NextToken }));
      return { items: (r.Registries ?? []).map((x) => x.RegistryName ?? ''), next: r.NextToken };
    });
    const glueRegistries = registries.filter(isLeftover).sort();
    const glueSchemas: string[] = [];
    for (const registry of registries.filter((r) => r && !isLeftover(r))) {
      const names = await allPages(async (NextToken) => {
        const r = await glue.send(new ListSchemasCommand({ RegistryId: { RegistryName: registry }, NextToken }));
        return { items: (r.Schemas ?? []).map((x) => x.SchemaName ?? ''), next: r.NextToken };
      });
      glueSchemas.push(...names.filter(isLeftover).map((n) => `${registry}/${n}`));
    }
    const subjects = (await confluentCall(state, 'GET', '/subjects')) as string[];
    const confluentSubjects = subjects.filter((s) => isLeftover(s.replace(/-(key|value)$/, ''))).sort();
    return { glueSchemas: glueSchemas.sort(), glueRegistries, confluentSubjects };
  } finally {
    glue.destroy();
  }
}

export async function deleteRegistryLeftovers(state: SandboxState, found: RegistryLeftovers): Promise<void> {
  const glue = glueClient(state);
  try {
    for (const s of found.glueSchemas) {
      const slash = s.indexOf('/');
      await glue.send(
        new DeleteSchemaCommand({ SchemaId: { RegistryName: s.slice(0, slash), SchemaName: s.slice(slash + 1) } }),
      );
    }
    for (const RegistryName of found.glueRegistries) {
      await glue.send(new DeleteRegistryCommand({ RegistryId: { RegistryName } }));
    }
    for (const subject of found.confluentSubjects) {
      await confluentCall(state, 'DELETE', `/subjects/${encodeURIComponent(subject)}`);
    }
  } finally {
    glue.destroy();
  }
}

export function registryLeftoverCount(r: RegistryLeftovers): number {
  return r.glueSchemas.length + r.glueRegistries.length + r.confluentSubjects.length;
}

/** `2 Glue schema(s), 1 Confluent subject(s)` (the kinds present). */
export function summarizeRegistryLeftovers(r: RegistryLeftovers): string {
  return [
    r.glueSchemas.length ? `${r.glueSchemas.length} Glue schema(s)` : '',
    r.glueRegistries.length ? `${r.glueRegistries.length} Glue registr(y/ies)` : '',
    r.confluentSubjects.length ? `${r.confluentSubjects.length} Confluent subject(s)` : '',
  ]
    .filter(Boolean)
    .join(', ');
}
