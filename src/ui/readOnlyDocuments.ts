/**
 * Read-only documents under one URI scheme: a content provider keeps the text of each path, so the
 * documents cannot be edited or saved by accident. Used for cluster descriptions and configs
 * (jsonDocuments.ts), schema versions and MSK configuration revisions; each keeps its own paths
 * and languages.
 */
import * as vscode from 'vscode';

export class ReadOnlyDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private readonly registration: vscode.Disposable;

  constructor(readonly scheme: string) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(scheme, this);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /**
   * Stores `text` at `path` (e.g. "/orders.describe.json") and returns its document, in the first
   * of `languages` VS Code knows, else plain text; with no languages, the one VS Code gives its name.
   */
  async open(path: string, text: string, languages: readonly string[] = []): Promise<vscode.TextDocument> {
    const uri = vscode.Uri.from({ scheme: this.scheme, path: path.startsWith('/') ? path : `/${path}` });
    this.contents.set(uri.toString(), text);
    this.emitter.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    if (languages.length === 0) return doc;
    const known = await vscode.languages.getLanguages();
    const language = languages.find((l) => known.includes(l)) ?? 'plaintext';
    return doc.languageId === language ? doc : vscode.languages.setTextDocumentLanguage(doc, language);
  }

  /** Opens (see `open`) and shows the document in an editor of its own. */
  async show(path: string, text: string, languages: readonly string[] = []): Promise<vscode.TextEditor> {
    return vscode.window.showTextDocument(await this.open(path, text, languages), { preview: false });
  }

  /** Two opened documents side by side (vscode.diff). */
  async diff(left: vscode.TextDocument, right: vscode.TextDocument, title: string): Promise<void> {
    await vscode.commands.executeCommand('vscode.diff', left.uri, right.uri, title, { preview: false });
  }

  dispose(): void {
    this.registration.dispose();
    this.emitter.dispose();
    this.contents.clear();
  }
}
