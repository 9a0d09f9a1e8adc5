import { useState } from 'preact/hooks';

/** The API key, typed or pasted; kept in this tab's sessionStorage once the API accepts it. */
export function SignInPage({
  onSignIn,
  error: initialError,
}: {
  onSignIn: (key: string) => Promise<string | undefined>;
  error?: string | undefined;
}) {
  const [key, setKey] = useState('');
  const [error, setError] = useState(initialError);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!key.trim()) {
      setError('Enter an API key.');
      return;
    }
    setBusy(true);
    setError(await onSignIn(key.trim()));
    setBusy(false);
  };

  return (
    <main id="main" class="sign-in">
      <h1>Messaging console</h1>
      <p>
        Sign in with an API key of your tenant. It is kept in this browser tab only, until you sign out or
        close it.
      </p>
      <form onSubmit={submit} noValidate>
        <label for="api-key">API key</label>
        <input
          id="api-key"
          name="api-key"
          type="password"
          autocomplete="off"
          spellcheck={false}
          placeholder="msk_…"
          value={key}
          onInput={(event) => setKey(event.currentTarget.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'sign-in-error' : undefined}
        />
        {error && (
          <p id="sign-in-error" class="field-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p class="hint">
        No key yet? An administrator creates one with <code>npm run keys -- create</code>, or on the Keys
        page.
      </p>
    </main>
  );
}
