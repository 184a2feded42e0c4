/**
 * Tail panels: each one runs a TailSession (host side) and shows its buffer through a virtualized
 * table in a webview that asks for the rows in view. Closing a panel stops its consumer, deletes
 * its ephemeral group and frees the buffer. Several panels may run at once.
 */
import * as vscode from 'vscode';
import type { KafkaCluster } from '../../kafka/cluster';
import type { TailSession, TailStartPosition, TailState } from '../../kafka/tail';
import type { ProduceToTopicArgs } from '../../commands/crossFeature';
import type { ClusterRef } from '../../services/clusterModel';
import { kafkaModule } from '../../services/lazyModules';
import { errorMessage } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import type { ReadOnlyDocuments } from '../jsonDocuments';
import {
  parseTailRequest,
  type TailColumn,
  type TailFormatChoice,
  type TailMessage,
  type TailRequest,
} from '../../webviews/tail/protocol';
import { exportNdjson } from './tailPanelExport';
import { toRow } from './tailPanelRows';
import { openWebviewPanel } from './webviewHtml';

export interface TailOpenRequest {
  cluster: ClusterRef;
  kafka: KafkaCluster;
  topic: string;
  start: TailStartPosition;
  partitions?: number[];
  bufferSize: number;
}

export interface TailPanelDeps {
  extensionUri: vscode.Uri;
  docs: ReadOnlyDocuments;
  log: Logger;
  /** Topic names for "Produce again" to another topic. */
  topics: (cluster: ClusterRef) => Promise<string[]>;
}

const STATUS_INTERVAL_MS = 200; // at most 5 status updates a second

export function describeStart(start: TailStartPosition): string {
  switch (start.kind) {
    case 'newest':
      return 'newest (live)';
    case 'oldest':
      return 'oldest';
    case 'lastN':
      return `last ${start.n} per partition`;
    case 'timestamp':
      return `from ${new Date(start.timestamp).toISOString()}`;
    case 'offsets':
      return `from offsets ${start.offsets.map((o) => `${o.partition}:${o.offset}`).join(', ')}`;
  }
}

export class TailPanels implements vscode.Disposable {
  private readonly open = new Set<TailPanel>();

  constructor(private readonly deps: TailPanelDeps) {}

  async start(req: TailOpenRequest): Promise<void> {
    const panel = new TailPanel(req, this.deps, () => this.open.delete(panel));
    this.open.add(panel);
    await panel.start();
  }

  dispose(): void {
    for (const p of [...this.open]) p.dispose();
    this.open.clear();
  }
}

class TailPanel {
  private readonly panel: vscode.WebviewPanel;
  private session: TailSession | undefined;
  private readonly formats: Record<TailColumn, TailFormatChoice> = { key: 'auto', value: 'auto', headers: 'auto' };
  private dirty = true;
  private error: string | undefined;
  private readonly timer: NodeJS.Timeout;
  private readonly subs: vscode.Disposable[] = [];
  private disposed = false;

  constructor(
    private readonly req: TailOpenRequest,
    private readonly deps: TailPanelDeps,
    private readonly onDispose: () => void,
  ) {
    this.panel = openWebviewPanel(deps.extensionUri, {
      viewType: 'msk.tail',
      title: `Tail: ${req.topic}`,
      bundle: 'tail',
      styles: ['tail.css'],
      body: '<main id="root"></main>',
    });
    this.subs.push(
      this.panel.webview.onDidReceiveMessage((raw: unknown) => {
        const msg = parseTailRequest(raw);
        if (!msg) {
          deps.log.warn('tail: ignored an invalid message from the webview');
          return;
        }
        this.handle(msg).catch((err: unknown) => {
          deps.log.error(`tail of ${req.topic}: ${errorMessage(err)}`);
          void vscode.window.showErrorMessage(errorMessage(err));
        });
      }),
      this.panel.onDidDispose(() => this.dispose()),
    );
    this.timer = setInterval(() => this.flushStatus(), STATUS_INTERVAL_MS);
  }

  async start(): Promise<void> {
    const { TailSession } = kafkaModule();
    try {
      this.session = await TailSession.start({
        pool: this.req.kafka.pool,
        spec: this.req.kafka.spec,
        topic: this.req.topic,
        start: this.req.start,
        partitions: this.req.partitions,
        bufferSize: this.req.bufferSize,
        onRecords: () => (this.dirty = true),
        onState: (state, error) => this.onState(state, error),
        onWarning: (m) => this.deps.log.warn(`tail: ${m}`),
      });
    } catch (err) {
      this.error = errorMessage(err);
      this.dirty = true;
      this.flushStatus();
      throw err;
    }
    if (this.disposed) {
      await this.session.stop();
      return;
    }
    this.deps.log.info(`tail: ${this.req.topic} on ${this.req.cluster.name} started (group ${this.session.groupId})`);
    this.postInit();
    this.dirty = true;
  }

  private onState(state: TailState, error?: Error): void {
    if (error) {
      this.error = errorMessage(error);
      void vscode.window.showErrorMessage(`Tail of ${this.req.topic} stopped: ${this.error}`);
    }
    this.deps.log.info(`tail: ${this.req.topic} is ${state}`);
    this.dirty = true;
  }

  private post(msg: TailMessage): void {
    if (!this.disposed) void this.panel.webview.postMessage(msg);
  }

  private postInit(): void {
    this.post({
      type: 'init',
      topic: this.req.topic,
      cluster: this.req.cluster.name,
      partitions: this.session?.partitions ?? [],
      start: describeStart(this.req.start),
    });
  }

  private flushStatus(): void {
    if (!this.dirty) return;
    this.dirty = false;
    const s = this.session?.stats();
    this.post({
      type: 'status',
      status: {
        state: this.error ? 'failed' : (s?.state ?? 'starting'),
        received: s?.received ?? 0,
        rate: s?.rate ?? 0,
        buffered: s?.buffered ?? 0,
        capacity: s?.capacity ?? this.req.bufferSize,
        matching: s?.matching ?? 0,
        origin: this.session?.buffer.at(0)?.seq ?? -1,
        error: this.error,
      },
    });
    // The rate decays without new messages: keep refreshing while running.
    if (s && s.rate > 0) this.dirty = true;
  }

  private async handle(msg: TailRequest): Promise<void> {
    const session = this.session;
    switch (msg.type) {
      case 'ready':
        if (session) this.postInit();
        this.dirty = true;
        return;
      case 'rows': {
        if (!session) return this.post({ type: 'rows', requestId: msg.requestId, total: 0, rows: [] });
        const records = session.buffer.slice(msg.start, msg.count);
        this.post({
          type: 'rows',
          requestId: msg.requestId,
          total: session.buffer.viewSize,
          rows: records.map((r, i) => toRow(msg.start + i, r, this.formats)),
        });
        return;
      }
      case 'control':
        if (!session) return;
        if (msg.action === 'pause') session.pause();
        else if (msg.action === 'resume') session.resume();
        else if (msg.action === 'clear') session.buffer.clear();
        else await session.stop();
        this.dirty = true;
        return;
      case 'filter': {
        if (!session) return;
        const compiled = kafkaModule().compileFilter({ text: msg.text, cel: msg.cel });
        if (!compiled.ok) {
          this.post({ type: 'filterResult', ok: false, ...compiled.error });
          return;
        }
        session.buffer.setFilter(compiled.predicate);
        this.post({ type: 'filterResult', ok: true, matching: session.buffer.viewSize });
        this.dirty = true;
        return;
      }
      case 'format':
        this.formats[msg.column] = msg.format;
        this.dirty = true;
        return;
      case 'message':
        return this.messageAction(msg.action, msg.seq);
      case 'export': {
        if (!session) return;
        const records = msg.scope === 'filtered' ? [...session.buffer.view()] : [...session.buffer.all()];
        const n = await exportNdjson(this.req.topic, records);
        if (n !== undefined) void vscode.window.showInformationMessage(`Exported ${n} messages of ${this.req.topic}.`);
        return;
      }
    }
  }

  private async messageAction(action: 'open' | 'copy' | 'produceAgain' | 'detail', seq: number): Promise<void> {
    const record = this.session?.buffer.bySeq(seq);
    if (!record) {
      void vscode.window.showWarningMessage('That message is no longer in the buffer.');
      return;
    }
    const { recordToJson, recordToDraft } = kafkaModule();
    const json = recordToJson(this.req.topic, record);
    switch (action) {
      case 'detail':
        this.post({ type: 'detail', seq, json: JSON.stringify(json, null, 2) });
        return;
      case 'open':
        await this.deps.docs.showJson(`${this.req.topic}-p${record.partition}-o${record.offset}`, json);
        return;
      case 'copy':
        await vscode.env.clipboard.writeText(JSON.stringify(json, null, 2));
        void vscode.window.setStatusBarMessage('Message copied as JSON', 3000);
        return;
      case 'produceAgain': {
        const topic = await this.pickTargetTopic();
        if (!topic) return;
        // Binary (or template-looking) fields travel as base64 (encoding 'base64'): the same bytes are sent.
        const args: ProduceToTopicArgs = {
          kind: 'produceToTopic',
          cluster: this.req.cluster,
          topic,
          draft: recordToDraft(record, topic === this.req.topic),
        };
        await vscode.commands.executeCommand('msk.produceToTopic', args);
        return;
      }
    }
  }

  private async pickTargetTopic(): Promise<string | undefined> {
    const same = { label: this.req.topic, description: 'this topic' };
    const others = await this.deps.topics(this.req.cluster).catch(() => [] as string[]);
    const picked = await vscode.window.showQuickPick(
      [same, ...others.filter((t) => t !== this.req.topic).map((t) => ({ label: t, description: '' }))],
      { title: 'Produce again to…', placeHolder: 'Topic' },
    );
    return picked?.label;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearInterval(this.timer);
    for (const s of this.subs) s.dispose();
    this.panel.dispose();
    this.onDispose();
    const session = this.session;
    if (session) {
      const stopping = session.stop(); // no more records are taken from here on
      session.buffer.clear();
      void stopping.then(
        () => this.deps.log.info(`tail: ${this.req.topic} stopped, group ${session.groupId} deleted`),
        (err: unknown) => this.deps.log.warn(`tail: stopping ${this.req.topic} failed: ${errorMessage(err)}`),
      );
    }
  }
}
