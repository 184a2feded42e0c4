/**
 * Client-side checks run before a topic is created, so people get a precise message instead of
 * a broker error code. Pure functions: the tree's input boxes can call them on every keystroke.
 */

export const MAX_TOPIC_NAME_LENGTH = 249;
const LEGAL_TOPIC_NAME = /^[a-zA-Z0-9._-]+$/;

/** Returns why `name` cannot be a Kafka topic name, or undefined when it can. */
export function validateTopicName(name: string): string | undefined {
  if (name.length === 0) return 'Enter a topic name.';
  if (name === '.' || name === '..') return `A topic cannot be named "${name}".`;
  if (name.length > MAX_TOPIC_NAME_LENGTH)
    return `A topic name can have at most ${MAX_TOPIC_NAME_LENGTH} characters (this one has ${name.length}).`;
  if (!LEGAL_TOPIC_NAME.test(name)) {
    const bad = [...new Set([...name].filter((c) => !/[a-zA-Z0-9._-]/.test(c)))]
      .map((c) => (c === ' ' ? 'space' : `"${c}"`))
      .join(', ');
    return `A topic name may only contain letters, digits, ".", "_" and "-" (not ${bad}).`;
  }
  return undefined;
}

export interface CreateTopicRequest {
  name: string;
  partitions: number;
  replicationFactor: number;
  /** Topic-level config overrides, e.g. { "retention.ms": "86400000" }. */
  configs?: Record<string, string>;
}

export interface CreateTopicContext {
  /** Brokers currently in the cluster. */
  brokerCount: number;
  /** Existing topic names, to report a duplicate or a "." / "_" collision before the broker does. */
  existingTopics?: readonly string[];
}

/** Every problem with a create-topic request; empty when it may be sent. */
export function validateCreateTopic(request: CreateTopicRequest, context: CreateTopicContext): string[] {
  const problems: string[] = [];
  const nameProblem = validateTopicName(request.name);
  if (nameProblem) problems.push(nameProblem);
  else if (context.existingTopics) {
    if (context.existingTopics.includes(request.name)) problems.push(`Topic "${request.name}" already exists.`);
    else {
      const collides = context.existingTopics.find((t) => collisionKey(t) === collisionKey(request.name));
      if (collides)
        problems.push(
          `Topic "${request.name}" would collide with the existing topic "${collides}": Kafka treats "." and "_" as the same in metric names.`,
        );
    }
  }
  if (!Number.isInteger(request.partitions) || request.partitions < 1)
    problems.push(`Partitions must be a whole number of at least 1 (got ${String(request.partitions)}).`);
  if (!Number.isInteger(request.replicationFactor) || request.replicationFactor < 1)
    problems.push(
      `Replication factor must be a whole number of at least 1 (got ${String(request.replicationFactor)}).`,
    );
  else if (request.replicationFactor > context.brokerCount)
    problems.push(
      `Replication factor ${request.replicationFactor} is more than the ${context.brokerCount} broker(s) in the cluster; use at most ${context.brokerCount}.`,
    );
  for (const [key, value] of Object.entries(request.configs ?? {})) {
    if (!/^[a-z0-9][a-z0-9._-]*$/i.test(key)) problems.push(`"${key}" is not a valid config name.`);
    if (typeof value !== 'string') problems.push(`The value of "${key}" must be text.`);
  }
  return problems;
}

function collisionKey(name: string): string {
  return name.replace(/\./g, '_');
}
