/**
 * The typed message layer between webviews and the host: requests are answered by id (late or
 * unknown answers are dropped), errors travel with their next step, a request nobody answers
 * rejects after its timeout, and malformed messages are dropped with a log line naming the problem.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import { UserError } from '../../../src/shared/errors';
import { HostMessenger } from '../../../src/webviews/shared/hostMessenger';
import {
  command,
  defineProtocol,
  isRecord,
  noParams,
  notification,
  request,
  type HostHandlers,
  type ToHost,
  type ToWebview,
} from '../../../src/webviews/shared/messages';
import { RequestError, WebviewMessenger } from '../../../src/webviews/shared/webviewMessenger';

const isText = (raw: unknown) => (isRecord(raw) && typeof raw.text === 'string' ? { text: raw.text } : undefined);

const protocol = defineProtocol({
  name: 'test',
  notifications: { status: notification<{ count: number }>(), loading: notification() },
  commands: { ready: command(noParams), say: command(isText) },
  requests: {
    echo: request<{ text: string }, { echoed: string }>(isText),
    fail: request<{ text: string }, never>(isText),
    slow: request<{ text: string }, string>(isText, { timeoutMs: 5_000 }),
  },
});

/** A webview messenger whose posts are recorded (the host side is played by the test). */
function webviewSide() {
  const sent: ToHost[] = [];
  const logs: string[] = [];
  const webview = new WebviewMessenger(protocol, { post: (m) => sent.push(m), log: (l) => logs.push(l) });
  const lastId = () => {
    const last = sent.at(-1);
    assert.equal(last?.kind, 'request');
    return last.id;
  };
  return { webview, sent, logs, lastId };
}

/** A host messenger with the given handlers; posts and log lines are recorded. */
function hostSide(handlers: Partial<HostHandlers<typeof protocol>> = {}) {
  const posted: ToWebview[] = [];
  const warnings: string[] = [];
  const commandErrors: { err: unknown; command: string }[] = [];
  const host = new HostMessenger({
    protocol,
    handlers: {
      ready: () => undefined,
      say: () => undefined,
      echo: ({ text }) => ({ echoed: text }),
      fail: () => {
        throw new UserError('The broker refused it.', { hint: 'Check the ACLs of the topic.' });
      },
      slow: () => new Promise<string>(() => undefined),
      ...handlers,
    },
    post: (m) => posted.push(m),
    log: { warn: (l) => warnings.push(l) },
    describeError: (err) => ({
      message: err instanceof Error ? err.message : String(err),
      ...(err instanceof UserError && err.hint ? { hint: err.hint } : {}),
    }),
    onCommandError: (err, command) => commandErrors.push({ err, command }),
  });
  return { host, posted, warnings, commandErrors };
}

describe('webview requests (the webview side)', () => {
  test('answers are matched to their request by id, whatever their order', async () => {
    const { webview, sent, lastId } = webviewSide();
    const first = webview.request('echo', { text: 'one' });
    const firstId = lastId();
    const second = webview.request('echo', { text: 'two' });
    const secondId = lastId();
    assert.notEqual(firstId, secondId);
    assert.deepEqual(sent[0], { kind: 'request', id: firstId, method: 'echo', params: { text: 'one' } });

    webview.receive({ kind: 'response', id: secondId, result: { echoed: 'two' } });
    webview.receive({ kind: 'response', id: firstId, result: { echoed: 'one' } });
    assert.deepEqual(await first, { echoed: 'one' });
    assert.deepEqual(await second, { echoed: 'two' });
    assert.equal(webview.waiting, 0);
  });

  test('an answer to an unknown id (or a second answer) is ignored; the waiting request still gets its own', async () => {
    const { webview, logs, lastId } = webviewSide();
    const pending = webview.request('echo', { text: 'mine' });
    const id = lastId();
    webview.receive({ kind: 'response', id: id + 100, result: { echoed: 'not mine' } });
    assert.equal(webview.waiting, 1);
    webview.receive({ kind: 'response', id, result: { echoed: 'mine' } });
    webview.receive({ kind: 'response', id, result: { echoed: 'again' } });
    assert.deepEqual(await pending, { echoed: 'mine' });
    assert.deepEqual(logs, []);
  });

  test("the host's error rejects the request with its message and next step", async () => {
    const { webview, lastId } = webviewSide();
    const pending = webview.request('fail', { text: 'x' });
    webview.receive({ kind: 'response', id: lastId(), error: { message: 'Refused.', hint: 'Check the ACLs.' } });
    await assert.rejects(pending, (err: unknown) => {
      assert.ok(err instanceof RequestError);
      assert.equal(err.message, 'Refused.');
      assert.equal(err.hint, 'Check the ACLs.');
      return true;
    });
  });

  test('malformed messages from the host are dropped with a log line naming the problem', () => {
    const { webview, logs } = webviewSide();
    const seen: unknown[] = [];
    webview.listen({ status: (s) => seen.push(s), loading: () => seen.push('loading') });
    webview.receive('status');
    webview.receive({ kind: 'response', id: 'x', result: 1 });
    webview.receive({ kind: 'response', id: 1, error: 'no message' });
    webview.receive({ kind: 'shout', method: 'status' });
    webview.receive({ kind: 'notification', method: 'unknownThing', params: {} });
    assert.deepEqual(seen, []);
    assert.deepEqual(logs, [
      'test view: ignored a message from the extension: not a message object (string)',
      'test view: ignored a message from the extension: a response without a valid id',
      'test view: ignored a message from the extension: a response with a malformed error',
      'test view: ignored a message from the extension: unknown message kind "shout"',
      'test view: ignored notification "unknownThing" (not in the contract)',
    ]);
  });

  describe('timeouts', () => {
    beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
    afterEach(() => mock.timers.reset());

    test('a request nobody answers rejects after its own timeout; a late answer is then ignored', async () => {
      const { webview, lastId } = webviewSide();
      const pending = webview.request('slow', { text: 'x' });
      const id = lastId();
      mock.timers.tick(4_999);
      assert.equal(webview.waiting, 1);
      mock.timers.tick(1);
      await assert.rejects(pending, (err: unknown) => {
        assert.ok(err instanceof RequestError);
        assert.equal(err.message, 'No answer from the extension to "slow" within 5 s.');
        return true;
      });
      assert.equal(webview.waiting, 0);
      webview.receive({ kind: 'response', id, result: 'too late' });
      assert.equal(webview.waiting, 0);
    });

    test('an answered request does not time out afterwards', async () => {
      const { webview, lastId } = webviewSide();
      const pending = webview.request('echo', { text: 'x' });
      webview.receive({ kind: 'response', id: lastId(), result: { echoed: 'x' } });
      mock.timers.tick(60_000);
      assert.deepEqual(await pending, { echoed: 'x' });
    });
  });

  test('closing the page rejects what is still waiting', async () => {
    const { webview } = webviewSide();
    const pending = webview.request('echo', { text: 'x' });
    webview.dispose();
    await assert.rejects(pending, /The view was closed/);
  });
});

describe('webview messages (the host side)', () => {
  test('malformed messages are dropped with a clear log line; handlers never see them', async () => {
    const said: string[] = [];
    const { host, posted, warnings } = hostSide({ say: ({ text }) => void said.push(text) });
    for (const raw of [
      null,
      { kind: 'command', method: 'shout', params: {} },
      { kind: 'command', method: 'say', params: { text: 5 } },
      { kind: 'command', method: 'say' },
      { kind: 'command', method: 'echo', params: { text: 'a request sent as a command' } },
      { kind: 'request', method: 'echo', params: { text: 'no id' } },
      { kind: 'command', method: '__proto__', params: {} },
    ])
      await host.receive(raw);
    assert.deepEqual(said, []);
    assert.deepEqual(posted, []);
    assert.deepEqual(warnings, [
      'test view: ignored a message from the webview: not a message object (null)',
      'test view: ignored a message from the webview: unknown command "shout"',
      'test view: ignored a message from the webview: command "say" with invalid params',
      'test view: ignored a message from the webview: command "say" with invalid params',
      'test view: ignored a message from the webview: unknown command "echo"',
      'test view: ignored a message from the webview: a request without a valid id',
      'test view: ignored a message from the webview: unknown command "__proto__"',
    ]);
  });

  test('a request with invalid params is answered with an error at once (no waiting for the timeout)', async () => {
    const { host, posted, warnings } = hostSide();
    await host.receive({ kind: 'request', id: 7, method: 'echo', params: { text: 1 } });
    assert.deepEqual(posted, [
      { kind: 'response', id: 7, error: { message: 'Invalid request: request "echo" with invalid params.' } },
    ]);
    assert.deepEqual(warnings, ['test view: ignored a message from the webview: request "echo" with invalid params']);
  });

  test('a failing command reaches onCommandError; a failing request is answered with the error', async () => {
    const boom = new Error('disk full');
    const { host, posted, commandErrors, warnings } = hostSide({
      say: () => Promise.reject(boom),
    });
    await host.receive({ kind: 'command', method: 'say', params: { text: 'hi' } });
    assert.deepEqual(commandErrors, [{ err: boom, command: 'say' }]);
    await host.receive({ kind: 'request', id: 3, method: 'fail', params: { text: 'x' } });
    assert.deepEqual(posted, [
      {
        kind: 'response',
        id: 3,
        error: { message: 'The broker refused it.', hint: 'Check the ACLs of the topic.' },
      },
    ]);
    assert.deepEqual(warnings, ['test view: request "fail" failed: The broker refused it.']);
  });
});

describe('webview and host together', () => {
  test('commands, requests and notifications travel typed through both ends', async () => {
    const said: string[] = [];
    const hostEnd = hostSide({ say: ({ text }) => void said.push(text) });
    const webEnd = webviewSide();
    const received: unknown[] = [];
    webEnd.webview.listen({ status: (s) => received.push(s), loading: () => received.push('loading') });
    // Wire them: what one side posts, the other receives (as postMessage would, a structured clone).
    const deliverToHost = async () => {
      for (const m of webEnd.sent.splice(0)) await hostEnd.host.receive(structuredClone(m));
      for (const m of hostEnd.posted.splice(0)) webEnd.webview.receive(structuredClone(m));
    };

    webEnd.webview.command('say', { text: 'hello' });
    const echoed = webEnd.webview.request('echo', { text: 'ping' });
    const failed = webEnd.webview.request('fail', { text: 'x' });
    hostEnd.host.notify('loading');
    hostEnd.host.notify('status', { count: 3 });
    await deliverToHost();

    assert.deepEqual(said, ['hello']);
    assert.deepEqual(await echoed, { echoed: 'ping' });
    await assert.rejects(failed, { name: 'RequestError', hint: 'Check the ACLs of the topic.' });
    assert.deepEqual(received, ['loading', { count: 3 }]);
  });

  test('a contract may not use one name for a command and a request', () => {
    assert.throws(
      () =>
        defineProtocol({
          name: 'clash',
          notifications: {},
          commands: { load: command(noParams) },
          requests: { load: request<{ text: string }, string>(isText) },
        }),
      /clash protocol: load is both a command and a request/,
    );
  });
});
