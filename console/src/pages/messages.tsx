import { useEffect, useRef, useState } from 'preact/hooks';
import { CHANNELS } from '../../../lib/domain/message.schema.js';
import { MESSAGE_STATUSES } from '../../../lib/domain/message-status.js';
import type { Api, MessageRecord } from '../api.js';
import { ErrorNotice, FilterButtons, FilterSelect, Paging, StatusBadge } from '../components.js';
import { download, exportCsv } from '../csv.js';
import { useCursorList } from '../cursor-list.js';
import { formatTime, fromLocalInput, toLocalInput } from '../format.js';
import { href, queryValues, submitFilter } from '../router.js';

const FILTERS = ['type', 'status', 'recipient', 'from', 'to'] as const;
type Filter = Partial<Record<(typeof FILTERS)[number], string>>;
const REFRESH_EVERY_MS = 5_000;
const PAGE_SIZE = '25';

/** The log, newest first: the API's filters (kept in the URL), "load more", auto-refresh, CSV. */
export function MessagesPage({ api, params }: { api: Api; params: URLSearchParams }) {
  const filter: Filter = queryValues(params, FILTERS);
  const filterKey = JSON.stringify(filter);
  const [autoRefresh, setAutoRefresh] = useState(false);
  const [exporting, setExporting] = useState<number | null>(null);
  const exportAbort = useRef<AbortController | null>(null);

  const { items, cursor, loading, error, setError, reload, loadMore } = useCursorList<MessageRecord>(
    (after) => api.listMessages({ ...filter, limit: PAGE_SIZE, ...(after ? { cursor: after } : {}) }),
    [filterKey, api],
  );

  useEffect(() => {
    if (!autoRefresh) return undefined;
    const timer = setInterval(() => void reload(true), REFRESH_EVERY_MS);
    return () => clearInterval(timer);
  }, [autoRefresh, filterKey, api]);

  const startExport = async () => {
    const abort = new AbortController();
    exportAbort.current = abort;
    setExporting(0);
    try {
      const blob = await exportCsv(api, filter, setExporting, abort.signal);
      download(blob, `messages-${new Date().toISOString().replaceAll(':', '-')}.csv`);
    } catch (caught) {
      if (!(caught instanceof DOMException && caught.name === 'AbortError')) setError(caught);
    } finally {
      setExporting(null);
      exportAbort.current = null;
    }
  };

  const filtered = Object.keys(filter).length > 0;

  return (
    <section>
      <div class="page-head">
        <h1>Messages</h1>
        <div class="actions">
          <label class="toggle">
            <input
              type="checkbox"
              checked={autoRefresh}
              onChange={(event) => setAutoRefresh(event.currentTarget.checked)}
            />
            Auto-refresh every 5 s
          </label>
          {exporting === null ? (
            <button type="button" class="secondary" onClick={startExport}>
              Export CSV
            </button>
          ) : (
            <button type="button" class="secondary" onClick={() => exportAbort.current?.abort()}>
              Exporting… {exporting} rows (cancel)
            </button>
          )}
        </div>
      </div>
      <Filters filter={filter} />
      <ErrorNotice error={error} />
      {!loading && items.length === 0 && !error ? (
        <div class="empty" role="status">
          {cursor !== null ? (
            // On AWS a rare filter is read in bounded steps: an empty page may still have pages after it.
            <p>No match among the newest messages read so far. Load more to look further back.</p>
          ) : filtered ? (
            <p>
              No message matches these filters. <a href={href('/messages')}>Clear the filters</a> or widen the
              time range.
            </p>
          ) : (
            <p>
              No message has been sent yet. <a href={href('/send')}>Send one</a>, or call{' '}
              <code>POST /sendMessage</code>.
            </p>
          )}
        </div>
      ) : (
        <div class="table-wrap">
          <table class="messages">
            <caption class="visually-hidden">Messages, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Created</th>
                <th scope="col">Channel</th>
                <th scope="col">Recipient</th>
                <th scope="col">Status</th>
                <th scope="col">Subject or content</th>
                <th scope="col">Error</th>
              </tr>
            </thead>
            <tbody>
              {items.map((message) => (
                <tr key={message.id}>
                  <td>
                    <a href={href(`/messages/${encodeURIComponent(message.id)}`)}>
                      {formatTime(message.createdAt)}
                    </a>
                  </td>
                  <td>{message.type}</td>
                  <td class="mono">{message.recipient}</td>
                  <td>
                    <StatusBadge status={message.status} />
                  </td>
                  <td class="preview">{(message.subject ?? message.content).slice(0, 80)}</td>
                  <td class="mono">{message.error?.code ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Paging
        loading={loading}
        shown={`${items.length} message${items.length === 1 ? '' : 's'} shown`}
        more={cursor !== null}
        onMore={() => void loadMore()}
      />
    </section>
  );
}

/** The filter form: applying it writes the filter to the URL, which the list follows. */
function Filters({ filter }: { filter: Filter }) {
  const submit = submitFilter('/messages', (text) => ({
    type: text('type'),
    status: text('status'),
    recipient: text('recipient'),
    from: fromLocalInput(text('from') ?? ''),
    to: fromLocalInput(text('to') ?? ''),
  }));
  // Keyed by the filter: back/forward put the URL's values back in the form.
  return (
    <form class="filters" onSubmit={submit} key={JSON.stringify(filter)} aria-label="Filters">
      <FilterSelect name="type" label="Channel" value={filter.type} options={CHANNELS} />
      <FilterSelect name="status" label="Status" value={filter.status} options={MESSAGE_STATUSES} />
      <div class="field">
        <label for="filter-recipient">Recipient</label>
        <input id="filter-recipient" name="recipient" type="search" value={filter.recipient ?? ''} />
      </div>
      <div class="field">
        <label for="filter-from">From</label>
        <input id="filter-from" name="from" type="datetime-local" value={toLocalInput(filter.from ?? null)} />
      </div>
      <div class="field">
        <label for="filter-to">To</label>
        <input id="filter-to" name="to" type="datetime-local" value={toLocalInput(filter.to ?? null)} />
      </div>
      <FilterButtons clear={href('/messages')} />
    </form>
  );
}
