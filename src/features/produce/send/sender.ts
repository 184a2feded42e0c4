/**
 * The one path every send takes (panel, producer files, selections, benchmark): render the drafts'
 * templates, then the produce engine, with the cluster's pooled connection. No vscode import; the
 * Kafka layer (and faker) are loaded on first use.
 */
import type { MessageDraft } from '../../../kafka/produce/render';
import type { ProduceEngine } from '../../../kafka/produce/engine';
import type { ProduceOptions, ProduceProgress, ProduceReport } from '../../../kafka/produce/types';
import type { Backend } from '../../../services/backend';
import type { ClusterRef } from '../../../services/clusterModel';
import { kafkaModule } from '../../../services/lazyModules';
import { UserError } from '../../../shared/errors';

export interface SendRequest {
  cluster: ClusterRef;
  topic: string;
  drafts: MessageDraft[];
  /** How many times to send the drafts (templates rendered per message). */
  count: number;
  options: ProduceOptions;
  onProgress?: (p: ProduceProgress) => void;
  isCancelled?: () => boolean;
}

export class ProduceSender {
  private engine?: ProduceEngine;

  constructor(private readonly backend: Pick<Backend, 'kafka'>) {}

  async send(req: SendRequest): Promise<ProduceReport> {
    const k = kafkaModule();
    this.engine ??= new k.ProduceEngine();
    let messages;
    try {
      messages = await k.renderDrafts(req.drafts, req.count);
    } catch (err) {
      if (err instanceof Error && err.name === 'TemplateError') throw new UserError(err.message, { code: 'Template' });
      throw err;
    }
    const cluster = await this.backend.kafka(req.cluster);
    return this.engine.produce({ pool: cluster.pool, spec: cluster.spec }, req.topic, messages, req.options, {
      onProgress: req.onProgress,
      isCancelled: req.isCancelled,
    });
  }

  async dispose(): Promise<void> {
    await this.engine?.dispose();
  }
}
