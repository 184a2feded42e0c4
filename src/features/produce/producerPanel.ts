/**
 * The producer panel: one per cluster and topic. Sends through ProduceSender (the same path as
 * producer files and the benchmark), shows every message's partition/offset or error, keeps a
 * history of recent sends, and opens the tail panel at what was just sent.
 */
import * as vscode from 'vscode';
import { Commands } from '../../contract/commands';
import type { ProduceDraft } from '../../contract/crossFeature';
import { tailArgsAfter } from './offerTail';
import { executeCommand } from '../../ui/commands/registerCommand';
import type { ProduceReport } from '../../kafka/produce/types';
import { panelDraftOf, panelSendRequest } from './send/panelDraft';
import { toResultRows } from './send/resultRows';
import { failureLines, firstOffsets, summarizeReport } from './send/summary';
import type { ProduceSender } from './send/sender';
import type { ClusterOps, ClusterRef } from '../../services/clusterModel';
import { presentError } from '../../shared/errorPresentation';
import { errorMessage } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import { PanelRegistry, WebviewPanelHost } from '../../ui/webviews/panelHost';
import {
  ROWS_SHOWN,
  producerProtocol,
  type PanelDraft,
  type ProducerProtocol,
  type ResultData,
} from '../../webviews/producer/protocol';
import type { ProducerHistory } from './producerPanelHistory';
import type { SchemaBrowser } from '../../services/schemaBrowse';
import { PanelSchemas } from './panelSchemas';

export interface ProducerPanelDeps {
  extensionUri: vscode.Uri;
  sender: ProduceSender;
  history: ProducerHistory;
  log: Logger;
  ops: (cluster: ClusterRef) => ClusterOps;
  /** Throws (UserError) when the cluster is read-only. */
  assertWritable: (cluster: ClusterRef) => void;
  isReadOnly: (cluster: ClusterRef) => boolean;
  idempotent: () => boolean;
  maxCount: () => number;
  /** Schema registries (absent: no schema pickers). */
  schemas?: SchemaBrowser;
}

export class ProducerPanels implements vscode.Disposable {
  private readonly panels = new PanelRegistry<ProducerPanel>();

  constructor(private readonly deps: ProducerPanelDeps) {}

  open(cluster: ClusterRef, topic: string, draft?: ProduceDraft): void {
    this.panels.revealOrCreate(
      `${cluster.key}\u0000${topic}`,
      () => new ProducerPanel(this.deps, cluster, topic, draft),
      (panel) => panel.reveal(draft),
    );
  }

  dispose(): void {
    this.panels.dispose();
  }
}

class ProducerPanel implements vscode.Disposable {
  private readonly host: WebviewPanelHost<ProducerProtocol>;
  private lastReport?: ProduceReport;
  private sending = false;
  private cancelled = false;
  private pendingDraft: PanelDraft;
  private readonly schemas: PanelSchemas;

  constructor(
    private readonly deps: ProducerPanelDeps,
    private readonly cluster: ClusterRef,
    private readonly topic: string,
    draft: ProduceDraft | undefined,
  ) {
    this.pendingDraft = panelDraftOf(draft);
    this.schemas = new PanelSchemas(deps.schemas, cluster);
    this.host = new WebviewPanelHost({
      extensionUri: deps.extensionUri,
      viewType: 'msk.producer',
      title: `Produce: ${topic}`,
      bundle: 'producer',
      styles: ['producer.css'],
      body: '<main id="root"></main>',
      protocol: producerProtocol,
      log: deps.log,
      handlers: {
        ready: () => this.init(),
        send: ({ draft }) => this.sendFromForm(draft),
        cancel: () => {
          this.cancelled = true;
        },
        tail: () => this.tail(),
        useHistory: ({ id }) => this.fromHistory(id, false),
        resend: ({ id }) => this.fromHistory(id, true),
        schemaNames: (query) => this.schemas.names(query),
        checkSchema: ({ schema, text }) => this.schemas.check(schema, text),
      },
    });
    this.host.onDidClose(() => (this.cancelled = true));
  }

  onDidClose(listener: () => void): void {
    this.host.onDidClose(listener);
  }

  reveal(draft: ProduceDraft | undefined): void {
    this.host.reveal();
    if (!draft) return;
    // Also what `init` shows, should the page reload (it is not kept while hidden).
    this.pendingDraft = panelDraftOf(draft);
    this.host.notify('draft', { draft: this.pendingDraft });
  }

  dispose(): void {
    this.host.dispose();
  }

  private async sendFromForm(draft: PanelDraft): Promise<void> {
    const max = this.deps.maxCount();
    if (draft.count > max) {
      this.deps.log.warn(`producer panel: refused a send of ${draft.count} messages (msk.produce.maxCount is ${max})`);
      this.host.notify('error', { message: `Count: a whole number from 1 to ${max}.` });
      return;
    }
    await this.send(draft);
  }

  private async fromHistory(id: string, send: boolean): Promise<void> {
    const item = this.deps.history.get(id);
    if (!item) return;
    this.host.notify('draft', { draft: item.draft });
    if (send) await this.send(item.draft);
  }

  private async init(): Promise<void> {
    let partitions: number | null = null;
    try {
      const t = (await this.deps.ops(this.cluster).topics()).find((x) => x.name === this.topic);
      partitions = t ? t.partitions : null;
    } catch (err) {
      this.deps.log.warn(`producer panel: could not list topics of ${this.cluster.name}: ${errorMessage(err)}`);
    }
    this.host.notify('init', {
      cluster: this.cluster.name,
      topic: this.topic,
      partitions,
      readOnly: this.deps.isReadOnly(this.cluster),
      draft: this.pendingDraft,
      history: this.deps.history.list(this.cluster.key, this.topic),
      maxCount: this.deps.maxCount(),
      registries: this.schemas.registries(),
    });
  }

  private async send(draft: PanelDraft): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    this.cancelled = false;
    try {
      this.deps.assertWritable(this.cluster);
      // Base64 fields become their bytes here; one that is not valid base64 refuses the send.
      const request = panelSendRequest(this.cluster, this.topic, draft, this.deps.idempotent());
      // Schemas are fetched now: a missing one, or a value that does not fit, refuses the send.
      const encode = await this.schemas.encoder(draft);
      this.host.notify('sending', { total: draft.count });
      let lastPost = 0;
      const report = await this.deps.sender.send({
        ...request,
        ...(encode ? { encode } : {}),
        onProgress: (p) => {
          const now = Date.now();
          if (now - lastPost < 100 && p.done < p.total) return;
          lastPost = now;
          this.host.notify('progress', { done: p.done, total: p.total });
        },
        isCancelled: () => this.cancelled,
      });
      this.lastReport = report;
      const summary = summarizeReport(report);
      this.deps.log.info(`produce to ${this.topic} on ${this.cluster.name}: ${summary}`);
      for (const line of failureLines(report)) this.deps.log.warn(`produce to ${this.topic}: ${line}`);
      this.host.notify('result', { result: toResult(report) });
      await this.deps.history.add(this.cluster.key, this.topic, draft, summary);
      this.host.notify('history', { history: this.deps.history.list(this.cluster.key, this.topic) });
    } catch (err) {
      const shown = presentError(err);
      this.deps.log.error(`produce to ${this.topic} on ${this.cluster.name} failed: ${shown.logText}`);
      this.host.notify('error', { message: shown.message, hint: shown.hint });
    } finally {
      this.sending = false;
    }
  }

  private async tail(): Promise<void> {
    try {
      await executeCommand(Commands.tailTopic, tailArgsAfter(this.cluster, this.topic, this.lastReport));
    } catch (err) {
      this.host.notify('error', { message: `Could not open the tail panel: ${presentError(err).text}` });
    }
  }
}

export function toResult(report: ProduceReport): ResultData {
  const { rows, rowCount } = toResultRows(report, ROWS_SHOWN);
  return {
    sent: report.sent,
    failed: report.failed,
    total: report.total,
    idempotent: report.idempotent,
    idempotenceFallback: report.idempotenceFallback,
    durationMs: report.durationMs,
    rows,
    rowCount,
    failures: failureLines(report),
    canTail: firstOffsets(report).length > 0,
  };
}
