/**
 * Read-only documents of MSK configuration revisions (scheme `msk-config`): the server.properties
 * of one revision, in the `properties` language when VS Code has it, and the diff of two revisions.
 */
import type * as vscode from 'vscode';
import { ReadOnlyDocumentProvider } from '../../ui/readOnlyDocuments';

export const MSK_CONFIG_DOC_SCHEME = 'msk-config';

export interface RevisionDocContent {
  /** The configuration's ARN (its last segment keeps same-named configurations of other regions apart). */
  arn: string;
  /** The configuration's name. */
  name: string;
  revision: number;
  serverProperties: string;
}

/** A revision's path, e.g. `/<configuration id>/msk-sandbox-config-revision-2.properties` (a revision never changes), text and languages. */
function documentOf(content: RevisionDocContent): [path: string, text: string, languages: string[]] {
  const id = content.arn.split('/').pop() || 'configuration';
  const text = content.serverProperties.endsWith('\n') ? content.serverProperties : `${content.serverProperties}\n`;
  return [`/${id}/${content.name}-revision-${content.revision}.properties`, text, ['properties', 'ini']];
}

export class MskConfigurationDocuments implements vscode.Disposable {
  private readonly docs = new ReadOnlyDocumentProvider(MSK_CONFIG_DOC_SCHEME);

  open(content: RevisionDocContent): Promise<vscode.TextDocument> {
    return this.docs.open(...documentOf(content));
  }

  show(content: RevisionDocContent): Promise<vscode.TextEditor> {
    return this.docs.show(...documentOf(content));
  }

  /** The older revision on the left, the newer on the right. */
  async diff(older: RevisionDocContent, newer: RevisionDocContent): Promise<void> {
    const [l, r] = await Promise.all([this.open(older), this.open(newer)]);
    const title = `${older.name}: revision ${older.revision} ↔ ${newer.name === older.name ? '' : `${newer.name} `}revision ${newer.revision}`;
    await this.docs.diff(l, r, title);
  }

  dispose(): void {
    this.docs.dispose();
  }
}
