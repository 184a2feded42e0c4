/** Reading kafkajs error chains (through the one walker in src/shared/errorChain.ts). */
import { errorObjects, type ErrorLike } from '../../shared/errorChain';
import { compileAddressMap, resolveAddress } from '../socketFactory';
import type { KafkaErrorContext } from './kafkaUserError';

export type { ErrorLike };

export const first = (chain: ErrorLike[], pred: (e: ErrorLike) => boolean): ErrorLike | undefined => chain.find(pred);
export const codeOf = (e: ErrorLike): string => (typeof e.code === 'string' ? e.code : '');
export const msgOf = (e: ErrorLike): string => (typeof e.message === 'string' ? e.message : '');
/** The first broker address the chain names. */
export const brokerOf = (chain: ErrorLike[]): string | undefined =>
  first(chain, (e) => typeof e.broker === 'string')?.broker;

/**
 * Whether a broker answered that it does not know a topic or partition (e.g. a topic deleted
 * meanwhile), anywhere in the error chain (kafkajs links retried errors through `cause`, e.g.
 * KafkaJSNumberOfRetriesExceeded → KafkaJSProtocolError).
 */
export function isUnknownTopicError(err: unknown): boolean {
  return errorObjects(err).some(
    (e) => e.type === 'UNKNOWN_TOPIC_OR_PARTITION' || msgOf(e).includes('does not host this topic-partition'),
  );
}

/** Whether a kafkajs protocol error of this type (e.g. "MESSAGE_TOO_LARGE") is anywhere in the chain. */
export function hasKafkaErrorType(err: unknown, type: string): boolean {
  return errorObjects(err).some((e) => e.type === type);
}

/** The broker address an error names, with its tunnel target when the address map rewrote it. */
export function addressText(address: string, ctx: KafkaErrorContext): string {
  const m = /^(.*):(\d+)$/.exec(address);
  if (!m || !ctx.spec.addressMap) return address;
  try {
    const target = resolveAddress(compileAddressMap(ctx.spec.addressMap), m[1], Number(m[2]));
    const local = `${target.host}:${target.port}`;
    return local === address ? address : `${address} (mapped to ${local})`;
  } catch {
    return address;
  }
}

export const TUNNEL_HINT =
  'MSK brokers are reachable only inside their VPC unless public access is turned on for the cluster; from elsewhere, open an SSH or SSM tunnel and add an address map entry from each advertised broker address ("host:port") to its local tunnel port.';
export const PORT_HINT =
  'MSK listener ports: 9092 plaintext, 9094 TLS, 9096 SASL/SCRAM, 9098 IAM (with public access: 9194, 9196, 9198).';
