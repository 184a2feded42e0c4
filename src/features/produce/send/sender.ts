/**
 * The one path every send takes (panel, producer files, selections, benchmark): the drafts as a
 * message source (templates rendered as messages are sent), then the produce engine, with the
 * cluster's pooled connection. No vscode import; the Kafka layer (and faker) are loaded on first use.
 */
import type { MessageDraft } from '../../../kafka/produce/render';
import type { ProduceEngine } from '../../../kafka/produce/engine';
import type { OutgoingMessage, ProduceOptions, ProduceProgress, ProduceReport } from '../../../kafka/produce/types';
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
  /** Encodes each rendered message (registry schemas, src/features/produce/schemaEncode.ts); throws a UserError. */
  encode?: (m: OutgoingMessage, index: number) => OutgoingMessage;
}

export class ProduceSender {
  private engine?: ProduceEngine;

  constructor(private readonly backend: Pick<Backend, 'kafka'>) {}

  async send(req: SendRequest): Promise<ProduceReport> {
    const k = kafkaModule();
    this.engine ??= new k.ProduceEngine();
    let messages;
    try {
      messages = await k.draftSource(req.drafts, req.count);
      if (req.encode) {
        const source = messages;
        const encode = req.encode;
        messages = { length: source.length, at: (i: number) => encode(source.at(i), i) };
      }
      // Templates render as messages are sent: render the first round now, so a template mistake
      // (an unknown function) refuses the send before anything is sent.
      for (let i = 0; i < Math.min(req.drafts.length, messages.length); i++) messages.at(i);
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
