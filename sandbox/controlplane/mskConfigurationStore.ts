/**
 * The sandbox's MSK cluster configurations (CreateConfiguration / UpdateConfiguration make them and
 * their revisions), kept in `<stateDir>/msk/configurations.json` so they survive a control-plane
 * restart. The seeded configurations (model.ts `configurations`, one of them the provisioned
 * cluster's) are put back when missing, so the seed is idempotent; what tests or the AWS CLI
 * created stays until DeleteConfiguration. One store per state folder per process; every change is
 * written through (atomic rename).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SandboxState } from '../state';
import { writeAtomic } from '../atomicFile';
import { configurations as seededConfigurations, type JsonObject } from './model';

export interface StoredRevision {
  revision: number;
  /** ISO-8601 */
  creationTime: string;
  description?: string;
  /** server.properties text (decoded; the wire carries it base64). */
  serverProperties: string;
}

export interface StoredConfiguration {
  arn: string;
  name: string;
  description?: string;
  kafkaVersions: string[];
  creationTime: string;
  /** ACTIVE (DELETING ones are removed at once). */
  state: string;
  revisions: StoredRevision[];
}

interface StoreFile {
  v: 1;
  configurations: StoredConfiguration[];
}

export class MskConfigurationStore {
  private data: StoreFile;

  constructor(
    readonly file: string,
    private readonly state: SandboxState,
    epoch: Date,
  ) {
    this.data = load(file);
    if (this.seed(epoch)) this.save();
  }

  all(): StoredConfiguration[] {
    return this.data.configurations;
  }

  find(arn: string): StoredConfiguration | undefined {
    return this.data.configurations.find((c) => c.arn === arn);
  }

  findByName(name: string): StoredConfiguration | undefined {
    return this.data.configurations.find((c) => c.name === name);
  }

  /** A new configuration with revision 1. */
  create(input: { name: string; description?: string; kafkaVersions: string[]; serverProperties: string }) {
    const now = new Date().toISOString();
    const config: StoredConfiguration = {
      arn: `arn:aws:kafka:${this.state.region}:${this.state.accountId}:configuration/${input.name}/${randomUUID()}-2`,
      name: input.name,
      ...(input.description !== undefined ? { description: input.description } : {}),
      kafkaVersions: input.kafkaVersions,
      creationTime: now,
      state: 'ACTIVE',
      revisions: [{ revision: 1, creationTime: now, serverProperties: input.serverProperties }],
    };
    this.data.configurations.push(config);
    this.save();
    return config;
  }

  /** The next revision of a configuration. */
  addRevision(config: StoredConfiguration, input: { description?: string; serverProperties: string }) {
    const last = config.revisions[config.revisions.length - 1];
    const rev: StoredRevision = {
      revision: (last?.revision ?? 0) + 1,
      creationTime: new Date().toISOString(),
      ...(input.description !== undefined ? { description: input.description } : {}),
      serverProperties: input.serverProperties,
    };
    config.revisions.push(rev);
    this.save();
    return rev;
  }

  remove(arn: string): void {
    this.data.configurations = this.data.configurations.filter((c) => c.arn !== arn);
    this.save();
  }

  save(): void {
    writeAtomic(this.file, `${JSON.stringify(this.data, null, 1)}\n`);
  }

  /** Puts back seeded configurations that are missing (by ARN); true when something was added. */
  private seed(epoch: Date): boolean {
    let added = false;
    for (const seeded of seededConfigurations(this.state, epoch)) {
      if (this.find(seeded.arn)) continue;
      const s = seeded.summary;
      this.data.configurations.push({
        arn: seeded.arn,
        name: typeof s.name === 'string' ? s.name : seeded.arn,
        description: typeof s.description === 'string' ? s.description : undefined,
        kafkaVersions: Array.isArray(s.kafkaVersions)
          ? s.kafkaVersions.filter((v): v is string => typeof v === 'string')
          : [],
        creationTime: typeof s.creationTime === 'string' ? s.creationTime : new Date(epoch).toISOString(),
        state: 'ACTIVE',
        revisions: seeded.revisions.map((r) => ({ ...r })),
      });
      added = true;
    }
    // Seeded configurations first, in seed order; the ones made later after them, oldest first.
    const order = new Map(seededConfigurations(this.state, epoch).map((c, i) => [c.arn, i]));
    const rank = (c: StoredConfiguration): number => order.get(c.arn) ?? Number.MAX_SAFE_INTEGER;
    this.data.configurations.sort((a, b) => rank(a) - rank(b) || a.creationTime.localeCompare(b.creationTime));
    return added;
  }
}

function load(file: string): StoreFile {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as StoreFile;
    if (parsed && parsed.v === 1 && Array.isArray(parsed.configurations)) return parsed;
  } catch {
    // missing or unreadable: start from the seed
  }
  return { v: 1, configurations: [] };
}

const stores = new Map<string, MskConfigurationStore>();

/** The store of the sandbox described by `state` (one per state folder in this process). */
export function mskConfigurationStore(state: SandboxState, epoch: Date): MskConfigurationStore {
  const file = join(state.stateDir, 'msk', 'configurations.json');
  let s = stores.get(file);
  if (!s) {
    s = new MskConfigurationStore(file, state, epoch);
    stores.set(file, s);
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// Wire shapes (REST-JSON member names of the kafka service, as @aws-sdk/client-kafka reads them)

export function revisionSummary(r: StoredRevision): JsonObject {
  return { creationTime: r.creationTime, description: r.description, revision: r.revision };
}

/** ListConfigurations entry and DescribeConfiguration answer (`Configuration`). */
export function configurationShape(c: StoredConfiguration): JsonObject {
  const latest = c.revisions[c.revisions.length - 1];
  return {
    arn: c.arn,
    creationTime: c.creationTime,
    description: c.description ?? '',
    kafkaVersions: c.kafkaVersions,
    latestRevision: latest ? revisionSummary(latest) : undefined,
    name: c.name,
    state: c.state,
  };
}
