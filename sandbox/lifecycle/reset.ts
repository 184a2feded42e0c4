/**
 * `npm run sandbox -- reset`: deletes the topics, consumer groups, schema-registry entries (Glue
 * schemas/registries, Confluent subjects: resetRegistries.ts) and MSK configurations
 * (resetMskConfigurations.ts) tests and benchmarks leave in the sandbox (by their names), so a
 * reused sandbox is as fast as a new one. `--dry-run` only lists them (scripts/test.mjs uses that
 * to report what a test run left behind).
 *
 * What counts as a leftover: see LEFTOVER_KINDS. Nothing the sandbox makes itself
 * (sandbox.file-events, the Connect worker's topics and group) and no other name is touched.
 */
import { Kafka, type Admin } from 'kafkajs';
import type { SandboxState } from '../state';
import { kafkaConfig } from './clients';
import {
  deleteRegistryLeftovers,
  findRegistryLeftovers,
  registryLeftoverCount,
  summarizeRegistryLeftovers,
  type RegistryLeftovers,
} from './resetRegistries';
import {
  deleteConfigurationLeftovers,
  findConfigurationLeftovers,
  type ConfigurationLeftover,
} from './resetMskConfigurations';

export interface LeftoverKind {
  label: string;
  matches: (name: string) => boolean;
}

/** uniqueName() of test/integration/support/sandbox.ts: <prefix>-<Date.now() base 36>-<6 hex>. */
const UNIQUE_NAME = /-[0-9a-z]{8}-[0-9a-f]{6}$/;

export const LEFTOVER_KINDS: readonly LeftoverKind[] = [
  { label: 'scale-t-* (the 5,000-topic UI test)', matches: (n) => n.startsWith('scale-t-') },
  { label: 'bench-* (npm run bench:*)', matches: (n) => n.startsWith('bench-') },
  { label: 'test names (<prefix>-<time>-<random>)', matches: (n) => UNIQUE_NAME.test(n) },
];

/** The kind a topic or group name belongs to, when tests or benchmarks make such names. */
export function leftoverKind(name: string): LeftoverKind | undefined {
  return LEFTOVER_KINDS.find((k) => k.matches(name));
}

export interface Leftovers {
  topics: string[];
  /** Groups with a leftover name, plus Empty `msk-explorer-tail-*` groups (a tail that crashed). */
  groups: string[];
  /** Schemas, registries and subjects with leftover names (resetRegistries.ts). */
  registry?: RegistryLeftovers;
  /** MSK configurations with leftover names (resetMskConfigurations.ts). */
  mskConfigurations?: ConfigurationLeftover[];
}

const TAIL_GROUP_PREFIX = 'msk-explorer-tail-';

export async function findLeftovers(admin: Admin): Promise<Leftovers> {
  const topics = (await admin.listTopics()).filter((t) => leftoverKind(t) !== undefined).sort();
  const { groups: listed } = await admin.listGroups();
  const named = listed.map((g) => g.groupId).filter((g) => leftoverKind(g) !== undefined);
  const tails = listed.map((g) => g.groupId).filter((g) => g.startsWith(TAIL_GROUP_PREFIX));
  const emptyTails = tails.length
    ? (await admin.describeGroups(tails)).groups.filter((g) => g.state === 'Empty').map((g) => g.groupId)
    : [];
  return { topics, groups: [...named, ...emptyTails].sort() };
}

function summarize(names: string[]): string {
  const counts = new Map<string, number>();
  for (const n of names) {
    const label = leftoverKind(n)?.label ?? 'msk-explorer-tail-* (Empty)';
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts].map(([label, n]) => `${n} ${label}`).join(', ');
}

async function withAdmin<T>(state: SandboxState, fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = new Kafka(kafkaConfig(state, 'plaintext', { clientId: 'msk-sandbox-reset', retries: 3 })).admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Lists (dryRun) or deletes the leftovers; one line per step through `out`. */
export async function resetLeftovers(
  state: SandboxState,
  out: (line: string) => void,
  { dryRun = false, json = false } = {},
): Promise<Leftovers> {
  return withAdmin(state, async (admin) => {
    const found = await findLeftovers(admin);
    try {
      found.registry = await findRegistryLeftovers(state, (n) => leftoverKind(n) !== undefined);
    } catch (err) {
      if (!json) out(`reset: the schema registries were not looked at: ${(err as Error).message}`);
    }
    try {
      found.mskConfigurations = await findConfigurationLeftovers(state, (n) => leftoverKind(n) !== undefined);
    } catch (err) {
      if (!json) out(`reset: the MSK configurations were not looked at: ${(err as Error).message}`);
    }
    const configurations = found.mskConfigurations ?? [];
    const registry = found.registry;
    const registryCount = registry ? registryLeftoverCount(registry) : 0;
    if (json) {
      out(JSON.stringify(found));
      if (dryRun) return found;
    } else if (!found.topics.length && !found.groups.length && !registryCount && !configurations.length) {
      out('reset: no topics, groups, registry schemas or MSK configurations of tests or benchmarks in the sandbox');
      return found;
    } else {
      if (found.topics.length) out(`topics: ${found.topics.length} (${summarize(found.topics)})`);
      if (found.groups.length) out(`groups: ${found.groups.length} (${summarize(found.groups)})`);
      if (registry && registryCount) out(`schema registries: ${summarizeRegistryLeftovers(registry)}`);
      if (configurations.length) out(`MSK configurations: ${configurations.length}`);
      if (dryRun) {
        const names = registry
          ? [...registry.glueRegistries, ...registry.glueSchemas, ...registry.confluentSubjects]
          : [];
        for (const n of [...found.topics, ...found.groups, ...names, ...configurations.map((c) => c.name)]) {
          out(`  ${n}`);
        }
        return found;
      }
    }
    if (registry && registryCount) await deleteRegistryLeftovers(state, registry);
    const keptConfigurations = await deleteConfigurationLeftovers(state, configurations);
    for (const k of keptConfigurations) out(`reset: kept the MSK configuration ${k.name}: ${k.reason}`);
    const deletable: string[] = [];
    if (found.groups.length) {
      // Only Empty groups can be deleted; a group with live members belongs to a running client.
      const described = await admin.describeGroups(found.groups);
      const live = described.groups.filter((g) => g.state !== 'Empty' && g.state !== 'Dead').map((g) => g.groupId);
      deletable.push(...found.groups.filter((g) => !live.includes(g)));
      if (live.length) out(`reset: kept ${live.length} group(s) with running consumers: ${live.join(', ')}`);
      if (deletable.length) await admin.deleteGroups(deletable);
    }
    for (let i = 0; i < found.topics.length; i += 500) {
      await admin.deleteTopics({ topics: found.topics.slice(i, i + 500), timeout: 120_000 });
    }
    if (!json) {
      const schemas = registryCount ? `, ${summarizeRegistryLeftovers(registry!)}` : '';
      const configs = configurations.length
        ? `, ${configurations.length - keptConfigurations.length} MSK configuration(s)`
        : '';
      out(`reset: deleted ${found.topics.length} topic(s), ${deletable.length} group(s)${schemas}${configs}`);
    }
    return found;
  });
}
