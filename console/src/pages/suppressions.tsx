import { useState } from 'preact/hooks';
import { CHANNELS, type Channel } from '../../../lib/domain/message.schema.js';
import { SUPPRESSION_REASONS } from '../../../lib/domain/suppression.js';
import { type Api, ApiError, type Suppression } from '../api.js';
import {
  ConfirmAction,
  describedBy,
  ErrorNotice,
  Field,
  FilterButtons,
  FilterSelect,
  Paging,
} from '../components.js';
import { useCursorList } from '../cursor-list.js';
import { formatTime } from '../format.js';
import { href, queryValues, submitFilter } from '../router.js';

const FILTERS = ['recipient', 'channel', 'reason'] as const;
type Filter = Partial<Record<(typeof FILTERS)[number], string>>;
const PAGE_SIZE = '25';

/** An erased recipient's entry is kept under its keyed hash (docs/privacy.md): 64 hex digits. */
const isErased = (recipient: string) => /^[0-9a-f]{64}$/.test(recipient);

/** Where an entry came from, as one line of text. */
const sourceOf = ({ source }: Suppression): string =>
  [
    source.provider && `provider ${source.provider}`,
    source.keyId && `key ${source.keyId}`,
    source.messageId && `message ${source.messageId}`,
  ]
    .filter(Boolean)
    .join(' · ');

/**
 * The tenant's suppression list (for a `suppressions:manage` key): its filters in the URL, "load
 * more", add (PUT) and lift (DELETE, after a confirmation).
 */
export function SuppressionsPage({ api, params }: { api: Api; params: URLSearchParams }) {
  const filter: Filter = queryValues(params, FILTERS);
  const filterKey = JSON.stringify(filter);
  const { items, cursor, loading, error, reload, loadMore } = useCursorList<Suppression>(
    (after) => api.listSuppressions({ ...filter, limit: PAGE_SIZE, ...(after ? { cursor: after } : {}) }),
    [filterKey, api],
  );

  const filtered = Object.keys(filter).length > 0;
  return (
    <section>
      <h1>Suppressions</h1>
      <p>
        Recipients no message goes to on the channels listed: added by bounces, complaints and opt-outs
        (STOP), or here. A lifted recipient can be messaged again.
      </p>
      <Filters filter={filter} />
      <ErrorNotice error={error} />
      {!loading && items.length === 0 && !error ? (
        <div class="empty" role="status">
          <p>
            {filtered ? (
              <>
                No entry matches these filters. <a href={href('/suppressions')}>Clear the filters</a>.
              </>
            ) : (
              'No recipient is suppressed.'
            )}
          </p>
        </div>
      ) : (
        <div class="table-wrap">
          <table class="suppressions">
            <caption class="visually-hidden">Suppressed recipients, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Recipient</th>
                <th scope="col">Channels</th>
                <th scope="col">Reason</th>
                <th scope="col">Source</th>
                <th scope="col">Created</th>
                <th scope="col">Updated</th>
                <th scope="col">Lift</th>
              </tr>
            </thead>
            <tbody>
              {items.map((entry) => (
                <EntryRow key={entry.recipient} entry={entry} api={api} onChange={() => void reload()} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Paging
        loading={loading}
        shown={`${items.length} entr${items.length === 1 ? 'y' : 'ies'} shown`}
        more={cursor !== null}
        onMore={() => void loadMore()}
      />
      <AddEntry api={api} onAdded={() => void reload()} />
    </section>
  );
}

function EntryRow({ entry, api, onChange }: { entry: Suppression; api: Api; onChange: () => void }) {
  const erased = isErased(entry.recipient);
  return (
    <tr>
      <td class="mono">
        {entry.recipient}
        {erased && <span class="tag">erased</span>}
      </td>
      <td>{entry.channels.join(', ')}</td>
      <td>{entry.reason}</td>
      <td>{sourceOf(entry)}</td>
      <td>{formatTime(entry.createdAt)}</td>
      <td>{formatTime(entry.updatedAt)}</td>
      <td>
        {erased ? (
          <span>Lift it by its original recipient, below.</span>
        ) : (
          <ConfirmAction
            text="Lift"
            label={`Lift ${entry.recipient}`}
            question={<>Messages to {entry.recipient} will be sent again.</>}
            yes="Yes, lift"
            onConfirm={async () => {
              await api.liftSuppression(entry.recipient);
              onChange();
            }}
          />
        )}
      </td>
    </tr>
  );
}

/** The filter form: applying it writes the filter to the URL, which the list follows. */
function Filters({ filter }: { filter: Filter }) {
  const submit = submitFilter('/suppressions', (text) => ({
    recipient: text('recipient'),
    channel: text('channel'),
    reason: text('reason'),
  }));
  return (
    <form class="filters" onSubmit={submit} key={JSON.stringify(filter)} aria-label="Filters">
      <div class="field">
        <label for="filter-recipient">Recipient</label>
        <input id="filter-recipient" name="recipient" type="search" value={filter.recipient ?? ''} />
      </div>
      <FilterSelect name="channel" label="Channel" value={filter.channel} options={CHANNELS} />
      <FilterSelect name="reason" label="Reason" value={filter.reason} options={SUPPRESSION_REASONS} />
      <FilterButtons clear={href('/suppressions')} />
    </form>
  );
}

/** Adds (or extends) an entry: the channels default to every one of the recipient's kind. */
function AddEntry({ api, onAdded }: { api: Api; onAdded: () => void }) {
  const [recipient, setRecipient] = useState('');
  const [channels, setChannels] = useState<Channel[]>([]);
  const [reason, setReason] = useState<(typeof SUPPRESSION_REASONS)[number]>('manual');
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<Suppression>();
  const [busy, setBusy] = useState(false);
  const fieldError = (field: string) => (error instanceof ApiError ? error.fieldError(field) : undefined);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!recipient.trim()) {
      setError(
        new ApiError(400, 'VALIDATION_ERROR', 'The recipient is missing', [
          { field: 'recipient', message: 'is required' },
        ]),
      );
      return;
    }
    setBusy(true);
    try {
      setDone(
        await api.putSuppression(recipient.trim(), { reason, ...(channels.length > 0 ? { channels } : {}) }),
      );
      setRecipient('');
      setChannels([]);
      setError(undefined);
      onAdded();
    } catch (caught) {
      setDone(undefined);
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="create-key" onSubmit={submit} noValidate>
      <h2>Suppress a recipient</h2>
      <Field
        id="suppress-recipient"
        label="Recipient"
        error={fieldError('recipient')}
        hint="An email address, or a phone number in E.164 (+14155550123)"
      >
        <input
          id="suppress-recipient"
          name="recipient"
          value={recipient}
          onInput={(event) => setRecipient(event.currentTarget.value)}
          aria-invalid={fieldError('recipient') ? true : undefined}
          aria-describedby={describedBy('suppress-recipient', fieldError('recipient'), true)}
        />
      </Field>
      <fieldset>
        <legend>Channels (none checked: every channel of the recipient's kind)</legend>
        {CHANNELS.map((channel) => (
          <label key={channel} class="checkbox">
            <input
              type="checkbox"
              checked={channels.includes(channel)}
              onChange={(event) =>
                setChannels((current) =>
                  event.currentTarget.checked ? [...current, channel] : current.filter((c) => c !== channel),
                )
              }
            />
            {channel}
          </label>
        ))}
        {fieldError('channels') && <p class="field-error">{fieldError('channels')}</p>}
      </fieldset>
      <Field id="suppress-reason" label="Reason" error={fieldError('reason')}>
        <select
          id="suppress-reason"
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value as typeof reason)}
        >
          {SUPPRESSION_REASONS.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      </Field>
      {error instanceof ApiError && error.details.length > 0 ? null : <ErrorNotice error={error} />}
      {done && (
        <p role="status" data-testid="suppressed">
          Suppressed {done.recipient} on {done.channels.join(', ')}.
        </p>
      )}
      <button type="submit" disabled={busy}>
        Suppress
      </button>
    </form>
  );
}
