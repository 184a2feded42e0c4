/**
 * The context keys the extension sets (`setContext`) for `when` clauses in package.json, declared
 * once with their value type. Set them with `setContextKey(key, value)` (src/ui/commands).
 * test/unit/contract/commands.test.ts checks that every `msk.*` key a `when` clause reads is declared.
 */
export interface ContextKey<T> {
  readonly key: string;
  /** Never set: carries the value type. */
  readonly __value?: T;
}

function contextKey<T>(key: string): ContextKey<T> {
  return { key };
}

export const ContextKeys = {
  /** Global read-only mode (`msk.readOnly`): menus hide destructive commands (the commands refuse as well). */
  readOnly: contextKey<boolean>('msk.readOnly'),
  /**
   * What the Clusters view knows of the configuration (`msk.explorerState`): unset until the extension
   * has answered, 'empty' once it knows nothing is configured (the welcome text shows only then), else
   * 'configured'. Until then the view shows a loading line instead of the welcome text.
   */
  explorerState: contextKey<'empty' | 'configured'>('msk.explorerState'),
} as const;
