/**
 * Starts the producer-file language server (dist/languageServer.js) the first time a producer
 * file is open, tells it each file's cluster, answers its topic requests with the extension's
 * Kafka clients, and forwards send results. Stopped on dispose.
 */
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import type { ClusterRef } from '../../services/clusterModel';
import { presentError } from '../../shared/errorPresentation';
import { errorMessage } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import {
  ACTIVE_CLUSTER_NOTIFICATION,
  PRODUCER_LANGUAGE_ID,
  SCHEMA_CHECK_REQUEST,
  SCHEMA_NAMES_REQUEST,
  SEND_STATUS_NOTIFICATION,
  TOPICS_REQUEST,
  type ActiveClusterParams,
  type SchemaCheckParams,
  type SchemaCheckResult,
  type SchemaNamesParams,
  type SchemaNamesResult,
  type SendStatusParams,
  type TopicsParams,
  type TopicsResult,
} from '../protocol';

export interface ProducerFileClientDeps {
  extensionUri: vscode.Uri;
  log: Logger;
  clusterFor: (uri: string) => ClusterRef | undefined;
  /** The cluster's topics (internal ones left out) and their partition counts. */
  topics: (cluster: ClusterRef) => Promise<{ name: string; partitions: number }[]>;
  /** Names for a `Schema:` line (absent: no schema registries). */
  schemaNames?: (cluster: ClusterRef, params: SchemaNamesParams) => Promise<SchemaNamesResult>;
  /** Whether a block's text fits the schema its `Schema:` line names. */
  schemaCheck?: (cluster: ClusterRef, params: SchemaCheckParams) => Promise<SchemaCheckResult>;
}

export class ProducerFileClient implements vscode.Disposable {
  private client?: LanguageClient;
  private starting?: Promise<LanguageClient>;
  private readonly subs: vscode.Disposable[] = [];

  constructor(private readonly deps: ProducerFileClientDeps) {
    const check = (doc: vscode.TextDocument) => {
      if (doc.languageId === PRODUCER_LANGUAGE_ID)
        void this.ensureStarted().catch((err: unknown) =>
          this.deps.log.error(`producer-file language server: ${errorMessage(err)}`),
        );
    };
    // A file opened once the server is starting or running needs its cluster too (start() only
    // tells the server about the files open when it started).
    const opened = (doc: vscode.TextDocument) => {
      if (doc.languageId !== PRODUCER_LANGUAGE_ID) return;
      void this.ensureStarted()
        .then(() => this.notifyCluster(doc.uri.toString()))
        .catch((err: unknown) => this.deps.log.error(`producer-file language server: ${errorMessage(err)}`));
    };
    this.subs.push(vscode.workspace.onDidOpenTextDocument(opened));
    for (const doc of vscode.workspace.textDocuments) check(doc);
  }

  ensureStarted(): Promise<LanguageClient> {
    this.starting ??= this.start();
    return this.starting;
  }

  private async start(): Promise<LanguageClient> {
    const module = vscode.Uri.joinPath(this.deps.extensionUri, 'dist', 'languageServer.js').fsPath;
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ language: PRODUCER_LANGUAGE_ID }],
    };
    const client = new LanguageClient('msk.producerFiles', 'MSK Producer Files', serverOptions, clientOptions);
    client.onRequest(TOPICS_REQUEST, async (params: TopicsParams): Promise<TopicsResult> => {
      const cluster = this.deps.clusterFor(params.uri);
      if (!cluster) return { ok: false, error: 'No cluster selected for this file.' };
      try {
        const topics = await this.deps.topics(cluster);
        return {
          ok: true,
          cluster: cluster.name,
          topics: topics.map((t) => t.name),
          partitions: Object.fromEntries(topics.map((t) => [t.name, t.partitions])),
        };
      } catch (err) {
        this.deps.log.warn(`producer file: could not list topics of ${cluster.name}: ${errorMessage(err)}`);
        return { ok: false, error: presentError(err).text };
      }
    });
    const noCluster = { ok: false as const, error: 'No cluster selected for this file.' };
    const noRegistries = { ok: false as const, error: 'Schema registries are not available.' };
    client.onRequest(
      SCHEMA_NAMES_REQUEST,
      (params: SchemaNamesParams): Promise<SchemaNamesResult> | SchemaNamesResult => {
        const cluster = this.deps.clusterFor(params.uri);
        if (!cluster) return noCluster;
        return this.deps.schemaNames?.(cluster, params) ?? noRegistries;
      },
    );
    client.onRequest(
      SCHEMA_CHECK_REQUEST,
      (params: SchemaCheckParams): Promise<SchemaCheckResult> | SchemaCheckResult => {
        const cluster = this.deps.clusterFor(params.uri);
        if (!cluster) return noCluster;
        return this.deps.schemaCheck?.(cluster, params) ?? noRegistries;
      },
    );
    await client.start();
    this.client = client;
    for (const doc of vscode.workspace.textDocuments)
      if (doc.languageId === PRODUCER_LANGUAGE_ID) await this.notifyCluster(doc.uri.toString());
    return client;
  }

  /** Tells the server the file's (possibly new) cluster; it revalidates the file. */
  async notifyCluster(uri: string): Promise<void> {
    const client = this.client ?? (await this.ensureStarted());
    const c = this.deps.clusterFor(uri);
    const params: ActiveClusterParams = { uri, cluster: c ? { key: c.key, name: c.name } : null };
    await client.sendNotification(ACTIVE_CLUSTER_NOTIFICATION, params);
  }

  async sendStatus(params: SendStatusParams): Promise<void> {
    const client = this.client ?? (await this.ensureStarted());
    await client.sendNotification(SEND_STATUS_NOTIFICATION, params);
  }

  dispose(): void {
    for (const s of this.subs.splice(0)) s.dispose();
    const client = this.client;
    this.client = undefined;
    if (client) void client.stop().catch(() => undefined);
  }
}
