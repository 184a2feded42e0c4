/**
 * The state behind one expandable branch of the explorer: items loaded page by page (a server
 * continuation token, or one fetch that returns everything), a display window that grows by
 * `pageSize` with "Load more…", and a text filter. It does no I/O by itself: `load()` and
 * `loadMore()` call the injected `fetchPage`, and only one fetch runs at a time.
 */
export interface Page<T> {
  items: T[];
  /** Set when the server has more. */
  nextToken?: string;
}

export type PagedListStatus = 'idle' | 'loading' | 'loaded' | 'error';

export interface PagedListView<T> {
  status: PagedListStatus;
  /** The items to show: filtered, and at most the current window. */
  visible: T[];
  /** How many loaded items match the filter. */
  matching: number;
  /** Whether a "Load more…" node belongs under the visible items. */
  hasMore: boolean;
  error?: unknown;
  filter: string;
}

export class PagedList<T> {
  private items: T[] = [];
  private nextToken: string | undefined;
  private fetched = false;
  private window: number;
  private inFlight: Promise<void> | undefined;
  private generation = 0;
  status: PagedListStatus = 'idle';
  error: unknown;
  filter = '';

  constructor(
    private readonly fetchPage: (token: string | undefined) => Promise<Page<T>>,
    private readonly pageSize: number,
    private readonly matches: (item: T, filterLower: string) => boolean,
  ) {
    this.window = pageSize;
  }

  /** Loads the first page unless it is loaded or loading. Resolves when the load ends (never rejects). */
  load(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (this.status === 'loaded') return Promise.resolve();
    return this.fetch(undefined);
  }

  /** Shows the next window: from what is loaded, or by fetching the next server page. */
  loadMore(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    const matching = this.matchingItems().length;
    if (this.window < matching) {
      this.window += this.pageSize;
      if (this.window >= matching && this.nextToken) return this.fetch(this.nextToken);
      return Promise.resolve();
    }
    if (this.nextToken) {
      this.window += this.pageSize;
      return this.fetch(this.nextToken);
    }
    return Promise.resolve();
  }

  /** Forgets everything; the next `load()` starts over. A fetch still running is ignored when it ends. */
  reset(): void {
    this.generation += 1;
    this.items = [];
    this.nextToken = undefined;
    this.fetched = false;
    this.window = this.pageSize;
    this.inFlight = undefined;
    this.status = 'idle';
    this.error = undefined;
  }

  setFilter(text: string): void {
    this.filter = text.trim();
    this.window = this.pageSize;
  }

  get loadedCount(): number {
    return this.items.length;
  }

  /** Every loaded item, whatever the window and the filter (e.g. for a total over all of them). */
  get loadedItems(): readonly T[] {
    return this.items;
  }

  view(): PagedListView<T> {
    const matching = this.matchingItems();
    return {
      status: this.status,
      visible: matching.slice(0, this.window),
      matching: matching.length,
      hasMore: this.fetched && (matching.length > this.window || this.nextToken !== undefined),
      error: this.error,
      filter: this.filter,
    };
  }

  private matchingItems(): T[] {
    if (!this.filter) return this.items;
    const needle = this.filter.toLowerCase();
    return this.items.filter((item) => this.matches(item, needle));
  }

  private fetch(token: string | undefined): Promise<void> {
    const generation = this.generation;
    this.status = 'loading';
    const run = (async () => {
      try {
        const page = await this.fetchPage(token);
        if (generation !== this.generation) return;
        this.items = token === undefined ? page.items : this.items.concat(page.items);
        this.nextToken = page.nextToken || undefined;
        this.fetched = true;
        this.status = 'loaded';
        this.error = undefined;
      } catch (err) {
        if (generation !== this.generation) return;
        this.status = 'error';
        this.error = err;
      } finally {
        if (generation === this.generation) this.inFlight = undefined;
      }
    })();
    this.inFlight = run;
    return run;
  }
}
