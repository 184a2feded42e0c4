import type * as vscode from 'vscode';
import { ReadOnlyDocumentProvider } from './readOnlyDocuments';

export const JSON_DOC_SCHEME = 'msk-doc';

/**
 * Read-only documents (cluster descriptions, topic configuration, connector details), shown by
 * name, e.g. `show('orders.describe.json', text)`, or `showJson` of a value.
 */
export class ReadOnlyDocuments extends ReadOnlyDocumentProvider {
  constructor() {
    super(JSON_DOC_SCHEME);
  }

  showJson(name: string, value: unknown): Promise<vscode.TextEditor> {
    return this.show(name.endsWith('.json') ? name : `${name}.json`, JSON.stringify(value, jsonReplacer, 2) + '\n');
  }
}

function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return value;
}
