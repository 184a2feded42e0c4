/**
 * The Topics folder's writes (checks before create, create, delete, set a config) on the cluster's
 * topic source: the brokers, or MSK's topic API when they cannot be reached (topicSource.ts).
 * Manual connections always use the brokers. No vscode import.
 */
import type * as Aws from '../aws/index';
import type * as Kafka from '../kafka/index';
import type { CreateTopicInput } from './backend';
import type { ClusterRef } from './clusterModel';
import { kafkaModule } from './lazyModules';
import type { TopicSource } from './topicSource';
import { mskTopicWrites } from './topicSourceApi';

export interface TopicWriteDeps {
  source: TopicSource;
  api: () => Aws.MskTopicsService;
  target: Aws.AwsTarget;
  kafka: () => Promise<Kafka.KafkaCluster>;
}

export function topicWrites(cluster: ClusterRef, deps: TopicWriteDeps) {
  const api = mskTopicWrites(cluster, deps.api, deps.target);
  const on = <T>(viaKafka: () => Promise<T>, viaApi: () => Promise<T>): Promise<T> =>
    cluster.source === 'msk' ? deps.source.run(cluster, viaKafka, viaApi) : viaKafka();
  return {
    validate: (input: CreateTopicInput): Promise<string[]> =>
      on(
        async () => {
          const kafka = await deps.kafka();
          const [brokers, topics] = await Promise.all([kafka.describeBrokers(), kafka.listTopics()]);
          return kafkaModule().validateCreateTopic(input, {
            brokerCount: brokers.length,
            existingTopics: topics.map((t) => t.name),
          });
        },
        () => api.validate(input),
      ),
    create: (input: CreateTopicInput): Promise<void> =>
      on(
        async () => (await deps.kafka()).createTopic(input),
        () => api.create(input),
      ),
    delete: (topic: string): Promise<void> =>
      on(
        async () => (await deps.kafka()).deleteTopic(topic),
        () => api.delete(topic),
      ),
    setConfig: (topic: string, key: string, value: string | null): Promise<void> =>
      on(
        async () => {
          await (await deps.kafka()).alterTopicConfigOverride(topic, key, value);
        },
        () => api.setConfig(topic, key, value),
      ),
  };
}
