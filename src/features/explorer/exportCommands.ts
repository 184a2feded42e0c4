/**
 * Export Topics… (the Topics folder) and Export Consumer Groups… (the Consumer groups folder), to
 * CSV or JSON: read in the background with progress and Cancel (src/ui/exportFile.ts), built by
 * src/services/exports. Topics follow the cluster's topic source (the brokers, or MSK's topic API
 * when they cannot be reached) and the file says which.
 */
import { Commands } from '../../contract/commands';
import { isExportGroupsArgs } from '../../contract/crossFeature';
import type { Backend } from '../../services/backend';
import { buildExport } from '../../services/exports/builders';
import { headerCluster, type ExportHeader } from '../../services/exports/model';
import { readGroups, readTopics } from '../../services/exports/read';
import type { ClusterRef } from '../../services/clusterModel';
import type { MskSettings } from '../../services/settingsModel';
import type { CommandRegistry } from '../../ui/commands/registerCommand';
import { runExport } from '../../ui/exportFile';
import { resolveCluster } from './pickers';
import type { ExplorerView } from './tree/explorerView';

interface Deps {
  backend: Backend;
  view: ExplorerView;
  settings: () => MskSettings;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function header(cluster: ClusterRef, source: string, time: Date): ExportHeader {
  return { cluster: headerCluster(cluster), source, time: time.toISOString() };
}

export function registerExportCommands(commands: CommandRegistry, deps: Deps): void {
  const { backend, view, settings } = deps;

  commands.register(Commands.exportTopics, async (node) => {
    const cluster = await resolveCluster(node, backend, view, 'Export the topics of…');
    await runExport({
      title: `Export the topics of ${cluster.name}`,
      fileStem: `${cluster.name}-topics`,
      unit: 'topics',
      read: async ({ signal, progress }) => {
        const time = new Date();
        const read = await readTopics(backend.ops(cluster), {
          includeInternal: settings().showInternalTopics,
          signal,
          progress,
        });
        return { ...read, header: header(cluster, read.source, time) };
      },
      build: (format, data) => buildExport(format, data.header, { kind: 'topics', topics: data.topics }),
      summary: (data) => `${plural(data.topics.length, 'topic')} of ${cluster.name} (${data.source})`,
    });
  });

  commands.register(Commands.exportGroups, async (arg) => {
    const cluster = isExportGroupsArgs(arg)
      ? arg.cluster
      : await resolveCluster(arg, backend, view, 'Export the consumer groups of…');
    await runExport({
      title: `Export the consumer groups of ${cluster.name}`,
      fileStem: `${cluster.name}-groups`,
      unit: 'groups',
      read: async ({ signal, progress }) => {
        const time = new Date();
        const groups = await readGroups(() => backend.kafka(cluster), { signal, progress });
        return { groups, header: header(cluster, 'Kafka brokers', time) };
      },
      build: (format, data) => buildExport(format, data.header, { kind: 'groups', groups: data.groups }),
      summary: (data) => `${plural(data.groups.length, 'consumer group')} of ${cluster.name}`,
    });
  });
}
