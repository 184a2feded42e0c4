// Templates of the produce feature: vscode-free and Kafka-free (used by the language server too).
export * from './fakerNames';
export * from './functions';
export * from './parse';
export * from './render';
