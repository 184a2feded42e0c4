import * as vscode from 'vscode';
import { Commands } from '../../contract/commands';
import type { ProduceReport } from '../../kafka/produce/types';
import type { ClusterRef } from '../../services/clusterModel';
import { executeCommand } from '../../ui/commands/registerCommand';
import { firstOffsets } from './send/summary';

/** Shows how a send went and offers to tail the topic from the first offset written. */
export async function offerTail(cluster: ClusterRef, report: ProduceReport, text: string): Promise<void> {
  const offsets = firstOffsets(report);
  const show = report.failed ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  const choice = await show(`${report.topic}: ${text}`, ...(offsets.length ? ['Tail this topic'] : []));
  if (choice !== 'Tail this topic') return;
  await executeCommand(Commands.tailTopic, {
    kind: 'tailTopic',
    cluster,
    topic: report.topic,
    start: { kind: 'offsets', offsets },
    partitions: offsets.map((o) => o.partition),
  });
}
