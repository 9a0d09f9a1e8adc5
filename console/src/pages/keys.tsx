import { useEffect, useState } from 'preact/hooks';
import { type Api, ApiError, type CallerView, type KeyView, type Scope } from '../api.js';
import { ConfirmAction, describedBy, ErrorNotice, Field } from '../components.js';
import { formatTime } from '../format.js';

/** The tenant's keys (for a `keys:manage` key): list, create (secret shown once), revoke. */
export function KeysPage({ api, me }: { api: Api; me: CallerView }) {
  const [keys, setKeys] = useState<KeyView[]>([]);
  const [error, setError] = useState<unknown>();
  const [created, setCreated] = useState<{ apiKey: string; key: KeyView }>();

  const reload = () =>
    api.listKeys().then(
      (items) => {
        setKeys(items);
        setError(undefined);
      },
      (caught: unknown) => setError(caught),
    );
  useEffect(() => {
    void reload();
  }, [api]);

  return (
    <section>
      <h1>API keys of tenant {me.tenant}</h1>
      <ErrorNotice error={error} />
      {created && <NewSecret created={created} onDone={() => setCreated(undefined)} />}
      <table class="keys">
        <caption class="visually-hidden">API keys</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Id</th>
            <th scope="col">Scopes</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <KeyRow key={key.id} item={key} own={key.id === me.keyId} api={api} onChange={reload} />
          ))}
        </tbody>
      </table>
      <CreateKey
        api={api}
        scopes={me.scopes}
        onCreated={(result) => {
          setCreated(result);
          void reload();
        }}
      />
    </section>
  );
}

function KeyRow({
  item,
  own,
  api,
  onChange,
}: {
  item: KeyView;
  own: boolean;
  api: Api;
  onChange: () => void;
}) {
  return (
    <tr>
      <td>
        {item.name}
        {own && <span class="tag">this key</span>}
      </td>
      <td class="mono">{item.id}</td>
      <td>{item.scopes.join(', ')}</td>
      <td>{formatTime(item.createdAt)}</td>
      <td>{formatTime(item.lastUsedAt)}</td>
      <td>
        {item.revokedAt ? (
          <span>Revoked {formatTime(item.revokedAt)}</span>
        ) : (
          <ConfirmAction
            text="Revoke"
            label={`Revoke ${item.name}`}
            question={<>Revoke “{item.name}”? Callers using it are refused from now on.</>}
            yes="Yes, revoke"
            onConfirm={async () => {
              await api.revokeKey(item.id);
              onChange();
            }}
          />
        )}
      </td>
    </tr>
  );
}

function CreateKey({
  api,
  scopes,
  onCreated,
}: {
  api: Api;
  scopes: readonly Scope[];
  onCreated: (result: { apiKey: string; key: KeyView }) => void;
}) {
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<Scope[]>(['messages:read']);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const fieldError = (field: string) => (error instanceof ApiError ? error.fieldError(field) : undefined);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      onCreated(await api.createKey({ name, scopes: chosen }));
      setName('');
      setError(undefined);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="create-key" onSubmit={submit} noValidate>
      <h2>Create a key</h2>
      <Field id="key-name" label="Name" error={fieldError('name')}>
        <input
          id="key-name"
          name="name"
          value={name}
          onInput={(event) => setName(event.currentTarget.value)}
          aria-invalid={fieldError('name') ? true : undefined}
          aria-describedby={describedBy('key-name', fieldError('name'))}
        />
      </Field>
      <fieldset>
        <legend>Scopes (at most this key's own)</legend>
        {scopes.map((scope) => (
          <label key={scope} class="checkbox">
            <input
              type="checkbox"
              checked={chosen.includes(scope)}
              onChange={(event) =>
                setChosen((current) =>
                  event.currentTarget.checked ? [...current, scope] : current.filter((s) => s !== scope),
                )
              }
            />
            <code>{scope}</code>
          </label>
        ))}
        {fieldError('scopes') && <p class="field-error">{fieldError('scopes')}</p>}
      </fieldset>
      {error instanceof ApiError && error.details.length > 0 ? null : <ErrorNotice error={error} />}
      <button type="submit" disabled={busy}>
        Create key
      </button>
    </form>
  );
}

function NewSecret({ created, onDone }: { created: { apiKey: string; key: KeyView }; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(created.apiKey);
    setCopied(true);
  };
  return (
    <div class="secret" role="alert">
      <h2>Key “{created.key.name}” created</h2>
      <p>
        <strong>Copy it now: it is shown this once only.</strong> The service keeps only its hash; if it is
        lost, revoke it and create another.
      </p>
      <p>
        <code class="mono" data-testid="new-secret">
          {created.apiKey}
        </code>
      </p>
      <button type="button" onClick={copy}>
        {copied ? 'Copied' : 'Copy key'}
      </button>{' '}
      <button type="button" class="secondary" onClick={onDone}>
        I have stored it
      </button>
    </div>
  );
}
