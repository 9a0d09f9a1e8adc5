import { useState } from 'preact/hooks';
import { CHANNELS, CONTENT_LIMITS, SUBJECT_MAX } from '../../../lib/domain/message.schema.js';
import { type Api, ApiError, type Channel, type SendOutcome, type SendRequest } from '../api.js';
import { describedBy, ErrorNotice, Field, StatusBadge } from '../components.js';
import { href } from '../router.js';

const PLACEHOLDERS: Record<Channel, string> = {
  email: 'user@example.com',
  sms: '+14155550123',
  whatsapp: '+14155550123',
};

/** A form per channel; the API's field errors beside their fields; the result links to the message. */
export function SendPage({ api }: { api: Api }) {
  const [type, setType] = useState<Channel>('email');
  const [recipient, setRecipient] = useState('');
  const [subject, setSubject] = useState('');
  const [content, setContent] = useState('');
  const [queued, setQueued] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [outcome, setOutcome] = useState<SendOutcome>();

  const fieldError = (field: string) => (error instanceof ApiError ? error.fieldError(field) : undefined);
  const limit = CONTENT_LIMITS[type];

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setOutcome(undefined);
    const request: SendRequest = {
      type,
      recipient,
      content,
      ...(type === 'email' && subject ? { subject } : {}),
    };
    try {
      setOutcome(await api.sendMessage(request, { async: queued }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  // Field errors are shown beside their fields; the rest above the form.
  const general =
    error instanceof ApiError &&
    error.details.every((detail) => !['type', 'recipient', 'subject', 'content'].includes(detail.field))
      ? error
      : error instanceof ApiError
        ? undefined
        : error;

  return (
    <section>
      <h1>Send a message</h1>
      <form class="send" onSubmit={submit} noValidate>
        <fieldset>
          <legend>Channel</legend>
          {CHANNELS.map((channel) => (
            <label key={channel} class="radio">
              <input
                type="radio"
                name="type"
                value={channel}
                checked={type === channel}
                onChange={() => setType(channel)}
              />
              {channel === 'sms' ? 'SMS' : channel === 'whatsapp' ? 'WhatsApp' : 'Email'}
            </label>
          ))}
          {fieldError('type') && <p class="field-error">{fieldError('type')}</p>}
        </fieldset>
        <Field id="send-recipient" label="Recipient" error={fieldError('recipient')}>
          <input
            id="send-recipient"
            name="recipient"
            type="text"
            inputMode={type === 'email' ? 'email' : 'tel'}
            autocomplete="off"
            placeholder={PLACEHOLDERS[type]}
            value={recipient}
            onInput={(event) => setRecipient(event.currentTarget.value)}
            aria-invalid={fieldError('recipient') ? true : undefined}
            aria-describedby={describedBy('send-recipient', fieldError('recipient'))}
          />
        </Field>
        {type === 'email' && (
          <Field id="send-subject" label="Subject (optional)" error={fieldError('subject')}>
            <input
              id="send-subject"
              name="subject"
              maxLength={SUBJECT_MAX}
              value={subject}
              onInput={(event) => setSubject(event.currentTarget.value)}
              aria-invalid={fieldError('subject') ? true : undefined}
              aria-describedby={describedBy('send-subject', fieldError('subject'))}
            />
          </Field>
        )}
        <Field
          id="send-content"
          label="Content"
          error={fieldError('content')}
          hint={
            <span class={content.length > limit ? 'over' : ''}>
              {content.length.toLocaleString()} / {limit.toLocaleString()} characters
            </span>
          }
        >
          <textarea
            id="send-content"
            name="content"
            rows={6}
            value={content}
            onInput={(event) => setContent(event.currentTarget.value)}
            aria-invalid={fieldError('content') ? true : undefined}
            aria-describedby={describedBy('send-content', fieldError('content'), true)}
          />
        </Field>
        <label class="toggle">
          <input
            type="checkbox"
            checked={queued}
            onChange={(event) => setQueued(event.currentTarget.checked)}
          />
          Deliver in the background (<code>Prefer: respond-async</code>): answer at once, a worker sends it
        </label>
        <ErrorNotice error={general} />
        <button type="submit" disabled={busy}>
          {busy ? 'Sending…' : 'Send'}
        </button>
      </form>
      {outcome && (
        <div class={`outcome ${outcome.error ? 'failed' : 'ok'}`} role="status">
          <p>
            {outcome.error ? (
              <>
                The provider refused it: <code>{outcome.error.code}</code> {outcome.error.message}.{' '}
              </>
            ) : outcome.status === 202 ? (
              'Queued: a worker sends it shortly. '
            ) : (
              'Sent. '
            )}
            <StatusBadge status={outcome.message.status} />{' '}
            <a href={href(`/messages/${encodeURIComponent(outcome.message.id)}`)}>
              Open message {outcome.message.id}
            </a>
          </p>
        </div>
      )}
    </section>
  );
}
