import * as vscode from 'vscode';
import { Commands } from '../../contract/commands';
import type { TailTopicArgs } from '../../contract/crossFeature';
import type { ProduceReport } from '../../kafka/produce/types';
import type { ClusterRef } from '../../services/clusterModel';
import { executeCommand } from '../../ui/commands/registerCommand';
import { firstOffsets } from './send/summary';

/** The tail that shows what a send wrote: from the first offset per partition written (else from the default start). */
export function tailArgsAfter(cluster: ClusterRef, topic: string, report?: ProduceReport): TailTopicArgs {
  const offsets = report ? firstOffsets(report) : [];
  return {
    kind: 'tailTopic',
    cluster,
    topic,
    ...(offsets.length ? { start: { kind: 'offsets', offsets }, partitions: offsets.map((o) => o.partition) } : {}),
  };
}

/** Shows how a send went and offers to tail the topic from the first offset written. */
export async function offerTail(cluster: ClusterRef, report: ProduceReport, text: string): Promise<void> {
  const offsets = firstOffsets(report);
  const show = report.failed ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  const choice = await show(`${report.topic}: ${text}`, ...(offsets.length ? ['Tail this topic'] : []));
  if (choice !== 'Tail this topic') return;
  await executeCommand(Commands.tailTopic, tailArgsAfter(cluster, report.topic, report));
}
