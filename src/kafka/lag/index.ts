// The lag feature's Kafka layer (no vscode import).
export * from './verdict';
export * from './timeLag';
export * from './types';
export * from './engine';
export * from './reset';
export * from './firstRecords';
