import type { Api, ListQuery, MessageRecord } from './api.js';

const COLUMNS = [
  'id',
  'createdAt',
  'updatedAt',
  'type',
  'recipient',
  'status',
  'subject',
  'provider',
  'providerMessageId',
  'attempts',
  'errorCode',
  'errorMessage',
] as const;

// RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so that a spreadsheet shows it as text
// rather than running it as a formula (CSV injection).
function cell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(message: MessageRecord): string {
  const values: Record<(typeof COLUMNS)[number], string | number | null> = {
    ...message,
    errorCode: message.error?.code ?? null,
    errorMessage: message.error?.message ?? null,
  };
  return `${COLUMNS.map((column) => cell(values[column])).join(',')}\r\n`;
}

/**
 * The messages of a filter as CSV, fetched page by page: each page becomes a Blob as it arrives,
 * and the file is a Blob of those Blobs, so the page's script never holds the whole export as
 * one string (the browser keeps Blob data outside the script's heap, on disk when large).
 */
export async function exportCsv(
  api: Api,
  filter: ListQuery,
  onProgress: (rows: number) => void,
  signal: AbortSignal,
): Promise<Blob> {
  const parts: Blob[] = [new Blob([`${COLUMNS.join(',')}\r\n`])];
  let cursor: string | undefined;
  let rows = 0;
  do {
    if (signal.aborted) throw new DOMException('Export cancelled', 'AbortError');
    const page = await api.listMessages({ ...filter, limit: '100', ...(cursor ? { cursor } : {}) });
    parts.push(new Blob(page.items.map(csvRow), { type: 'text/csv' }));
    rows += page.items.length;
    onProgress(rows);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return new Blob(parts, { type: 'text/csv;charset=utf-8' });
}

/** Saves a Blob as a file through a temporary object URL. */
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
