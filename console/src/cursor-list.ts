import { useEffect, useState } from 'preact/hooks';

/** One page of a list route: its items and the cursor of the next page (null: none). */
export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A list read page by page: the first page whenever `key` (the filter) or the API changes, `reload`
 * (quiet: without the loading state, for auto-refresh), and `loadMore` with the last cursor.
 */
export function useCursorList<T>(fetchPage: (cursor?: string) => Promise<CursorPage<T>>, keys: unknown[]) {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();

  const load = async (after?: string, quiet = false) => {
    if (!quiet) setLoading(true);
    try {
      const page = await fetchPage(after);
      setItems((current) => (after ? [...current, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setError(undefined);
    } catch (caught) {
      setError(caught);
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    void load();
  }, keys);

  return {
    items,
    cursor,
    loading,
    error,
    setError,
    reload: (quiet = false) => load(undefined, quiet),
    loadMore: () => (cursor ? load(cursor) : Promise.resolve()),
  };
}
