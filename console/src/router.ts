import { useEffect, useState } from 'preact/hooks';

/**
 * Hash routes (`#/messages?status=failed`): the page's own paths live after `#`, so they can never
 * collide with the API's (`/messages/...` answers JSON to a program), and any static host serves them
 * without a fallback rule. A view's state (filters) is in the hash's query: bookmarkable, and
 * back/forward work.
 */
export interface Location {
  path: string;
  params: URLSearchParams;
}

export function currentLocation(): Location {
  const hash = window.location.hash.replace(/^#/, '') || '/';
  const [path = '/', search = ''] = hash.split('?', 2);
  return { path, params: new URLSearchParams(search) };
}

export function useLocation(): Location {
  const [location, setLocation] = useState(currentLocation);
  useEffect(() => {
    const update = () => setLocation(currentLocation());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return location;
}

/** The href of a page with its query; empty values are left out. */
export function href(path: string, params: Record<string, string | undefined> = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) search.set(name, value);
  const text = search.toString();
  return `#${path}${text ? `?${text}` : ''}`;
}

export const navigate = (to: string): void => {
  window.location.hash = to.replace(/^#/, '');
};

/** The values of `names` the URL's query holds (non-empty only): a list page's filter. */
export const queryValues = <Name extends string>(
  params: URLSearchParams,
  names: readonly Name[],
): Partial<Record<Name, string>> =>
  Object.fromEntries(
    names.flatMap((name) => (params.get(name) ? [[name, params.get(name) ?? '']] : [])),
  ) as Partial<Record<Name, string>>;

/**
 * A filter form's submit: `query` turns the form's values (trimmed; empty ones undefined) into the
 * query of `path`, which the page is sent to (the list follows the URL).
 */
export const submitFilter =
  (path: string, query: (text: (name: string) => string | undefined) => Record<string, string | undefined>) =>
  (event: Event): void => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    navigate(
      href(
        path,
        query((name) => String(data.get(name) ?? '').trim() || undefined),
      ),
    );
  };
