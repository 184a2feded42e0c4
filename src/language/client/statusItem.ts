/** The status bar item naming the active producer file's cluster; clicking it picks another. */
import * as vscode from 'vscode';
import { Commands } from '../../contract/commands';
import { PRODUCER_LANGUAGE_ID } from '../protocol';
import type { FileClusters } from './fileClusters';

export class ProducerFileStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'msk.producerFileCluster',
    vscode.StatusBarAlignment.Left,
    50,
  );
  private readonly subs: vscode.Disposable[] = [];

  constructor(private readonly clusters: FileClusters) {
    this.item.name = 'MSK Producer File Cluster';
    this.item.command = Commands.selectProducerFileCluster.id;
    this.subs.push(vscode.window.onDidChangeActiveTextEditor(() => this.update()));
    this.update();
  }

  update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.languageId !== PRODUCER_LANGUAGE_ID) {
      this.item.hide();
      return;
    }
    const cluster = this.clusters.get(doc.uri.toString());
    this.item.text = `$(send) ${cluster ? cluster.name : 'No cluster'}`;
    this.item.tooltip = cluster
      ? `Producer file sends to ${cluster.name}. Click to change.`
      : 'Select the cluster this producer file sends to';
    this.item.show();
  }

  dispose(): void {
    for (const s of this.subs.splice(0)) s.dispose();
    this.item.dispose();
  }
}
