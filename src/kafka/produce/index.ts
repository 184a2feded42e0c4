// The produce feature's Kafka layer (no vscode import).
export {};
