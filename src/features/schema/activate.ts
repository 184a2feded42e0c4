/**
 * Schema registries in the explorer: each cluster's Glue registries and configured Confluent
 * registry (folders under the cluster), a version's definition as a read-only document, and the
 * comparison of two versions. Returns the SchemaBrowser the producer uses to pick schemas.
 */
import * as vscode from 'vscode';
import { Commands, type TreeNodeArg } from '../../contract/commands';
import { SchemaBrowser, type SchemaVersionKey } from '../../services/schemaBrowse';
import { awsModule } from '../../services/lazyModules';
import { UserError } from '../../shared/errors';
import { SchemaVersionNode } from '../explorer/tree/nodes';
import type { SchemaVersionTarget } from '../explorer/tree/nodes';
import type { FeatureDeps } from '../featureDeps';
import { SchemaDocuments, type SchemaDocContent } from './schemaDocuments';

export function activateSchema(deps: FeatureDeps): SchemaBrowser | undefined {
  const { context, commands, backend, view } = deps;
  const registries = backend.schemaRegistries?.();
  if (!registries) return undefined;
  const browser = new SchemaBrowser(registries, (factory) => new (awsModule().GlueBrowseService)(factory));
  const docs = new SchemaDocuments();
  context.subscriptions.push(docs);

  view.setSchemaSource({
    glue: (cluster) => browser.for(cluster).glueBrowse(),
    confluent: (cluster) => browser.for(cluster).confluentBrowse(),
  });
  context.subscriptions.push({ dispose: () => view.setSchemaSource(undefined) });

  const content = async (target: SchemaVersionTarget): Promise<SchemaDocContent> => {
    const text = await browser.for(target.cluster).versionText(versionKey(target));
    const name =
      target.registry === 'glue'
        ? `${target.registryName}/${target.schemaName} v${target.version}`
        : `${target.subject} v${target.version}`;
    return { name, dataFormat: text.dataFormat, definition: text.definition };
  };
  const loading = <T>(title: string, work: () => Promise<T>): Thenable<T> =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, work);

  commands.register(Commands.openSchemaVersion, async (node) => {
    const v = versionNode(node);
    await docs.show(await loading('Reading schema…', () => content(v.target)));
  });

  commands.register(Commands.compareSchemaVersions, async (node) => {
    const v = versionNode(node);
    const others = v.siblings();
    if (others.length === 0) throw new UserError('This schema has no other version to compare with.');
    const picked = await vscode.window.showQuickPick(
      others.map((o) => ({ label: `Version ${o.target.version}`, description: o.spec.description, node: o })),
      { title: `Compare version ${v.target.version} with…`, placeHolder: 'Another version of this schema' },
    );
    if (!picked) return;
    const [older, newer] = picked.node.target.version < v.target.version ? [picked.node, v] : [v, picked.node];
    const [left, right] = await loading('Reading schemas…', () =>
      Promise.all([content(older.target), content(newer.target)]),
    );
    await docs.diff(left, right);
  });
  return browser;
}

function versionNode(node: TreeNodeArg | undefined): SchemaVersionNode {
  if (node instanceof SchemaVersionNode) return node;
  throw new UserError('Pick a schema version in the Amazon MSK view (Schema Registry folder of a cluster).');
}

function versionKey(t: SchemaVersionTarget): SchemaVersionKey {
  return t.registry === 'glue'
    ? { registry: 'glue', registryName: t.registryName, schemaName: t.schemaName, version: t.version }
    : { registry: 'confluent', subject: t.subject, version: t.version };
}
