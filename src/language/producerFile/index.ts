// Producer files: parsing, shared by the language server and the extension (no vscode, no Kafka).
export * from './types';
export * from './parse';
export * from './drafts';
