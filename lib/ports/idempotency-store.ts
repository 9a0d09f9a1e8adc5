/** The answer a request got, kept to be answered again to a retry with the same key. */
export interface StoredResponse {
  statusCode: number;
  headers?: Record<string, string>;
  body: unknown;
}

export interface IdempotencyEntry {
  requestHash: string;
  /** Null while the first request is still being handled. */
  response: StoredResponse | null;
  /** Epoch seconds. */
  expiresAt: number;
}

/**
 * The idempotency port: remembers, per scope (the caller) and key, a request's hash and then its
 * answer, for a limited time. `begin` is atomic: of concurrent requests with one key, exactly one
 * gets `{ started: true }`.
 *
 * An entry is expired once its `expiresAt` is at or before the store's clock (epoch seconds); an
 * expired entry is as good as absent, whether or not it has been deleted yet (DynamoDB TTL and the
 * SQLite sweep are both lazy).
 */
export interface IdempotencyStore {
  /**
   * Takes the key for this request, or answers the live entry that holds it. `expiresAt` bounds how
   * long an unfinished request holds the key (a lease): if its process dies before `complete` or
   * `release`, the key frees itself then instead of blocking retries for the whole retention time.
   */
  begin(
    scope: string,
    key: string,
    requestHash: string,
    expiresAt: number,
  ): Promise<{ started: true } | { started: false; entry: IdempotencyEntry }>;
  /**
   * Records the answer of the request that began the key, kept until `expiresAt` (the retention).
   * Does nothing if the key is no longer in progress (released, or expired and taken by another).
   */
  complete(scope: string, key: string, response: StoredResponse, expiresAt: number): Promise<void>;
  /** Forgets the key (its request failed in a way a retry should redo); never a completed entry. */
  release(scope: string, key: string): Promise<void>;
  /**
   * Deletes the scope's kept answers that hold this message (`messageIdOf`): an erased message must
   * not be replayed. An adapter records the message of an answer when it completes the key.
   */
  forgetMessage(scope: string, messageId: string): Promise<void>;
  /** Releases what the store itself owns; a database or client shared with others stays open. */
  close(): Promise<void>;
}

/**
 * The message a kept answer holds, if any: the record of a send (`id`), or the failed record of a
 * 422/502 (`message.id`).
 */
export function messageIdOf(response: StoredResponse): string | undefined {
  const body = response.body as { id?: unknown; message?: { id?: unknown } } | null;
  if (body === null || typeof body !== 'object') return undefined;
  if (typeof body.id === 'string') return body.id;
  const failed = body.message;
  return failed && typeof failed === 'object' && typeof failed.id === 'string' ? failed.id : undefined;
}
