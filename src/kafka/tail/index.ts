// The tail feature's Kafka layer (no vscode import).
export * from './types';
export * from './ephemeralGroup';
export * from './positions';
export * from './startCheck';
export * from './buffer';
export * from './decode';
export * from './filter';
export * from './filterRun';
export * from './messageJson';
export * from './rate';
export * from './engine';
export * from './readProbe';
