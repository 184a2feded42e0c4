/** Connects a webview page to the extension host through its contract (the page's only use of acquireVsCodeApi). */
import type { Protocol } from './messages';
import { WebviewMessenger } from './webviewMessenger';

interface VsCodeApi {
  postMessage(message: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** The page's messenger: `listen` with the notification handlers, then send commands and requests. */
export function connectToHost<P extends Protocol>(protocol: P): WebviewMessenger<P> {
  const api = acquireVsCodeApi();
  const messenger = new WebviewMessenger(protocol, {
    post: (message) => api.postMessage(message),
    log: (line) => console.warn(line),
  });
  window.addEventListener('message', (event: MessageEvent<unknown>) => messenger.receive(event.data));
  window.addEventListener('pagehide', () => messenger.dispose());
  return messenger;
}
