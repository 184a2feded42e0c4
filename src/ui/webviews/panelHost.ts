/**
 * The one webview panel host. A panel is created with the strict-CSP page of its bundle
 * (./webviewHtml.ts); what its webview sends is validated against the webview's contract
 * (src/webviews/<name>/protocol.ts) and handed to the handler of each command and request;
 * notifications are posted only while the panel is alive; closing it disposes everything it owns.
 * `PanelRegistry` keeps the open panels by key (reveal-or-create) and disposes them all.
 */
import * as vscode from 'vscode';
import { presentError } from '../../shared/errorPresentation';
import { isCancellation } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import { HostMessenger } from '../../webviews/shared/hostMessenger';
import type {
  HostHandlers,
  NotificationName,
  NotificationParams,
  ParamsArg,
  Protocol,
  ToWebview,
} from '../../webviews/shared/messages';
import { openWebviewPanel } from './webviewHtml';

export interface PanelHostOptions<P extends Protocol> {
  extensionUri: vscode.Uri;
  viewType: string;
  /** The tab title. */
  title: string;
  /** The page's <title> (default: the tab title). */
  pageTitle?: string;
  /** The webview bundle: media/dist/<bundle>.js, built from src/webviews/<bundle>/main.ts. */
  bundle: string;
  /** Static markup the bundle fills (no data: data only travels in messages, rendered as text). */
  body: string;
  /** Extra stylesheets in media/, after media/webview.css. */
  styles?: string[];
  protocol: P;
  handlers: HostHandlers<P>;
  log: Logger;
  /**
   * A command handler failed (nobody waits for an answer). Default: logged with its cause chain and
   * shown as an error message with its next step.
   */
  onCommandError?: (err: unknown, command: string) => void;
}

export class WebviewPanelHost<P extends Protocol> implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  private readonly messenger: HostMessenger<P>;
  private readonly owned: vscode.Disposable[] = [];
  private readonly closeListeners: (() => void)[] = [];
  private alive = true;

  constructor(opts: PanelHostOptions<P>) {
    this.panel = openWebviewPanel(opts.extensionUri, opts);
    const name = opts.protocol.name;
    this.messenger = new HostMessenger({
      protocol: opts.protocol,
      handlers: opts.handlers,
      log: opts.log,
      post: (message) => this.post(message),
      describeError: (err) => {
        const { message, hint } = presentError(err);
        return hint ? { message, hint } : { message };
      },
      onCommandError:
        opts.onCommandError ??
        ((err, command) => {
          if (isCancellation(err)) return;
          const shown = presentError(err);
          opts.log.error(`${name} view: "${command}" failed: ${shown.logText}`);
          void vscode.window.showErrorMessage(shown.text);
        }),
    });
    this.owned.push(
      this.panel.webview.onDidReceiveMessage((raw: unknown) => void this.messenger.receive(raw)),
      this.panel.onDidDispose(() => this.closed()),
    );
  }

  /** Until the panel is closed (by the person or by `dispose`). */
  get isAlive(): boolean {
    return this.alive;
  }

  get visible(): boolean {
    return this.alive && this.panel.visible;
  }

  /** Sends a notification to the webview; nothing once the panel is closed. */
  notify<K extends NotificationName<P>>(method: K, ...params: ParamsArg<NotificationParams<P, K>>): void {
    if (this.alive) this.messenger.notify(method, ...params);
  }

  /** Ties disposables to the panel: disposed when it closes (at once if it is closed already). */
  own(...disposables: vscode.Disposable[]): void {
    if (this.alive) this.owned.push(...disposables);
    else for (const d of disposables) d.dispose();
  }

  /** Runs `listener` once, when the panel closes. */
  onDidClose(listener: () => void): void {
    if (this.alive) this.closeListeners.push(listener);
    else listener();
  }

  reveal(): void {
    if (this.alive) this.panel.reveal();
  }

  setTitle(title: string): void {
    if (this.alive) this.panel.title = title;
  }

  /** Closes the panel; its owned disposables and close listeners run. */
  dispose(): void {
    if (this.alive) this.panel.dispose();
  }

  private post(message: ToWebview): void {
    if (!this.alive) return;
    // A webview that is reloading (hidden without retained context) drops messages: the page asks again when ready.
    void this.panel.webview.postMessage(message).then(undefined, () => undefined);
  }

  private closed(): void {
    if (!this.alive) return;
    this.alive = false;
    for (const d of this.owned.splice(0)) d.dispose();
    for (const listener of this.closeListeners.splice(0)) listener();
  }
}

/** Something a registry can hold: closes itself, and says when it has closed. */
export interface ClosablePanel extends vscode.Disposable {
  onDidClose(listener: () => void): void;
}

/** The open panels of one kind, by key: reveal-or-create, forgotten when closed, all closed on dispose. */
export class PanelRegistry<T extends ClosablePanel> implements vscode.Disposable {
  private readonly open = new Map<string, T>();
  private unkeyed = 0;

  get(key: string): T | undefined {
    return this.open.get(key);
  }

  /** The open panel of `key` (passed to `reveal`), or a new one from `create`. */
  revealOrCreate(key: string, create: () => T, reveal: (panel: T) => void): T {
    const existing = this.open.get(key);
    if (existing) {
      reveal(existing);
      return existing;
    }
    return this.add(create(), key);
  }

  /** Holds a panel (one with no key when several may be open at once). */
  add(panel: T, key = `\u0000${++this.unkeyed}`): T {
    this.open.set(key, panel);
    panel.onDidClose(() => {
      if (this.open.get(key) === panel) this.open.delete(key);
    });
    return panel;
  }

  get size(): number {
    return this.open.size;
  }

  dispose(): void {
    for (const panel of [...this.open.values()]) panel.dispose();
    this.open.clear();
  }
}
