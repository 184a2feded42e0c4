import { readProduceSettings } from '../../config/settings';
import type { ProduceOptions } from '../../kafka/produce/types';

/** How JSON documents and producer files are sent: acks=all, uncompressed, idempotent when the setting says so. */
export function defaultSendOptions(): ProduceOptions {
  return { acks: -1, compression: 'none', idempotent: readProduceSettings().idempotent };
}
