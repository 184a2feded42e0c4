import { Kafka, logLevel } from 'kafkajs';
import type { SandboxState } from '../state';

/** A kafkajs client of the sandbox broker's plaintext listener, as the control plane's parts use it. */
export function controlPlaneKafka(
  state: SandboxState,
  clientId: string,
  opts: { requestTimeout: number; retries?: number; initialRetryTime?: number; maxRetryTime?: number },
): Kafka {
  return new Kafka({
    clientId,
    brokers: state.listeners.plaintext.split(',').map((s) => s.trim()),
    logLevel: logLevel.NOTHING,
    connectionTimeout: Math.min(3000, opts.requestTimeout),
    requestTimeout: opts.requestTimeout,
    retry: {
      retries: opts.retries ?? 1,
      initialRetryTime: opts.initialRetryTime ?? 200,
      maxRetryTime: opts.maxRetryTime ?? 1000,
    },
  });
}
