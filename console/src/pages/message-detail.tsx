import { useEffect, useState } from 'preact/hooks';
import { RESENDABLE } from '../../../lib/domain/message.schema.js';
import type { Api, MessageEvent, MessageRecord, SendOutcome } from '../api.js';
import { ErrorNotice, StatusBadge } from '../components.js';
import { formatTime } from '../format.js';
import { href } from '../router.js';

/** One message: its record, its provider, its error, its events as a timeline, and its raw JSON. */
export function MessageDetailPage({ api, id, canResend }: { api: Api; id: string; canResend: boolean }) {
  const [message, setMessage] = useState<MessageRecord>();
  const [events, setEvents] = useState<MessageEvent[]>([]);
  const [error, setError] = useState<unknown>();
  const [copied, setCopied] = useState(false);
  const [resent, setResent] = useState<SendOutcome>();
  const [resending, setResending] = useState(false);

  useEffect(() => {
    setMessage(undefined);
    setError(undefined);
    setResent(undefined);
    Promise.all([api.getMessage(id), api.listEvents(id)]).then(([record, history]) => {
      setMessage(record);
      setEvents(history);
    }, setError);
  }, [api, id]);

  const resend = async () => {
    setResending(true);
    try {
      const outcome = await api.resendMessage(id);
      setResent(outcome);
      // The original now lists its resend.
      setMessage(await api.getMessage(id));
    } catch (caught) {
      setError(caught);
    } finally {
      setResending(false);
    }
  };

  const raw = message ? JSON.stringify({ ...message, events }, null, 2) : '';
  const copy = async () => {
    await navigator.clipboard.writeText(raw);
    setCopied(true);
    setTimeout(() => setCopied(false), 2_000);
  };

  return (
    <section>
      <p>
        <a href={href('/messages')}>← Messages</a>
      </p>
      <h1>
        Message <span class="mono">{id}</span>
      </h1>
      <ErrorNotice error={error} />
      {message && (
        <>
          <dl class="record">
            <dt>Status</dt>
            <dd>
              <StatusBadge status={message.status} />
            </dd>
            <dt>Channel</dt>
            <dd>{message.type}</dd>
            <dt>Recipient</dt>
            <dd class="mono">{message.recipient}</dd>
            {message.subject !== null && (
              <>
                <dt>Subject</dt>
                <dd>{message.subject}</dd>
              </>
            )}
            <dt>Provider</dt>
            <dd>{message.provider ?? '—'}</dd>
            <dt>Provider message id</dt>
            <dd class="mono">{message.providerMessageId ?? '—'}</dd>
            <dt>Attempts</dt>
            <dd>{message.attempts}</dd>
            <dt>Created</dt>
            <dd>{formatTime(message.createdAt)}</dd>
            <dt>Updated</dt>
            <dd>{formatTime(message.updatedAt)}</dd>
            <dt>Tenant</dt>
            <dd>{message.tenant}</dd>
            {message.resendOf && (
              <>
                <dt>Resend of</dt>
                <dd>
                  <MessageLink id={message.resendOf} />
                </dd>
              </>
            )}
            {message.resentAs && (
              <>
                <dt>Resent as</dt>
                <dd>
                  {message.resentAs.map((resend) => (
                    <span key={resend} class="link-list">
                      <MessageLink id={resend} />
                    </span>
                  ))}
                </dd>
              </>
            )}
            {message.error && (
              <>
                <dt>Error</dt>
                <dd class="error-text">
                  <code>{message.error.code}</code> {message.error.message}
                  {message.error.retryable ? ' (retryable)' : ' (permanent)'}
                </dd>
              </>
            )}
          </dl>
          {canResend && RESENDABLE.includes(message.status) && (
            <p>
              <button type="button" onClick={resend} disabled={resending}>
                {resending ? 'Resending…' : 'Resend'}
              </button>{' '}
              <span class="hint">A new message with the same channel, recipient and content.</span>
            </p>
          )}
          {resent && (
            <div class={`outcome ${resent.error ? 'failed' : 'ok'}`} role="status">
              <p>
                Resent as <StatusBadge status={resent.message.status} />{' '}
                <MessageLink id={resent.message.id} />
                {resent.error && (
                  <>
                    {' '}
                    · <code>{resent.error.code}</code> {resent.error.message}
                  </>
                )}
              </p>
            </div>
          )}
          <h2>Content</h2>
          <pre class="content" data-testid="content">
            {message.content}
          </pre>
          <h2>Events</h2>
          <ol class="timeline">
            {events.map((event, index) => (
              <li key={`${event.at}-${index}`}>
                <StatusBadge status={event.status} /> <time dateTime={event.at}>{formatTime(event.at)}</time>
                {event.provider && <span> · {event.provider}</span>}
                {event.detail && (
                  <span>
                    {' '}
                    · <code>{event.detail}</code>
                  </span>
                )}
              </li>
            ))}
          </ol>
          <h2>Raw JSON</h2>
          <button type="button" class="secondary" onClick={copy}>
            {copied ? 'Copied' : 'Copy JSON'}
          </button>
          <pre class="raw">{raw}</pre>
        </>
      )}
    </section>
  );
}

const MessageLink = ({ id }: { id: string }) => (
  <a class="mono" href={href(`/messages/${encodeURIComponent(id)}`)}>
    {id}
  </a>
);
