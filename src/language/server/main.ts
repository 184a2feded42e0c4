/**
 * The producer-file language server (its own Node process, dist/languageServer.js). No vscode and
 * no Kafka client: it asks the extension for topic names (TOPICS_REQUEST) of the cluster the
 * extension says is active for each file (ACTIVE_CLUSTER_NOTIFICATION).
 */
import {
  CodeLensRefreshRequest,
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  SCHEMA_CHECK_REQUEST,
  SCHEMA_NAMES_REQUEST,
  TOPICS_REQUEST,
  type SchemaCheckResult,
  type SchemaNamesResult,
  type TopicsResult,
} from '../protocol';
import { ProducerFileServer } from './server';

const connection: Connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const server = new ProducerFileServer({
  publishDiagnostics: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
  requestTopics: (params) => connection.sendRequest<TopicsResult>(TOPICS_REQUEST, params),
  requestSchemaNames: (params) => connection.sendRequest<SchemaNamesResult>(SCHEMA_NAMES_REQUEST, params),
  requestSchemaCheck: (params) => connection.sendRequest<SchemaCheckResult>(SCHEMA_CHECK_REQUEST, params),
  refreshCodeLenses: () => void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined),
  getText: (uri) => documents.get(uri)?.getText(),
});

connection.onInitialize(() => ({
  capabilities: {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    completionProvider: { triggerCharacters: ['{', '.', ' ', ':', '/', '@'] },
    hoverProvider: true,
    codeLensProvider: { resolveProvider: false },
  },
}));

documents.onDidChangeContent((e) => server.validate(e.document.uri));
documents.onDidClose((e) => server.closed(e.document.uri));
connection.onCompletion((p) => server.completion(p.textDocument.uri, p.position));
connection.onHover((p) => server.hover(p.textDocument.uri, p.position));
connection.onCodeLens((p) => server.codeLenses(p.textDocument.uri));
server.listen(connection);
documents.listen(connection);
connection.listen();
