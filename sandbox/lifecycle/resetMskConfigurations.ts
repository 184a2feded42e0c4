/**
 * The MSK-configuration part of `npm run sandbox -- reset`: configurations with the names tests
 * make (LEFTOVER_KINDS of reset.ts, e.g. `it-config-<time>-<random>` of a crashed run), found with
 * ListConfigurations and deleted with DeleteConfiguration through the control plane's own API,
 * signed as the admin principal (the control plane keeps its store, .sandbox/msk/configurations.json,
 * in memory: editing the file would not reach it). The seeded configurations never match; one a
 * cluster runs cannot be deleted (the control plane refuses, as MSK does) and is reported as kept.
 */
import { DeleteConfigurationCommand, KafkaClient, ListConfigurationsCommand } from '@aws-sdk/client-kafka';
import type { SandboxState } from '../state';
import { adminSdkConfig } from './clients';

export interface ConfigurationLeftover {
  arn: string;
  name: string;
}

function kafkaClient(state: SandboxState): KafkaClient {
  return new KafkaClient(adminSdkConfig(state));
}

/** Every configuration (all pages) whose name `isLeftover` accepts, by name. */
export async function findConfigurationLeftovers(
  state: SandboxState,
  isLeftover: (name: string) => boolean,
): Promise<ConfigurationLeftover[]> {
  const client = kafkaClient(state);
  try {
    const found: ConfigurationLeftover[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new ListConfigurationsCommand({ NextToken: token }));
      for (const c of page.Configurations ?? []) {
        if (c.Name && c.Arn && isLeftover(c.Name)) found.push({ arn: c.Arn, name: c.Name });
      }
      token = page.NextToken;
    } while (token);
    return found.sort((a, b) => a.name.localeCompare(b.name));
  } finally {
    client.destroy();
  }
}

/** Deletes them; returns the ones the control plane refused (e.g. in use by a cluster) with its reason. */
export async function deleteConfigurationLeftovers(
  state: SandboxState,
  leftovers: readonly ConfigurationLeftover[],
): Promise<{ name: string; reason: string }[]> {
  const client = kafkaClient(state);
  const kept: { name: string; reason: string }[] = [];
  try {
    for (const c of leftovers) {
      try {
        await client.send(new DeleteConfigurationCommand({ Arn: c.arn }));
      } catch (err) {
        if ((err as { name?: unknown }).name === 'NotFoundException') continue; // gone meanwhile
        kept.push({ name: c.name, reason: err instanceof Error ? err.message : String(err) });
      }
    }
    return kept;
  } finally {
    client.destroy();
  }
}
