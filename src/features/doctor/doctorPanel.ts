/**
 * The Connection Doctor panel, one per cluster: runs the doctor (src/services/doctor/) when opened
 * and on "Run again", streams each step to the page as it starts and ends, and gives the report as
 * redacted Markdown (clipboard or an editor). Writing a test message is asked for first.
 */
import * as vscode from 'vscode';
import type { ClusterRef } from '../../services/clusterModel';
import { reportMarkdown } from '../../services/doctor/report';
import { runDoctor } from '../../services/doctor/runner';
import type { DoctorReport, DoctorStep } from '../../services/doctor/types';
import type { DoctorEnvironment } from '../../services/doctor/environment';
import type { Logger } from '../../shared/logger';
import { PanelRegistry, WebviewPanelHost } from '../../ui/webviews/panelHost';
import { doctorProtocol, type DoctorProtocol, type DoctorViewState } from '../../webviews/doctor/protocol';

export interface DoctorPanelDeps {
  extensionUri: vscode.Uri;
  environment: () => DoctorEnvironment;
  log: Logger;
}

export class DoctorPanels implements vscode.Disposable {
  private readonly panels = new PanelRegistry<DoctorPanel>();

  constructor(private readonly deps: DoctorPanelDeps) {}

  /** Opens (or reveals) the cluster's doctor and runs it (unless a run is going on). */
  open(cluster: ClusterRef): void {
    const panel = this.panels.revealOrCreate(
      cluster.key,
      () => new DoctorPanel(cluster, this.deps),
      (p) => p.reveal(),
    );
    panel.run(undefined, false);
  }

  dispose(): void {
    this.panels.dispose();
  }
}

class DoctorPanel implements vscode.Disposable {
  private readonly host: WebviewPanelHost<DoctorProtocol>;
  private ready = false;
  private running = false;
  private steps: DoctorStep[] = [];
  private report: DoctorReport | undefined;
  private topic: string | undefined;
  private write = false;
  private startedAt: number | undefined;
  private finishedAt: number | undefined;
  /** Counts runs: steps of an older run arriving late are dropped. */
  private generation = 0;

  constructor(
    private readonly cluster: ClusterRef,
    private readonly deps: DoctorPanelDeps,
  ) {
    this.host = new WebviewPanelHost({
      extensionUri: deps.extensionUri,
      viewType: 'msk.connectionDoctor',
      title: `Doctor: ${cluster.name}`,
      pageTitle: `Connection doctor: ${cluster.name}`,
      bundle: 'doctor',
      styles: ['doctor.css'],
      body:
        '<div class="toolbar"><button id="run">Run again</button>' +
        '<span class="options"><label for="topic">Topic</label><input id="topic" type="text" placeholder="optional: describe and read it" aria-label="Topic to check">' +
        '<label><input id="write" type="checkbox"> also write one test message</label></span>' +
        '<button id="copy" class="secondary">Copy as Markdown</button><button id="open" class="secondary">Open as Markdown</button>' +
        '<span id="status" class="status" role="status"></span></div><main id="root"></main>',
      protocol: doctorProtocol,
      log: deps.log,
      handlers: {
        ready: () => {
          this.ready = true;
          this.post();
        },
        run: ({ topic, write }) => void this.confirmAndRun(topic, write),
        copy: () => void this.copy(),
        openMarkdown: () => void this.openMarkdown(),
      },
    });
  }

  onDidClose(listener: () => void): void {
    this.host.onDidClose(listener);
  }

  reveal(): void {
    this.host.reveal();
  }

  private async confirmAndRun(topic: string | undefined, write: boolean): Promise<void> {
    if (write && topic) {
      const choice = await vscode.window.showWarningMessage(
        `Write one test message to “${topic}” on ${this.cluster.name}?`,
        {
          modal: true,
          detail:
            'The doctor produces one message (key "msk-explorer-doctor") to check write access. Consumers of the topic will see it.',
        },
        'Write One Message',
        'Describe and Read Only',
      );
      if (choice === undefined) return;
      write = choice === 'Write One Message';
    }
    this.run(topic, write);
  }

  run(topic: string | undefined, write: boolean): void {
    if (this.running || !this.host.isAlive) return;
    const generation = ++this.generation;
    this.running = true;
    this.topic = topic;
    this.write = write;
    this.steps = [];
    this.report = undefined;
    this.startedAt = Date.now();
    this.finishedAt = undefined;
    this.post();
    void runDoctor(this.deps.environment(), { cluster: this.cluster, topic, write }, (step) => {
      if (generation !== this.generation) return;
      const at = this.steps.findIndex((s) => s.id === step.id && s.status === 'running');
      if (at >= 0) this.steps[at] = step;
      else this.steps.push(step);
      this.post();
    })
      .then((report) => {
        if (generation !== this.generation) return;
        this.report = report;
        this.steps = report.steps.map((s) => ({ ...s }));
        this.finishedAt = report.finishedAt;
        const failed = report.steps.filter((s) => s.status === 'fail').length;
        this.deps.log.info(`doctor: ${this.cluster.name}: ${failed} failed step(s) of ${report.steps.length}`);
      })
      .catch((err: unknown) => this.deps.log.error(`doctor: ${this.cluster.name}: ${String(err)}`))
      .finally(() => {
        if (generation !== this.generation) return;
        this.running = false;
        this.finishedAt ??= Date.now();
        this.post();
      });
  }

  private markdown(): string {
    return reportMarkdown(
      this.report ?? {
        cluster: {
          name: this.cluster.name,
          source: this.cluster.source,
          arn: this.cluster.arn,
          region: this.cluster.region,
          profile: this.cluster.profile,
        },
        startedAt: this.startedAt ?? Date.now(),
        topic: this.topic,
        steps: this.steps,
      },
    );
  }

  private async copy(): Promise<void> {
    await vscode.env.clipboard.writeText(this.markdown());
    void vscode.window.showInformationMessage(
      `The doctor's report for ${this.cluster.name} is on the clipboard (secrets and account ids redacted).`,
    );
  }

  private async openMarkdown(): Promise<void> {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: this.markdown() });
    await vscode.window.showTextDocument(doc, { preview: false });
  }

  private state(): DoctorViewState {
    const c = this.cluster;
    const label =
      c.source === 'msk'
        ? ['MSK cluster', c.type.toLowerCase(), c.region, c.profile ? `profile ${c.profile}` : undefined]
        : ['manual connection', c.region];
    return {
      clusterName: c.name,
      clusterLabel: label.filter(Boolean).join(' · '),
      running: this.running,
      steps: this.steps,
      topic: this.topic,
      write: this.write,
      startedAt: this.startedAt,
      finishedAt: this.finishedAt,
    };
  }

  private post(): void {
    if (this.ready) this.host.notify('state', this.state());
  }

  dispose(): void {
    this.generation += 1;
    this.host.dispose();
  }
}
