/**
 * Read-only documents of schema versions (scheme `msk-schema`), highlighted by data format: Avro
 * and JSON Schema as JSON, Protobuf as proto3 when an extension provides it (else plain text).
 */
import type * as vscode from 'vscode';
import { ReadOnlyDocumentProvider } from '../../ui/readOnlyDocuments';

export const SCHEMA_DOC_SCHEME = 'msk-schema';

export interface SchemaDocContent {
  /** e.g. `sandbox-registry/orders-avro v2` (the path of the document). */
  name: string;
  dataFormat: string;
  definition: string;
}

const EXTENSIONS: Record<string, string> = { AVRO: '.avsc', PROTOBUF: '.proto', JSON: '.schema.json' };

/** A version's path (e.g. `/sandbox-registry/orders-avro v2.avsc`), text and languages. */
function documentOf(content: SchemaDocContent): [path: string, text: string, languages: string[]] {
  return [
    `/${content.name}${EXTENSIONS[content.dataFormat] ?? '.txt'}`,
    prettyDefinition(content.dataFormat, content.definition),
    content.dataFormat === 'PROTOBUF' ? ['proto3', 'proto'] : ['json'],
  ];
}

export class SchemaDocuments implements vscode.Disposable {
  private readonly docs = new ReadOnlyDocumentProvider(SCHEMA_DOC_SCHEME);

  /** Stores the content and returns the document, in the language of its data format. */
  open(content: SchemaDocContent): Promise<vscode.TextDocument> {
    return this.docs.open(...documentOf(content));
  }

  show(content: SchemaDocContent): Promise<vscode.TextEditor> {
    return this.docs.show(...documentOf(content));
  }

  /** The two versions side by side. */
  async diff(left: SchemaDocContent, right: SchemaDocContent): Promise<void> {
    const [l, r] = await Promise.all([this.open(left), this.open(right)]);
    await this.docs.diff(l, r, `${left.name} ↔ ${right.name}`);
  }

  dispose(): void {
    this.docs.dispose();
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
