import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError } from './api.js';

export function StatusBadge({ status }: { status: string }) {
  return <span class={`badge status-${status}`}>{status}</span>;
}

/** An API error as text: its message, code and request id (for a support ticket). */
export function ErrorNotice({ error }: { error: unknown }) {
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : undefined;
  return (
    <div class="error-notice" role="alert">
      <p>
        {error instanceof Error ? error.message : String(error)}
        {apiError && apiError.status !== 0 && (
          <>
            {' '}
            (<code>{apiError.code}</code>
            {apiError.requestId && <>, request {apiError.requestId}</>})
          </>
        )}
      </p>
    </div>
  );
}

export function Field({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: ComponentChildren;
  children: ComponentChildren;
}) {
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>{label}</label>
      {children}
      {hint && (
        <div class="hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** The aria-describedby of a field's input: its hint and its error, those it has. */
export const describedBy = (id: string, error?: string, hint?: boolean): string | undefined =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

/** A filter's `<select>`: "Any" (no value) and each option, as the URL's value says. */
export function FilterSelect({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string | undefined;
  options: readonly string[];
}) {
  return (
    <div class="field">
      <label for={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name} value={value ?? ''}>
        <option value="">Any</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A filter form's buttons: apply, and clear (the page without its query). */
export function FilterButtons({ clear }: { clear: string }) {
  return (
    <div class="field buttons">
      <button type="submit">Apply filters</button>
      <a class="button secondary" href={clear}>
        Clear
      </a>
    </div>
  );
}

/** Below a list: how many are shown (announced), and "Load more" while the API has a next page. */
export function Paging({
  loading,
  shown,
  more,
  onMore,
}: {
  loading: boolean;
  shown: string;
  more: boolean;
  onMore: () => void;
}) {
  return (
    <div class="paging">
      <span aria-live="polite">{loading ? 'Loading…' : shown}</span>
      {more && (
        <button type="button" onClick={onMore} disabled={loading}>
          Load more
        </button>
      )}
    </div>
  );
}

/**
 * A destructive action asked twice: a button (`label` for screen readers), then the question with
 * "Yes" and "Cancel"; its error beside it.
 */
export function ConfirmAction({
  text,
  label,
  question,
  yes,
  onConfirm,
}: {
  text: string;
  label: string;
  question: ComponentChildren;
  yes: string;
  onConfirm: () => Promise<unknown>;
}) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>();
  const confirm = async () => {
    try {
      await onConfirm();
      setConfirming(false);
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <>
      {confirming ? (
        <span class="confirm">
          {question}{' '}
          <button type="button" class="danger" onClick={confirm}>
            {yes}
          </button>{' '}
          <button type="button" class="secondary" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </span>
      ) : (
        <button type="button" class="secondary" aria-label={label} onClick={() => setConfirming(true)}>
          {text}
        </button>
      )}
      <ErrorNotice error={error} />
    </>
  );
}
