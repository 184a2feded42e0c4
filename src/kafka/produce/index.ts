// The produce feature's Kafka layer (no vscode import).
export * from './types';
export * from './size';
export * from './engine';
export * from './render';
