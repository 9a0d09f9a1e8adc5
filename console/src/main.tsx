import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { type Api, ApiError, apiBaseUrl, type CallerView, createApi } from './api.js';
import { hasScope } from './format.js';
import { KeysPage } from './pages/keys.js';
import { MessageDetailPage } from './pages/message-detail.js';
import { MessagesPage } from './pages/messages.js';
import { OverviewPage } from './pages/overview.js';
import { SendPage } from './pages/send.js';
import { SignInPage } from './pages/sign-in.js';
import { SuppressionsPage } from './pages/suppressions.js';
import { href, useLocation } from './router.js';
import { forgetKey, storedKey, storeKey } from './session.js';

/** Who is signed in: the key (null with authentication off) and what the API says it is. */
interface Session {
  key: string | null;
  me: CallerView;
}

type Start =
  | { state: 'loading' }
  | { state: 'signed-out'; error?: string }
  | { state: 'in'; session: Session };

function App({ baseUrl }: { baseUrl: string }) {
  const [start, setStart] = useState<Start>({ state: 'loading' });

  // On load: the key of this tab's session, if any; else, with authentication off, no key at all.
  useEffect(() => {
    const key = storedKey();
    createApi(baseUrl, key)
      .me()
      .then((me) => setStart({ state: 'in', session: { key, me } }))
      .catch((error: unknown) => {
        if (key) forgetKey();
        setStart({
          state: 'signed-out',
          ...(key && error instanceof ApiError && error.status !== 401 ? { error: error.message } : {}),
        });
      });
  }, [baseUrl]);

  const signIn = async (key: string): Promise<string | undefined> => {
    try {
      const me = await createApi(baseUrl, key).me();
      storeKey(key);
      setStart({ state: 'in', session: { key, me } });
      return undefined;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401)
        return 'This key was not accepted: it is wrong, revoked or mistyped.';
      return error instanceof Error ? error.message : 'Signing in failed';
    }
  };

  const signOut = () => {
    forgetKey();
    setStart({ state: 'signed-out' });
  };

  if (start.state === 'loading') return <p class="loading">Loading…</p>;
  if (start.state === 'signed-out') return <SignInPage onSignIn={signIn} error={start.error} />;
  return <Console baseUrl={baseUrl} session={start.session} onSignOut={signOut} />;
}

const NAV = [
  { path: '/', label: 'Overview' },
  { path: '/messages', label: 'Messages' },
  { path: '/send', label: 'Send' },
  { path: '/suppressions', label: 'Suppressions' },
  { path: '/keys', label: 'Keys' },
] as const;

function Console({
  baseUrl,
  session,
  onSignOut,
}: {
  baseUrl: string;
  session: Session;
  onSignOut: () => void;
}) {
  const api = useMemo(() => createApi(baseUrl, session.key), [baseUrl, session.key]);
  const location = useLocation();
  const { me } = session;
  const section = location.path === '/' ? '/' : `/${location.path.split('/')[1] ?? ''}`;

  useEffect(() => {
    const label = NAV.find((item) => item.path === section)?.label ?? 'Not found';
    document.title = `${label} · Messaging console`;
  }, [section]);

  return (
    <>
      <button type="button" class="skip" onClick={skipToMain}>
        Skip to content
      </button>
      <header class="top">
        <span class="brand">Messaging console</span>
        <nav aria-label="Main">
          <ul>
            {NAV.map((item) => (
              <li key={item.path}>
                <a href={href(item.path)} aria-current={section === item.path ? 'page' : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="who" data-testid="who">
          {me.authentication === 'off' ? (
            <span>Authentication off · tenant {me.tenant}</span>
          ) : (
            <span>
              Key <strong>{me.name}</strong> · tenant <strong>{me.tenant}</strong> ·{' '}
              <span class="scopes">{me.scopes.join(', ')}</span>
            </span>
          )}
          {session.key && (
            <button type="button" class="secondary" onClick={onSignOut}>
              Sign out
            </button>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Page api={api} me={me} path={location.path} params={location.params} />
      </main>
    </>
  );
}

// A button, not a link to #main: the hash holds the page's route.
function skipToMain() {
  document.getElementById('main')?.focus();
}

function Page({
  api,
  me,
  path,
  params,
}: {
  api: Api;
  me: CallerView;
  path: string;
  params: URLSearchParams;
}) {
  const detail = /^\/messages\/([^/]+)$/.exec(path);
  const needsRead = path === '/' || path.startsWith('/messages');
  if (needsRead && !hasScope(me.scopes, 'messages:read'))
    return <MissingScope me={me} scope="messages:read" />;
  if (path === '/send' && !hasScope(me.scopes, 'messages:send'))
    return <MissingScope me={me} scope="messages:send" />;
  if (path === '/keys' && !hasScope(me.scopes, 'keys:manage'))
    return <MissingScope me={me} scope="keys:manage" />;
  if (path === '/suppressions' && !hasScope(me.scopes, 'suppressions:manage'))
    return <MissingScope me={me} scope="suppressions:manage" />;
  if (path === '/') return <OverviewPage api={api} />;
  if (path === '/messages') return <MessagesPage api={api} params={params} />;
  if (detail?.[1])
    return (
      <MessageDetailPage
        api={api}
        id={decodeURIComponent(detail[1])}
        canResend={hasScope(me.scopes, 'messages:send')}
      />
    );
  if (path === '/send') return <SendPage api={api} />;
  if (path === '/keys') return <KeysPage api={api} me={me} />;
  if (path === '/suppressions') return <SuppressionsPage api={api} params={params} />;
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        There is no page at <code>{path}</code>. <a href={href('/')}>Go to the overview</a>.
      </p>
    </section>
  );
}

function MissingScope({ me, scope }: { me: CallerView; scope: string }) {
  return (
    <section class="notice" role="status">
      <h1>This key cannot open this page</h1>
      <p>
        The key <strong>{me.name ?? me.keyId}</strong> has the scopes {me.scopes.join(', ')}, not{' '}
        <code>{scope}</code>. Sign out and sign in with a key that has <code>{scope}</code>, or ask an
        administrator of tenant <strong>{me.tenant}</strong> for one.
      </p>
    </section>
  );
}

const root = document.getElementById('app');
if (root) render(<App baseUrl={await apiBaseUrl()} />, root);
