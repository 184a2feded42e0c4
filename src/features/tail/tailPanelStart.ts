/** Quick picks for a tail's start position and partitions (when opened from the tree or the palette). */
import * as vscode from 'vscode';
import type { TailStartPosition } from '../../kafka/tail';
import { CancellationError } from '../../shared/errors';

type Kind = TailStartPosition['kind'];

export async function pickStart(topic: string): Promise<TailStartPosition> {
  const items: (vscode.QuickPickItem & { start: Kind })[] = [
    { label: 'Newest (live)', description: 'only messages produced from now on', start: 'newest' },
    { label: 'Last N per partition', description: 'the most recent messages, then live', start: 'lastN' },
    { label: 'Oldest', description: 'everything still on the topic', start: 'oldest' },
    { label: 'From a timestamp', description: 'first message at or after a date/time', start: 'timestamp' },
    { label: 'From an offset per partition', description: 'e.g. 0:120, 1:88', start: 'offsets' },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: `Tail ${topic} from…`,
    placeHolder: 'Start position',
  });
  if (!picked) throw new CancellationError();
  switch (picked.start) {
    case 'newest':
    case 'oldest':
      return { kind: picked.start };
    case 'lastN': {
      const n = await ask('Messages per partition', '100', (v) =>
        /^\d{1,9}$/.test(v.trim()) ? undefined : 'A number',
      );
      return { kind: 'lastN', n: Number(n) };
    }
    case 'timestamp': {
      const v = await ask('Date/time (ISO 8601, e.g. 2025-01-31T12:00:00Z) or epoch milliseconds', '', (s) =>
        Number.isNaN(parseTimestamp(s)) ? 'Not a date/time' : undefined,
      );
      return { kind: 'timestamp', timestamp: parseTimestamp(v) };
    }
    case 'offsets': {
      const v = await ask('partition:offset pairs, comma-separated (e.g. 0:120, 1:88)', '', (s) =>
        parseOffsets(s) ? undefined : 'Use partition:offset, e.g. 0:120, 1:88',
      );
      return { kind: 'offsets', offsets: parseOffsets(v)! };
    }
  }
}

export function parseTimestamp(s: string): number {
  const t = s.trim();
  return /^\d+$/.test(t) ? Number(t) : Date.parse(t);
}

export function parseOffsets(s: string): { partition: number; offset: string }[] | undefined {
  const pairs = s
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (!pairs.length) return undefined;
  const out: { partition: number; offset: string }[] = [];
  for (const p of pairs) {
    const m = /^(\d+)\s*:\s*(\d+)$/.exec(p);
    if (!m) return undefined;
    out.push({ partition: Number(m[1]), offset: m[2] });
  }
  return out;
}

async function ask(prompt: string, value: string, validateInput: (v: string) => string | undefined): Promise<string> {
  const v = await vscode.window.showInputBox({ prompt, value, validateInput });
  if (v === undefined) throw new CancellationError();
  return v;
}

/** Partitions to tail: all by default; undefined means every partition. */
export async function pickPartitions(topic: string, count: number): Promise<number[] | undefined> {
  if (count <= 1) return undefined;
  const items = Array.from({ length: count }, (_, p) => ({ label: `Partition ${p}`, partition: p, picked: true }));
  const picked = await vscode.window.showQuickPick(items, {
    title: `Partitions of ${topic} to tail`,
    canPickMany: true,
    placeHolder: 'All partitions are selected',
  });
  if (!picked) throw new CancellationError();
  if (!picked.length || picked.length === count) return undefined;
  return picked.map((p) => p.partition);
}
