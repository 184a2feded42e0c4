/**
 * The producer panel: one per cluster and topic. Sends through ProduceSender (the same path as
 * producer files and the benchmark), shows every message's partition/offset or error, keeps a
 * history of recent sends, and opens the tail panel at what was just sent.
 */
import * as vscode from 'vscode';
import type { TailTopicArgs, ProduceDraft } from '../../commands/crossFeature';
import type { ProduceReport } from '../../kafka/produce/types';
import { panelDraftOf, panelSendRequest } from '../../produce/panelDraft';
import { failureLines, firstOffsets, summarizeReport } from '../../produce/summary';
import type { ProduceSender } from '../../produce/sender';
import type { ClusterOps, ClusterRef } from '../../services/clusterModel';
import { errorMessage } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import {
  ROWS_SHOWN,
  parseProducerRequest,
  type PanelDraft,
  type ProducerMessage,
  type ResultData,
} from '../../webviews/producer/protocol';
import type { ProducerHistory } from './producerPanelHistory';
import { openWebviewPanel } from './webviewHtml';

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
}

export class ProducerPanels implements vscode.Disposable {
  private readonly panels = new Map<string, ProducerPanel>();

  constructor(private readonly deps: ProducerPanelDeps) {}

  open(cluster: ClusterRef, topic: string, draft?: ProduceDraft): void {
    const id = `${cluster.key}\u0000${topic}`;
    const existing = this.panels.get(id);
    if (existing) {
      existing.reveal(draft);
      return;
    }
    const panel = new ProducerPanel(this.deps, cluster, topic, draft, () => this.panels.delete(id));
    this.panels.set(id, panel);
  }

  dispose(): void {
    for (const p of [...this.panels.values()]) p.dispose();
    this.panels.clear();
  }
}

class ProducerPanel {
  private readonly panel: vscode.WebviewPanel;
  private readonly subs: vscode.Disposable[] = [];
  private lastReport?: ProduceReport;
  private sending = false;
  private cancelled = false;
  private pendingDraft: PanelDraft;

  constructor(
    private readonly deps: ProducerPanelDeps,
    private readonly cluster: ClusterRef,
    private readonly topic: string,
    draft: ProduceDraft | undefined,
    onDispose: () => void,
  ) {
    this.pendingDraft = panelDraftOf(draft);
    this.panel = openWebviewPanel(deps.extensionUri, {
      viewType: 'msk.producer',
      title: `Produce: ${topic}`,
      bundle: 'producer',
      styles: ['producer.css'],
      body: '<main id="root"></main>',
    });
    this.subs.push(
      this.panel.webview.onDidReceiveMessage((raw: unknown) => void this.onMessage(raw)),
      this.panel.onDidDispose(() => {
        this.cancelled = true;
        for (const s of this.subs) s.dispose();
        onDispose();
      }),
    );
  }

  reveal(draft: ProduceDraft | undefined): void {
    this.panel.reveal();
    if (draft) this.post({ type: 'draft', draft: panelDraftOf(draft) });
  }

  dispose(): void {
    this.panel.dispose();
  }

  private post(msg: ProducerMessage): void {
    void this.panel.webview.postMessage(msg);
  }

  private async onMessage(raw: unknown): Promise<void> {
    const req = parseProducerRequest(raw, this.deps.maxCount());
    if (!req) {
      this.deps.log.warn('producer panel: ignored an invalid message from the webview');
      return;
    }
    switch (req.type) {
      case 'ready':
        await this.init();
        break;
      case 'send':
        await this.send(req.draft);
        break;
      case 'cancel':
        this.cancelled = true;
        break;
      case 'tail':
        await this.tail();
        break;
      case 'useHistory':
      case 'resend': {
        const item = this.deps.history.get(req.id);
        if (!item) return;
        this.post({ type: 'draft', draft: item.draft });
        if (req.type === 'resend') await this.send(item.draft);
        break;
      }
    }
  }

  private async init(): Promise<void> {
    let partitions: number | null = null;
    try {
      const t = (await this.deps.ops(this.cluster).topics()).find((x) => x.name === this.topic);
      partitions = t ? t.partitions : null;
    } catch (err) {
      this.deps.log.warn(`producer panel: could not list topics of ${this.cluster.name}: ${errorMessage(err)}`);
    }
    this.post({
      type: 'init',
      cluster: this.cluster.name,
      topic: this.topic,
      partitions,
      readOnly: this.deps.isReadOnly(this.cluster),
      draft: this.pendingDraft,
      history: this.deps.history.list(this.cluster.key, this.topic),
      maxCount: this.deps.maxCount(),
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
      this.post({ type: 'sending', total: draft.count });
      let lastPost = 0;
      const report = await this.deps.sender.send({
        ...request,
        onProgress: (p) => {
          const now = Date.now();
          if (now - lastPost < 100 && p.done < p.total) return;
          lastPost = now;
          this.post({ type: 'progress', done: p.done, total: p.total });
        },
        isCancelled: () => this.cancelled,
      });
      this.lastReport = report;
      const summary = summarizeReport(report);
      this.deps.log.info(`produce to ${this.topic} on ${this.cluster.name}: ${summary}`);
      for (const line of failureLines(report)) this.deps.log.warn(`produce to ${this.topic}: ${line}`);
      this.post({ type: 'result', result: toResult(report) });
      await this.deps.history.add(this.cluster.key, this.topic, draft, summary);
      this.post({ type: 'history', history: this.deps.history.list(this.cluster.key, this.topic) });
    } catch (err) {
      this.deps.log.error(`produce to ${this.topic} on ${this.cluster.name} failed: ${errorMessage(err)}`);
      const hint = (err as { hint?: unknown }).hint;
      this.post({ type: 'error', message: errorMessage(err), hint: typeof hint === 'string' ? hint : undefined });
    } finally {
      this.sending = false;
    }
  }

  private async tail(): Promise<void> {
    const offsets = this.lastReport ? firstOffsets(this.lastReport) : [];
    const args: TailTopicArgs = {
      kind: 'tailTopic',
      cluster: this.cluster,
      topic: this.topic,
      ...(offsets.length ? { start: { kind: 'offsets', offsets }, partitions: offsets.map((o) => o.partition) } : {}),
    };
    try {
      await vscode.commands.executeCommand('msk.tailTopic', args);
    } catch (err) {
      this.post({ type: 'error', message: `Could not open the tail panel: ${errorMessage(err)}` });
    }
  }
}

export function toResult(report: ProduceReport): ResultData {
  const failures = report.outcomes.filter((o) => !o.ok);
  const ok = report.outcomes.filter((o) => o.ok);
  const rows = [...failures, ...ok]
    .slice(0, ROWS_SHOWN)
    .map((o) =>
      o.ok
        ? { index: o.index, ok: true as const, partition: o.partition, offset: o.offset }
        : { index: o.index, ok: false as const, error: o.error, code: o.code },
    );
  return {
    sent: report.sent,
    failed: report.failed,
    total: report.outcomes.length,
    idempotent: report.idempotent,
    idempotenceFallback: report.idempotenceFallback,
    durationMs: report.durationMs,
    rows,
    failures: failureLines(report),
    canTail: firstOffsets(report).length > 0,
  };
}
