// The lag feature's Kafka layer (no vscode import).
export {};
