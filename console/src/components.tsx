import type { ComponentChildren } from 'preact';
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
