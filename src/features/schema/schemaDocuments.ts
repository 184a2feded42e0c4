/**
 * Read-only documents of schema versions (scheme `msk-schema`), highlighted by data format: Avro
 * and JSON Schema as JSON, Protobuf as proto3 when an extension provides it (else plain text).
 */
import * as vscode from 'vscode';

export const SCHEMA_DOC_SCHEME = 'msk-schema';

export interface SchemaDocContent {
  /** e.g. `sandbox-registry/orders-avro v2` (the path of the document). */
  name: string;
  dataFormat: string;
  definition: string;
}

const EXTENSIONS: Record<string, string> = { AVRO: '.avsc', PROTOBUF: '.proto', JSON: '.schema.json' };

export class SchemaDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private readonly registration: vscode.Disposable;

  constructor() {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(SCHEMA_DOC_SCHEME, this);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** Stores the content and returns the document, in the language of its data format. */
  async open(content: SchemaDocContent): Promise<vscode.TextDocument> {
    const uri = vscode.Uri.from({
      scheme: SCHEMA_DOC_SCHEME,
      path: `/${content.name}${EXTENSIONS[content.dataFormat] ?? '.txt'}`,
    });
    this.contents.set(uri.toString(), prettyDefinition(content.dataFormat, content.definition));
    this.emitter.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    const language = await languageOf(content.dataFormat);
    return doc.languageId === language ? doc : vscode.languages.setTextDocumentLanguage(doc, language);
  }

  async show(content: SchemaDocContent): Promise<vscode.TextEditor> {
    return vscode.window.showTextDocument(await this.open(content), { preview: false });
  }

  /** The two versions side by side (vscode.diff). */
  async diff(left: SchemaDocContent, right: SchemaDocContent): Promise<void> {
    const [l, r] = await Promise.all([this.open(left), this.open(right)]);
    await vscode.commands.executeCommand('vscode.diff', l.uri, r.uri, `${left.name} ↔ ${right.name}`, {
      preview: false,
    });
  }

  dispose(): void {
    this.registration.dispose();
    this.emitter.dispose();
    this.contents.clear();
  }
}

/** Avro and JSON Schema definitions indented for reading (registries often store them on one line). */
export function prettyDefinition(dataFormat: string, definition: string): string {
  if (dataFormat === 'PROTOBUF') return definition.endsWith('\n') ? definition : `${definition}\n`;
  try {
    return `${JSON.stringify(JSON.parse(definition), null, 2)}\n`;
  } catch {
    return definition;
  }
}

async function languageOf(dataFormat: string): Promise<string> {
  if (dataFormat !== 'PROTOBUF') return 'json';
  const known = await vscode.languages.getLanguages();
  return ['proto3', 'proto'].find((l) => known.includes(l)) ?? 'plaintext';
}
