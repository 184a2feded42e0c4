/** Codelenses: "Produce all" at the top, "Produce" on each block, the last send's status next to it. */
import type { CodeLens } from 'vscode-languageserver';
import type { ProducerFile } from '../producerFile/types';
import { PRODUCE_ALL_COMMAND, PRODUCE_BLOCK_COMMAND, SHOW_SEND_COMMAND } from '../protocol';

export interface BlockStatus {
  text: string;
  tooltip?: string;
}

const at = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 0 } });

export function computeCodeLenses(
  file: ProducerFile,
  uri: string,
  statuses: ReadonlyMap<number, BlockStatus>,
  /** Indexes of blocks with errors: "Produce all" counts only the others, and says how many need fixing. */
  withErrors: ReadonlySet<number> = new Set(),
): CodeLens[] {
  const withTopic = file.blocks.filter((b) => b.topic);
  if (withTopic.length === 0) return [];
  const sendable = withTopic.filter((b) => !withErrors.has(b.index));
  const broken = withTopic.length - sendable.length;
  const lenses: CodeLens[] = [];
  const total = sendable.reduce((n, b) => n + (b.repeat?.value ?? 1), 0);
  const counts = `${sendable.length} block${sendable.length === 1 ? '' : 's'}, ${total} message${total === 1 ? '' : 's'}`;
  lenses.push({
    range: at(0),
    command: {
      title: broken
        ? `⚠ Produce all: fix ${broken} block${broken === 1 ? '' : 's'} with errors first (${counts} ready)`
        : `▶ Produce all (${counts})`,
      command: PRODUCE_ALL_COMMAND,
      arguments: [uri],
    },
  });
  for (const b of file.blocks) {
    if (!b.topic) continue;
    const n = b.repeat?.value ?? 1;
    lenses.push({
      range: at(b.anchorLine),
      command: {
        title: `▶ Produce${n > 1 ? ` ×${n}` : ''} to ${b.topic.value}`,
        command: PRODUCE_BLOCK_COMMAND,
        arguments: [uri, b.index],
      },
    });
    const status = statuses.get(b.index);
    if (status) {
      lenses.push({
        range: at(b.anchorLine),
        command: { title: status.text, command: SHOW_SEND_COMMAND, arguments: [uri, b.index] },
      });
    }
  }
  return lenses;
}
