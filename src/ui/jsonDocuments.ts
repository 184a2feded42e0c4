import * as vscode from 'vscode';

export const JSON_DOC_SCHEME = 'msk-doc';

/**
 * Read-only documents (cluster descriptions, topic configuration, connector details): content
 * providers make documents that cannot be edited or saved by accident.
 */
export class ReadOnlyDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private readonly registration: vscode.Disposable;

  constructor() {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(JSON_DOC_SCHEME, this);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** Shows `content` as a read-only document named `name` (e.g. "orders.describe.json"). */
  async show(name: string, content: string): Promise<vscode.TextEditor> {
    const uri = vscode.Uri.from({ scheme: JSON_DOC_SCHEME, path: `/${name}` });
    this.contents.set(uri.toString(), content);
    this.emitter.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(doc, { preview: false });
  }

  showJson(name: string, value: unknown): Promise<vscode.TextEditor> {
    return this.show(name.endsWith('.json') ? name : `${name}.json`, JSON.stringify(value, jsonReplacer, 2) + '\n');
  }

  dispose(): void {
    this.registration.dispose();
    this.emitter.dispose();
    this.contents.clear();
  }
}

function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return value;
}
