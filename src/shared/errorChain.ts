/**
 * The one walker of error chains, used by the AWS and Kafka classifiers and by the log text.
 * Errors are recognised by shape, never by class, so this works across bundles and never loads
 * kafkajs or the AWS SDK.
 */
import { errorMessage } from './errors';

/** The fields of thrown values that classifiers and the log look at; every one may be missing. */
export interface ErrorLike {
  name?: string;
  message?: string;
  /** kafkajs protocol error type, e.g. "TOPIC_AUTHORIZATION_FAILED". */
  type?: string;
  /** Node/SDK error code ("ECONNREFUSED"), a UserError code, or a Kafka protocol error number. */
  code?: string | number;
  /** kafkajs: the broker address an error is about. */
  broker?: string;
  cause?: unknown;
  /** AggregateError members. */
  errors?: unknown[];
  /** kafkajs per-group failures (KafkaJSDeleteGroupsError). */
  groups?: { error?: unknown }[];
  $metadata?: { httpStatusCode?: unknown };
}

const MAX_LINKS = 50;

/**
 * The error and everything under it, outermost first and breadth-first: `cause`, the members of
 * an AggregateError (`errors`) and kafkajs' per-group errors (`groups[].error`), each once.
 * Strings and other primitives are kept (a cause may be a string); null and undefined are not.
 */
export function errorChain(err: unknown): unknown[] {
  const out: unknown[] = [];
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length && out.length < MAX_LINKS) {
    const e = queue.shift();
    if (e === undefined || e === null || seen.has(e)) continue;
    seen.add(e);
    out.push(e);
    if (typeof e !== 'object') continue;
    const { cause, errors, groups } = e as ErrorLike;
    if (cause !== undefined) queue.push(cause);
    if (Array.isArray(errors)) queue.push(...errors);
    if (Array.isArray(groups)) for (const g of groups) if (g && typeof g === 'object') queue.push(g.error);
  }
  return out;
}

/** The objects of the chain (what classifiers inspect), typed by the fields they may have. */
export function errorObjects(err: unknown): ErrorLike[] {
  return errorChain(err).filter((e): e is ErrorLike => typeof e === 'object');
}

/** One line per link of the chain: "Name (code): message". For the log or a details view. */
export function describeChain(err: unknown): string[] {
  return errorChain(err).map((e) => {
    if (typeof e !== 'object') return errorMessage(e);
    const { name, code } = e as ErrorLike;
    const message = errorMessage(e);
    const label = typeof name === 'string' && name ? name : 'Error';
    const withCode =
      (typeof code === 'string' || typeof code === 'number') && code !== name ? `${label} (${code})` : label;
    return message && message !== label ? `${withCode}: ${message}` : withCode;
  });
}
