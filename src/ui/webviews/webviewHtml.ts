import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** A fresh nonce from the OS's CSPRNG, for one rendering of one webview. */
export function makeNonce(): string {
  return randomBytes(18).toString('base64');
}

/**
 * The page of a webview: a strict CSP (`default-src 'none'`, scripts only with this nonce, styles
 * only from the extension), no inline handlers, and a single ES-module bundle from media/dist.
 */
export function webviewHtml(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  opts: {
    bundle: string;
    title: string;
    body: string;
    /** Extra stylesheets in media/ (e.g. 'tail.css'), after media/webview.css. */
    styles?: string[];
  },
): string {
  const nonce = makeNonce();
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'dist', `${opts.bundle}.js`));
  const styles = ['webview.css', ...(opts.styles ?? [])].map((name) =>
    webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', name)).toString(),
  );
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles.map((href) => `<link rel="stylesheet" href="${href}">`).join('\n')}
<title>${escapeHtml(opts.title)}</title>
</head>
<body>
${opts.body}
<script type="module" nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    retainContextWhenHidden: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** A webview panel of this extension: MSK icon, strict options, and the page of `bundle`. */
export function openWebviewPanel(
  extensionUri: vscode.Uri,
  opts: { viewType: string; title: string; bundle: string; body: string; styles?: string[]; pageTitle?: string },
): vscode.WebviewPanel {
  const panel = vscode.window.createWebviewPanel(
    opts.viewType,
    opts.title,
    vscode.ViewColumn.Active,
    webviewOptions(extensionUri),
  );
  panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'msk.svg');
  panel.webview.html = webviewHtml(panel.webview, extensionUri, {
    bundle: opts.bundle,
    title: opts.pageTitle ?? opts.title,
    body: opts.body,
    styles: opts.styles,
  });
  return panel;
}
