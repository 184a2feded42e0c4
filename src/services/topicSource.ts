/**
 * Where the topics of a cluster come from: its brokers (Kafka admin), or MSK's topic API when the
 * brokers cannot be reached from this machine (`msk.topics.source`: auto | kafka | mskApi).
 *
 * In `auto` the brokers are tried first (with the usual timeouts); when they cannot be reached
 * (timeout, refused, unknown host: the Kafka layer's 'Unreachable' — never an auth or permission
 * error) a provisioned MSK cluster on Kafka 3.6+ is read through the MSK API instead, and that is
 * remembered per cluster for the session until Refresh (`forget`). Serverless clusters, Kafka
 * before 3.6 and manual connections have no MSK topic API: their errors say so.
 * No vscode import, no I/O of its own.
 */
import { isUserError, UserError } from '../shared/errors';
import type { ClusterRef } from './clusterModel';
import type { TopicsSourceSetting } from './settingsModel';

export type TopicSourceKind = 'kafka' | 'mskApi';

/** What the tree says about where a cluster's topics came from (read without I/O). */
export interface TopicSourceInfo {
  kind: TopicSourceKind;
  /** Why the MSK API is used, e.g. "the brokers cannot be reached from this machine". */
  reason?: string;
}

/** Whether MSK's topic API exists for this cluster; if not, why (in words a user reads). */
export function mskTopicApiSupport(cluster: ClusterRef): { ok: true } | { ok: false; reason: string } {
  if (cluster.source !== 'msk' || !cluster.arn) {
    return { ok: false, reason: `${cluster.name} is a manual connection: only MSK clusters have MSK's topic API.` };
  }
  if (cluster.type === 'SERVERLESS') {
    return {
      ok: false,
      reason: `${cluster.name} is an MSK Serverless cluster: MSK's topic API serves provisioned clusters only, so its topics are read through the brokers.`,
    };
  }
  const v = parseVersion(cluster.kafkaVersion);
  if (v && (v[0] < 3 || (v[0] === 3 && v[1] < 6))) {
    return {
      ok: false,
      reason: `${cluster.name} runs Kafka ${cluster.kafkaVersion}: MSK's topic API needs Kafka 3.6 or later, so its topics are read through the brokers.`,
    };
  }
  return { ok: true };
}

function parseVersion(version: string | undefined): [number, number] | undefined {
  const m = /^(\d+)\.(\d+)/.exec(version ?? '');
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** Brokers that cannot be reached from here (not: refused sign-in, missing permission, TLS trouble). */
export function isBrokersUnreachable(err: unknown): boolean {
  return isUserError(err) && err.code === 'Unreachable';
}

export const API_FALLBACK_REASON = 'the brokers cannot be reached from this machine';
export const API_SETTING_REASON = 'msk.topics.source is "mskApi"';

export interface TopicSourceDeps {
  setting: () => TopicsSourceSetting;
  log?: { info(message: string): void };
}

/** The per-session decision of each cluster (keyed by ClusterRef.key). */
export class TopicSource {
  private readonly viaApi = new Map<string, string>();
  private readonly last = new Map<string, TopicSourceInfo>();

  constructor(private readonly deps: TopicSourceDeps) {}

  /** Where the cluster's topics came from the last time they were read (undefined: not read yet). */
  info(cluster: ClusterRef): TopicSourceInfo | undefined {
    return this.last.get(cluster.key);
  }

  /** Refresh: every cluster tries its brokers again (in `auto`). */
  forget(): void {
    this.viaApi.clear();
    this.last.clear();
  }

  /** Runs a read or write on the source the setting and the cluster's history choose. */
  async run<T>(cluster: ClusterRef, viaKafka: () => Promise<T>, viaApi: () => Promise<T>): Promise<T> {
    const setting = this.deps.setting();
    if (setting === 'kafka') return this.mark(cluster, { kind: 'kafka' }, viaKafka);
    const support = mskTopicApiSupport(cluster);
    if (setting === 'mskApi') {
      if (!support.ok) {
        throw new UserError(`The MSK API cannot list the topics of ${cluster.name}.`, {
          code: 'NoTopicApi',
          hint: `${support.reason} Set msk.topics.source to "auto" or "kafka".`,
          actions: [{ title: 'Open Settings', command: 'workbench.action.openSettings', args: ['msk.topics.source'] }],
        });
      }
      return this.mark(cluster, { kind: 'mskApi', reason: API_SETTING_REASON }, viaApi);
    }
    const remembered = this.viaApi.get(cluster.key);
    if (remembered !== undefined && support.ok) {
      return this.mark(cluster, { kind: 'mskApi', reason: remembered }, viaApi);
    }
    try {
      return await this.mark(cluster, { kind: 'kafka' }, viaKafka);
    } catch (err) {
      if (!isBrokersUnreachable(err)) throw err;
      if (!support.ok) throw withReason(err, support.reason);
      this.viaApi.set(cluster.key, API_FALLBACK_REASON);
      this.deps.log?.info(`${cluster.name}: ${API_FALLBACK_REASON}; reading its topics through the MSK API`);
      return this.mark(cluster, { kind: 'mskApi', reason: API_FALLBACK_REASON }, viaApi);
    }
  }

  private async mark<T>(cluster: ClusterRef, info: TopicSourceInfo, run: () => Promise<T>): Promise<T> {
    const out = await run();
    this.last.set(cluster.key, info);
    return out;
  }
}

/** The broker error with the reason the MSK API cannot stand in added to its hint. */
function withReason(err: unknown, reason: string): UserError {
  const e = err as UserError;
  return new UserError(e.message, {
    code: e.code,
    hint: [e.hint, reason].filter(Boolean).join(' '),
    actions: e.actions,
    cause: err,
  });
}
