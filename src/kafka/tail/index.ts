// The tail feature's Kafka layer (no vscode import).
export {};
