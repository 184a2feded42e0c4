/**
 * UI test harness: the packaged extension installed into a real VS Code (code-server), driven
 * through Debian's chromium with playwright-core the way a person would use it.
 *
 *   import { useWorkbench } from './support/workbench';
 *   const ui = useWorkbench({ name: 'tree' });            // before/after hooks for this file
 *   test('shows clusters', async () => {
 *     await ui.wb.openViewContainer('Amazon MSK');
 *     await ui.wb.waitForTreeItem('sandbox');
 *   });
 *
 * Each launch gets fresh temp folders (user data, extensions, workspace), the .vsix built from
 * the current dist/ (node scripts/test.mjs ui builds first), and settings that point the
 * extension at the running sandbox. On a failed test a screenshot, code-server's log, the
 * extension host logs and the browser console land in test-output/ui-logs/<name>/.
 */
import { after, afterEach, before } from 'node:test';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type Frame, type Locator, type Page } from 'playwright-core';
import { readSandboxState } from '../../../sandbox/state';
import {
  ensureCodeServer,
  installExtension,
  packageExtension,
  quietWorkbenchSettings,
  repoRoot,
  sandboxSettings,
  startCodeServer,
  waitFor,
  writeUserSettings,
  type RunningCodeServer,
} from './codeServer';

export const outputDir = join(repoRoot, 'test-output');
export const screenshotDir = join(outputDir, 'screenshots');

export const chromiumPath = process.env.MSK_CHROMIUM ?? '/usr/bin/chromium';
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface WorkbenchOptions {
  /** Names the temp folders, screenshots and the log folder of a failed run. */
  name: string;
  /** Extra user settings, applied over the sandbox and quiet-workbench settings. */
  settings?: Record<string, unknown>;
  /** Point the extension at the running sandbox (default), at its read-only profile, or not at all. */
  sandbox?: 'admin' | 'readonly' | false;
  /** State folder of the sandbox to point at (default: MSK_SANDBOX_DIR, else .sandbox), e.g. a throwaway one. */
  sandboxDir?: string;
  /** Files to create in the workspace folder (relative path -> content). */
  files?: Record<string, string>;
  viewport?: { width: number; height: number };
  /** Install this .vsix instead of packaging the current build. */
  vsix?: string;
  /** User keybindings (keybindings.json), e.g. to run a command the palette hides. */
  keybindings?: { key: string; command: string; when?: string }[];
  /**
   * Environment variables set (a string) or removed (undefined) for code-server and the extension
   * host, over this process's, e.g. a temp HOME so nothing of the real user's ~/.aws is read.
   */
  env?: Record<string, string | undefined>;
}

const DEFAULT_TIMEOUT = 30_000;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Matches the whole text, or `text` as a regular expression. */
function exactly(text: string | RegExp): RegExp {
  return typeof text === 'string' ? new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`) : text;
}

function matches(text: string, pattern: string | RegExp): boolean {
  return typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
}

/** Monaco renders spaces as U+00A0. */
function clean(text: string): string {
  return text.replace(/\u00a0/g, ' ');
}

let packaged: { vsix: string; dir: string } | undefined;
process.on('exit', () => {
  if (packaged) rmSync(packaged.dir, { recursive: true, force: true });
});

/**
 * Packages the current build once per test process. MSK_UI_VSIX=<file.vsix> tests that
 * package instead (e.g. the one `npm run package` made).
 */
function packagedVsix(): string {
  if (process.env.MSK_UI_VSIX) return process.env.MSK_UI_VSIX;
  if (!packaged) {
    const dir = mkdtempSync(join(tmpdir(), 'msk-ui-vsix-'));
    packaged = { dir, vsix: packageExtension(dir) };
  }
  return packaged.vsix;
}

export class Workbench {
  private readonly consoleLog: string;

  private constructor(
    readonly options: WorkbenchOptions,
    /** Temp root holding user-data, extensions and workspace folders. */
    readonly baseDir: string,
    readonly userDataDir: string,
    readonly extensionsDir: string,
    readonly workspaceDir: string,
    readonly server: RunningCodeServer,
    readonly browser: Browser,
    readonly page: Page,
  ) {
    this.consoleLog = join(baseDir, 'browser-console.log');
    page.on('console', (msg) => appendFileSync(this.consoleLog, `[${msg.type()}] ${msg.text()}\n`));
    page.on('pageerror', (err) => appendFileSync(this.consoleLog, `[pageerror] ${err.stack ?? err.message}\n`));
  }

  /** Installs the extension into a fresh code-server, opens the workbench and waits for it. */
  static async launch(options: WorkbenchOptions): Promise<Workbench> {
    const baseDir = mkdtempSync(join(tmpdir(), `msk-ui-${options.name.replace(/[^\w-]/g, '_')}-`));
    const userDataDir = join(baseDir, 'user-data');
    const extensionsDir = join(baseDir, 'extensions');
    const workspaceDir = join(baseDir, 'workspace');
    let server: RunningCodeServer | undefined;
    let browser: Browser | undefined;
    try {
      for (const [file, content] of Object.entries({ '.keep': '', ...options.files })) {
        mkdirSync(dirname(join(workspaceDir, file)), { recursive: true });
        writeFileSync(join(workspaceDir, file), content);
      }
      const entry = ensureCodeServer();
      installExtension(entry, options.vsix ?? packagedVsix(), { extensionsDir, userDataDir });
      const sandbox = options.sandbox ?? 'admin';
      writeUserSettings(userDataDir, {
        ...quietWorkbenchSettings,
        ...(sandbox ? sandboxSettings(readSandboxState(options.sandboxDir), { readonly: sandbox === 'readonly' }) : {}),
        ...options.settings,
      });
      if (options.keybindings?.length) {
        writeFileSync(
          join(userDataDir, 'User', 'keybindings.json'),
          `${JSON.stringify(options.keybindings, null, 2)}\n`,
        );
      }
      server = await startCodeServer({
        entry,
        userDataDir,
        extensionsDir,
        folder: workspaceDir,
        logFile: join(baseDir, 'code-server.log'),
        ...(options.env ? { env: withEnv(process.env, options.env) } : {}),
      });
      browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
      const context = await browser.newContext({ viewport: options.viewport ?? { width: 1400, height: 860 } });
      const page = await context.newPage();
      page.setDefaultTimeout(DEFAULT_TIMEOUT);
      const wb = new Workbench(options, baseDir, userDataDir, extensionsDir, workspaceDir, server, browser, page);
      await page.goto(server.url);
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      await page.locator('.part.activitybar').waitFor();
      return wb;
    } catch (err) {
      const logDir = join(outputDir, 'ui-logs', options.name);
      copyLogs(baseDir, userDataDir, logDir);
      await browser?.close().catch(() => undefined);
      await server?.stop();
      rmSync(baseDir, { recursive: true, force: true });
      throw new Error(`${err instanceof Error ? err.message : String(err)}\n(logs: ${logDir})`, { cause: err });
    }
  }

  // ---- Views ---------------------------------------------------------------------------------

  /** The activity-bar entry of a view container, by its aria-label (its title). */
  activityBarItem(label: string): Locator {
    return this.page.locator('.part.activitybar .action-item').filter({
      has: this.page.locator(`a.action-label[aria-label="${label}"], a.action-label[aria-label^="${label} ("]`),
    });
  }

  /** Opens a view container from the activity bar (a second click would close it: only clicks when closed). */
  async openViewContainer(label: string): Promise<void> {
    const item = this.activityBarItem(label);
    await item.waitFor();
    if (!(await item.evaluate((el) => el.classList.contains('checked')))) await item.locator('a.action-label').click();
    await this.page.locator('.part.sidebar .composite.title h2', { hasText: label }).waitFor();
    await this.moveMouseAway();
  }

  /** Drags the side bar's edge so it is `width` pixels wide (for readable screenshots). */
  async setSideBarWidth(width: number): Promise<void> {
    const box = await this.page.locator('.part.sidebar').boundingBox();
    if (!box) throw new Error('the side bar is not visible');
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + box.width - 1, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + width - 1, y, { steps: 5 });
    await this.page.mouse.up();
    await this.moveMouseAway();
  }

  /** Moves the pointer to the editor area so no hover or tooltip shows in screenshots. */
  async moveMouseAway(): Promise<void> {
    const size = this.page.viewportSize() ?? { width: 1400, height: 860 };
    await this.page.mouse.move(size.width - 40, size.height - 60);
  }

  /** A view pane in the side bar by its title, e.g. "Clusters". */
  view(title: string): Locator {
    return this.page
      .locator('.part.sidebar .pane')
      .filter({ has: this.page.locator(`.pane-header[aria-label="${title} Section"]`) });
  }

  /** The welcome content a view shows while it has no items (empty when it has items). */
  welcomeContent(viewTitle: string): Locator {
    return this.view(viewTitle).locator('.welcome-view-content');
  }

  /** Tree items whose label is exactly `label` (or matches the RegExp), in the side bar. */
  treeItem(label: string | RegExp, viewTitle?: string): Locator {
    const scope = viewTitle ? this.view(viewTitle) : this.page.locator('.part.sidebar');
    return scope
      .locator('.monaco-list-row[role="treeitem"]')
      .filter({ has: this.page.locator('.label-name', { hasText: exactly(label) }) });
  }

  /** Labels of the tree items currently rendered in a view, top to bottom. */
  async treeItemLabels(viewTitle: string): Promise<string[]> {
    const rows = this.view(viewTitle).locator('.monaco-list-row[role="treeitem"]');
    const items = await rows.evaluateAll((els) =>
      els.map((el) => ({
        top: parseFloat((el as HTMLElement).style.top || '0'),
        label: el.querySelector('.label-name')?.textContent ?? '',
      })),
    );
    return items.sort((a, b) => a.top - b.top).map((i) => clean(i.label).trim());
  }

  async waitForTreeItem(label: string | RegExp, opts: { view?: string; timeout?: number } = {}): Promise<Locator> {
    const item = this.treeItem(label, opts.view).first();
    await item.waitFor({ timeout: opts.timeout ?? DEFAULT_TIMEOUT });
    return item;
  }

  /** Waits for a tree item and expands it (no-op when already expanded). */
  async expandTreeItem(label: string | RegExp, opts: { view?: string; timeout?: number } = {}): Promise<Locator> {
    const item = await this.waitForTreeItem(label, opts);
    if ((await item.getAttribute('aria-expanded')) === 'false') {
      await item.locator('.monaco-tl-twistie').click();
      await waitFor(
        `tree item ${String(label)} to expand`,
        async () => (await item.getAttribute('aria-expanded')) === 'true',
        { timeoutMs: opts.timeout ?? DEFAULT_TIMEOUT },
      );
    }
    return item;
  }

  /** Waits until no item of the view is a "Loading…" placeholder (or the given pattern). */
  async waitForTreeLoaded(viewTitle: string, opts: { placeholder?: RegExp; timeout?: number } = {}): Promise<void> {
    const placeholder = opts.placeholder ?? /^Loading/;
    let labels: string[] = [];
    try {
      await waitFor(
        `the ${viewTitle} view to finish loading`,
        async () => {
          labels = await this.treeItemLabels(viewTitle);
          return !labels.some((l) => placeholder.test(l));
        },
        { timeoutMs: opts.timeout ?? DEFAULT_TIMEOUT, intervalMs: 250 },
      );
    } catch (err) {
      throw new Error(`${(err as Error).message}; it shows ${JSON.stringify(labels)}`);
    }
  }

  /** Right-clicks a tree item and chooses a context-menu entry. */
  async treeItemContextMenu(label: string | RegExp, entry: string, opts: { view?: string } = {}): Promise<void> {
    const item = await this.waitForTreeItem(label, opts);
    await item.click({ button: 'right' });
    const choice = this.page.locator('.context-view .action-item .action-label', { hasText: exactly(entry) }).first();
    await choice.click();
    // code-server now and then swallows the click on a menu entry (the menu stays on screen and
    // nothing runs): when the menu is still up after a few seconds, choose the entry again.
    const closed = await choice
      .waitFor({ state: 'hidden', timeout: 3_000 })
      .then(() => true)
      .catch(() => false);
    if (closed) return;
    await waitFor(
      `the context menu of ${String(label)} to close after choosing "${entry}"`,
      async () => {
        if (!(await choice.isVisible())) return true;
        await choice.click({ timeout: 2_000 }).catch(() => undefined);
        return false;
      },
      { timeoutMs: 15_000, intervalMs: 500 },
    );
  }

  /** The description (the dimmed text after the label) of the first tree item with that label. */
  async treeItemDescription(label: string | RegExp, opts: { view?: string; timeout?: number } = {}): Promise<string> {
    const item = await this.waitForTreeItem(label, opts);
    const text = await item
      .locator('.label-description')
      .first()
      .textContent({ timeout: 1000 })
      .catch(() => '');
    return clean(text ?? '').trim();
  }

  /** Where a tree item sits: its depth (1 = root), its position among its siblings and their count. */
  async treeItemPosition(item: Locator): Promise<{ level: number; position: number; siblings: number }> {
    // A short timeout: rows are virtualized, so a row that re-rendered away is looked up again by the
    // caller (inside waitFor) rather than waited on for the whole budget.
    const [level, position, siblings] = await Promise.all(
      ['aria-level', 'aria-posinset', 'aria-setsize'].map(async (a) =>
        Number(await item.getAttribute(a, { timeout: 2_000 })),
      ),
    );
    return { level: level, position: position, siblings: siblings };
  }

  /** Labels of the rendered tree items under the (expanded) item with that label: its direct children. */
  async treeItemChildren(
    parent: string | RegExp,
    viewTitle: string,
  ): Promise<{ label: string; description: string }[]> {
    const rows = await this.view(viewTitle)
      .locator('.monaco-list-row[role="treeitem"]')
      .evaluateAll((els) =>
        els.map((el) => ({
          top: parseFloat((el as HTMLElement).style.top || '0'),
          level: Number(el.getAttribute('aria-level')),
          label: el.querySelector('.label-name')?.textContent ?? '',
          description: el.querySelector('.label-description')?.textContent ?? '',
        })),
      );
    rows.sort((a, b) => a.top - b.top);
    const pattern = exactly(parent);
    const start = rows.findIndex((r) => pattern.test(clean(r.label)));
    if (start < 0) throw new Error(`no tree item ${String(parent)} is rendered in ${viewTitle}`);
    const children: { label: string; description: string }[] = [];
    for (const row of rows.slice(start + 1)) {
      if (row.level <= rows[start].level) break;
      if (row.level === rows[start].level + 1)
        children.push({ label: clean(row.label).trim(), description: clean(row.description).trim() });
    }
    return children;
  }

  /**
   * Waits until the item with that label is expanded and its children are loaded (rendered, and
   * none is a "Loading…" placeholder); returns them.
   */
  async waitForTreeItemChildren(
    parent: string | RegExp,
    viewTitle: string,
    opts: { placeholder?: RegExp; timeout?: number } = {},
  ): Promise<{ label: string; description: string }[]> {
    const placeholder = opts.placeholder ?? /^Loading/;
    let children: { label: string; description: string }[] = [];
    try {
      await waitFor(
        `the children of ${String(parent)} to load`,
        async () => {
          children = await this.treeItemChildren(parent, viewTitle);
          return children.length > 0 && !children.some((c) => placeholder.test(c.label));
        },
        { timeoutMs: opts.timeout ?? DEFAULT_TIMEOUT, intervalMs: 250 },
      );
    } catch (err) {
      throw new Error(`${(err as Error).message}; it shows ${JSON.stringify(children)}`);
    }
    return children;
  }

  /**
   * Scrolls the view until a tree item with that label is rendered (lists only render the rows on
   * screen), first downwards, then upwards; returns it.
   */
  async revealTreeItem(label: string | RegExp, opts: { view: string; maxSteps?: number }): Promise<Locator> {
    const item = this.treeItem(label, opts.view).first();
    const list = this.view(opts.view).locator('.monaco-list').first();
    const box = await list.boundingBox();
    if (!box) throw new Error(`the ${opts.view} view is not visible`);
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (const delta of [400, -400]) {
      for (let i = 0; i < (opts.maxSteps ?? 80); i++) {
        if ((await item.count()) > 0 && (await item.isVisible())) {
          try {
            await item.scrollIntoViewIfNeeded({ timeout: 1000 });
            return item;
          } catch {
            // The list re-rendered under us (rows are virtualized): look again after the next scroll.
          }
        }
        await this.page.mouse.wheel(0, delta);
        await this.page.waitForTimeout(50); // one animation frame for the list to render the new rows
      }
    }
    throw new Error(`no tree item ${String(label)} in ${opts.view} after scrolling both ways`);
  }

  /** Clicks an inline action (the icons shown on hover) of a tree item, by its title, e.g. "Filter…". */
  async clickTreeItemAction(label: string | RegExp, action: string, opts: { view?: string } = {}): Promise<void> {
    const item = await this.waitForTreeItem(label, opts);
    await item.hover();
    const button = item.locator(
      `.actions .action-label[aria-label="${action}"], .actions .action-label[aria-label^="${action} ("]`,
    );
    try {
      await button.first().click({ timeout: 10_000 });
    } catch {
      const offered = await item
        .locator('.actions .action-label')
        .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
      throw new Error(`tree item ${String(label)} has no inline action "${action}"; it has ${JSON.stringify(offered)}`);
    }
  }

  /** The entries of a tree item's context menu (then closes the menu). */
  async treeItemContextMenuEntries(label: string | RegExp, opts: { view?: string } = {}): Promise<string[]> {
    const item = await this.waitForTreeItem(label, opts);
    await item.click({ button: 'right' });
    const entries = this.page.locator('.context-view .action-item .action-label');
    await entries.first().waitFor();
    const texts = (await entries.allTextContents()).map((t) => clean(t).trim()).filter(Boolean);
    await this.page.keyboard.press('Escape');
    await this.page.locator('.context-view .action-item').first().waitFor({ state: 'hidden' });
    return texts;
  }

  // ---- Commands and quick input -------------------------------------------------------------

  /** Runs a command from the palette by its full title, e.g. "MSK: Show Log". */
  async runCommand(title: string): Promise<void> {
    await this.openPaletteWith(`>${title}`);
    const row = this.page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: exactly(title) }) })
      .first();
    try {
      await row.waitFor({ timeout: 10_000 });
    } catch {
      const offered = await this.quickPickLabels();
      throw new Error(`command "${title}" is not in the palette; it offers: ${JSON.stringify(offered)}`);
    }
    // Enter on the focused row when it is the command (a click can land on another row when the
    // list re-renders between finding the row and the click); otherwise click it.
    const focused = this.page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row.focused')
      .filter({ has: this.page.locator('.label-name', { hasText: exactly(title) }) });
    if ((await focused.count()) > 0) await this.page.keyboard.press('Enter');
    else await row.click();
  }

  /**
   * Opens the command palette and types into it. A webview revealed just before (a panel that
   * takes focus once its page has loaded) can close the palette as it opens: then it is opened
   * again, up to three times.
   */
  private async openPaletteWith(text: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    for (let attempt = 1; ; attempt++) {
      await this.closeQuickInput();
      // A pointer left on a tree row (after a context menu) may bring up its hover over the pickers.
      await this.moveMouseAway();
      await this.page.keyboard.press('F1');
      try {
        await input.waitFor({ timeout: 10_000 });
        await input.fill(text, { timeout: 5_000 });
        return;
      } catch (err) {
        if (attempt >= 3) throw err;
      }
    }
  }

  /** The quick input (quick pick or input box) while it is open. */
  quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  async waitForQuickInput(timeout = DEFAULT_TIMEOUT): Promise<void> {
    try {
      await this.page.locator('.quick-input-widget .quick-input-box input').waitFor({ timeout });
    } catch {
      throw new Error(`no quick pick or input box opened; on screen: ${JSON.stringify(await this.messagesOnScreen())}`);
    }
  }

  /** Labels of the quick pick's visible items. */
  async quickPickLabels(): Promise<string[]> {
    const labels = await this.page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row .label-name')
      .allTextContents();
    return labels.map((l) => clean(l).trim());
  }

  /** Title, prompt and validation message of the open quick input. */
  async quickInputText(): Promise<{ title: string; message: string; placeholder: string }> {
    const widget = this.quickInput();
    const title = (await widget.locator('.quick-input-title').textContent()) ?? '';
    const message = (await widget.locator('.quick-input-message').textContent()) ?? '';
    const placeholder = (await widget.locator('.quick-input-box input').getAttribute('placeholder')) ?? '';
    return { title: clean(title).trim(), message: clean(message).trim(), placeholder };
  }

  /** Picks a quick pick item by its label (typing it into the filter first unless `filter: false`). */
  async pickQuickItem(label: string | RegExp, opts: { filter?: boolean; timeout?: number } = {}): Promise<void> {
    await this.waitForQuickInput(opts.timeout);
    if (opts.filter !== false && typeof label === 'string') {
      await this.page.locator('.quick-input-widget .quick-input-box input').fill(label);
    }
    const row = this.page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: exactly(label) }) })
      .first();
    try {
      await row.waitFor({ timeout: opts.timeout ?? DEFAULT_TIMEOUT });
    } catch {
      const offered = JSON.stringify(await this.quickPickLabels());
      const messages = JSON.stringify(await this.messagesOnScreen());
      throw new Error(`no quick pick item ${String(label)}; offered: ${offered}; messages: ${messages}`);
    }
    await row.click();
  }

  /** Waits until the open quick input's title matches (a multi-step input moved to that step). */
  async waitForQuickInputTitle(title: string | RegExp, timeout = DEFAULT_TIMEOUT): Promise<string> {
    let shown = '';
    try {
      await waitFor(
        `a quick input titled ${String(title)}`,
        async () => {
          if (!(await this.quickInput().isVisible())) return false;
          shown = (await this.quickInputText()).title;
          return matches(shown, title);
        },
        { timeoutMs: timeout, intervalMs: 100 },
      );
    } catch (err) {
      throw new Error(
        `${(err as Error).message}; it shows ${JSON.stringify(shown)}; messages: ${JSON.stringify(await this.messagesOnScreen())}`,
      );
    }
    return shown;
  }

  /**
   * Clicks a control that opens a quick input (a webview button) and waits for the quick input titled
   * `title`. The webview can take focus back just after the click and so close the quick input as it
   * opens (code-server): the extension then sees a cancelled pick and did nothing, and the control is
   * clicked again, up to three times.
   */
  async clickForQuickInput(control: Locator, title: string | RegExp): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await control.click();
      try {
        await this.waitForQuickInputTitle(title, 10_000);
        return;
      } catch (err) {
        if (attempt >= 3) throw err;
      }
    }
  }

  /**
   * Clicks a tree item whose command opens a webview and waits for a webview showing `pattern`. A
   * click that lands while the row re-renders selects it without running its command: then the row
   * is clicked again, up to three times.
   */
  async clickForWebview(control: Locator, pattern: RegExp, timeout = 15_000): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await control.click();
      try {
        await this.waitForWebview(pattern, timeout);
        return;
      } catch (err) {
        if (attempt >= 3) throw err;
      }
    }
  }

  /** Types into the open input box and presses Enter. */
  async answerInputBox(text: string, opts: { timeout?: number } = {}): Promise<void> {
    await this.waitForQuickInput(opts.timeout);
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.fill(text);
    await input.press('Enter');
  }

  /** Accepts the quick input as it is (Enter): for multi-select picks or default values. */
  async acceptQuickInput(): Promise<void> {
    await this.page.locator('.quick-input-widget .quick-input-box input').press('Enter');
  }

  async closeQuickInput(): Promise<void> {
    if (await this.quickInput().isVisible()) {
      await this.page.keyboard.press('Escape');
      await this.quickInput().waitFor({ state: 'hidden' });
    }
  }

  // ---- Notifications ------------------------------------------------------------------------

  /** Messages of the notification toasts on screen. */
  async notifications(): Promise<string[]> {
    const texts = await this.page.locator('.notifications-toasts .notification-list-item-message').allTextContents();
    return texts.map((t) => clean(t).trim());
  }

  /** Waits for a toast whose message contains the text (or matches); returns its locator. */
  async waitForNotification(text: string | RegExp, timeout = DEFAULT_TIMEOUT): Promise<Locator> {
    const toast = this.page
      .locator('.notifications-toasts .notification-list-item')
      .filter({ has: this.page.locator('.notification-list-item-message', { hasText: text }) })
      .first();
    try {
      await toast.waitFor({ timeout });
    } catch {
      throw new Error(`no notification ${String(text)}; on screen: ${JSON.stringify(await this.messagesOnScreen())}`);
    }
    return toast;
  }

  /** Clicks a button of the toast with that message. */
  async clickNotificationButton(text: string | RegExp, button: string): Promise<void> {
    const toast = await this.waitForNotification(text);
    await toast
      .locator('.monaco-button', { hasText: exactly(button) })
      .first()
      .click();
  }

  /** Text of a modal dialog on screen (VS Code shows command errors this way), or ''. */
  async dialogText(): Promise<string> {
    const dialog = this.page.locator('.monaco-dialog-box');
    if (!(await dialog.isVisible())) return '';
    return clean((await dialog.innerText()) ?? '')
      .replace(/\s+/g, ' ')
      .trim();
  }

  /** Every toast and dialog message on screen: for error messages when an expectation fails. */
  async messagesOnScreen(): Promise<string[]> {
    const dialog = await this.dialogText().catch(() => '');
    const toasts = await this.notifications().catch(() => []);
    return dialog ? [`dialog: ${dialog}`, ...toasts] : toasts;
  }

  async clearNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications');
  }

  // ---- Editors and webviews -----------------------------------------------------------------

  /** An editor tab by its title. */
  editorTab(title: string | RegExp): Locator {
    return this.page
      .locator('.part.editor .tabs-container .tab')
      .filter({ has: this.page.locator('.label-name', { hasText: exactly(title) }) });
  }

  /** Text of every webview frame on screen (the inner frame holding the extension's HTML). */
  async webviewTexts(): Promise<{ frame: Frame; text: string }[]> {
    const found: { frame: Frame; text: string }[] = [];
    for (const frame of this.page.frames()) {
      if (frame === this.page.mainFrame()) continue;
      try {
        const text = await frame.evaluate(() => document.body?.innerText ?? '');
        if (text.trim()) found.push({ frame, text: clean(text) });
      } catch {
        // A frame that navigated or closed meanwhile.
      }
    }
    return found;
  }

  /** Waits for a webview whose text contains (or matches) `text`; returns its frame and text. */
  async waitForWebview(text: string | RegExp, timeout = DEFAULT_TIMEOUT): Promise<{ frame: Frame; text: string }> {
    let hit: { frame: Frame; text: string } | undefined;
    let seen: string[] = [];
    try {
      await waitFor(
        `a webview showing ${String(text)}`,
        async () => {
          const all = await this.webviewTexts();
          seen = all.map((w) => w.text.slice(0, 300));
          hit = all.find((w) => matches(w.text, text));
          return hit !== undefined;
        },
        { timeoutMs: timeout, intervalMs: 250 },
      );
    } catch (err) {
      const messages = JSON.stringify(await this.messagesOnScreen());
      throw new Error(`${(err as Error).message}; webviews on screen: ${JSON.stringify(seen)}; messages: ${messages}`);
    }
    return hit!;
  }

  // ---- Output channels ----------------------------------------------------------------------

  /** Shows an output channel in the panel, as "Output: Show Output Channels…" does. */
  async showOutputChannel(name: string): Promise<void> {
    await this.runCommand('Output: Show Output Channels...');
    await this.pickQuickItem(name);
  }

  /** The lines the Output panel renders now (only what is on screen: monaco virtualises). */
  async outputPanelText(): Promise<string> {
    const lines = await this.page
      .locator('.part.panel .monaco-editor .view-lines .view-line')
      .evaluateAll((els) =>
        els.map((el) => ({ top: parseFloat((el as HTMLElement).style.top || '0'), text: el.textContent ?? '' })),
      );
    return lines
      .sort((a, b) => a.top - b.top)
      .map((l) => clean(l.text))
      .join('\n');
  }

  /** Waits until the Output panel shows text containing (or matching) `text`; returns the text. */
  async waitForOutputText(text: string | RegExp, timeout = DEFAULT_TIMEOUT): Promise<string> {
    let shown = '';
    try {
      await waitFor(
        `the Output panel to show ${String(text)}`,
        async () => {
          shown = await this.outputPanelText();
          return matches(shown, text);
        },
        { timeoutMs: timeout, intervalMs: 250 },
      );
    } catch (err) {
      const messages = JSON.stringify(await this.messagesOnScreen());
      throw new Error(`${(err as Error).message}; messages on screen: ${messages}; it shows:\n${shown}`);
    }
    return shown;
  }

  /** The full text of an extension's log output channel, from the file VS Code writes it to. */
  extensionLogFile(channel: string, extensionId = 'msk-devtools.msk-explorer'): string {
    const logs = join(this.userDataDir, 'logs');
    if (!existsSync(logs)) return '';
    const sessions = readdirSorted(logs).reverse();
    for (const session of sessions) {
      for (const host of readdirSorted(join(logs, session)).filter((d) => d.startsWith('exthost'))) {
        const file = join(logs, session, host, extensionId, `${channel}.log`);
        if (existsSync(file)) return readFileSync(file, 'utf8');
      }
    }
    return '';
  }

  // ---- Screenshots, diagnostics, teardown --------------------------------------------------

  /** Saves a screenshot to test-output/screenshots/<name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(screenshotDir, { recursive: true });
    await this.moveMouseAway();
    const path = join(screenshotDir, `${name.replace(/[^\w.-]/g, '_')}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  /** Copies code-server's log, the extension host logs and the browser console to test-output/ui-logs/<name>/. */
  async saveDiagnostics(label: string): Promise<string> {
    const dir = join(outputDir, 'ui-logs', this.options.name);
    mkdirSync(dir, { recursive: true });
    await this.page.screenshot({ path: join(dir, `${label.replace(/[^\w.-]/g, '_')}.png`) }).catch(() => undefined);
    copyLogs(this.baseDir, this.userDataDir, dir);
    return dir;
  }

  /** After a failed test: closes dialogs, quick inputs and toasts so the next test starts clean. */
  async resetAfterFailure(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      const busy = (await this.page.locator('.monaco-dialog-box').isVisible()) || (await this.quickInput().isVisible());
      if (!busy) break;
      await this.page.keyboard.press('Escape');
    }
    await this.page.keyboard.press('Escape');
  }

  async dispose(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.server.stop();
    rmSync(this.baseDir, { recursive: true, force: true });
  }
}

/** A copy of `base` with `changes` applied (undefined removes a variable); `base` is not touched. */
function withEnv(base: NodeJS.ProcessEnv, changes: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env = { ...base };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

function readdirSorted(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function copyLogs(baseDir: string, userDataDir: string, dest: string): void {
  mkdirSync(dest, { recursive: true });
  for (const file of ['code-server.log', 'browser-console.log']) {
    if (existsSync(join(baseDir, file))) cpSync(join(baseDir, file), join(dest, file));
  }
  if (existsSync(join(userDataDir, 'logs')))
    cpSync(join(userDataDir, 'logs'), join(dest, 'vscode-logs'), { recursive: true });
}

export interface WorkbenchHandle {
  /** The workbench of this file (launched in `before`). */
  readonly wb: Workbench;
}

/**
 * Registers before/after hooks in the current file or describe(): one workbench for its tests.
 * A failed test leaves a screenshot and the logs in test-output/ui-logs/<name>/.
 */
export function useWorkbench(options: WorkbenchOptions): WorkbenchHandle {
  let current: Workbench | undefined;
  let failures = 0;
  before(async () => {
    current = await Workbench.launch(options);
  });
  afterEach(async (t) => {
    // `passed` exists on Node >= 20.18 test contexts; without it, assume a failure (logs are cheap).
    if ((t as { passed?: boolean }).passed !== true && current) {
      failures += 1;
      const dir = await current.saveDiagnostics(`FAILED-${t.name}`);
      const messages = await current.messagesOnScreen();
      console.error(`ui: "${t.name}" failed; messages on screen: ${JSON.stringify(messages)}; logs in ${dir}`);
      await current.resetAfterFailure().catch(() => undefined);
    }
  });
  after(async () => {
    if (!current) return;
    if (failures > 0) await current.saveDiagnostics('end');
    await current.dispose();
  });
  return {
    get wb(): Workbench {
      if (!current) throw new Error('the workbench did not start (see the before hook)');
      return current;
    },
  };
}
