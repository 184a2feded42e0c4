/**
 * Recent sends of the producer panel, in workspaceState: the draft (key, value, headers, options)
 * and a one-line result. Never credentials: a draft holds only what the person typed as a message.
 */
import type * as vscode from 'vscode';
import type { HistoryItem, PanelDraft } from '../../webviews/producer/protocol';
import { parseDraft } from '../../webviews/producer/protocol';

const KEY = 'msk.produce.history';

interface Stored extends HistoryItem {
  clusterKey: string;
}

export class ProducerHistory {
  constructor(
    private readonly state: vscode.Memento,
    private readonly size: () => number,
  ) {}

  /** Stored items whose draft is valid, as parsed (so "use again" and "send again" get checked drafts). */
  private all(): Stored[] {
    const raw = this.state.get<unknown>(KEY);
    if (!Array.isArray(raw)) return [];
    const out: Stored[] = [];
    for (const x of raw as unknown[]) {
      if (typeof x !== 'object' || x === null) continue;
      const s = x as Stored;
      if (typeof s.id !== 'string' || typeof s.clusterKey !== 'string' || typeof s.topic !== 'string') continue;
      const draft = parseDraft(s.draft);
      if (draft) out.push({ ...s, draft });
    }
    return out;
  }

  list(clusterKey: string, topic: string): HistoryItem[] {
    return this.all()
      .filter((x) => x.clusterKey === clusterKey && x.topic === topic)
      .map(({ clusterKey: _c, ...item }) => item);
  }

  get(id: string): HistoryItem | undefined {
    return this.all().find((x) => x.id === id);
  }

  async add(clusterKey: string, topic: string, draft: PanelDraft, summary: string): Promise<void> {
    // Large values are not kept (workspaceState is not a message store).
    if ((draft.value?.length ?? 0) + (draft.key?.length ?? 0) > 64_000) return;
    const item: Stored = {
      id: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
      at: new Date().toISOString(),
      clusterKey,
      topic,
      draft,
      summary,
    };
    const same = (x: Stored) =>
      x.clusterKey === clusterKey && x.topic === topic && JSON.stringify(x.draft) === JSON.stringify(draft);
    const next = [item, ...this.all().filter((x) => !same(x))].slice(0, Math.max(1, this.size()));
    await this.state.update(KEY, next);
  }
}
