import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { recipientHash } from '../../../lib/privacy/recipient-hash.js';

describe('recipientHash', () => {
  it('is the HMAC-SHA256 of the tenant and recipient under the key, in hex', () => {
    const expected = createHmac('sha256', 'k').update('acme\u0000+14155550123').digest('hex');
    expect(recipientHash('k', 'acme', '+14155550123')).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs by key, by tenant and by recipient', () => {
    const base = recipientHash('k', 'acme', 'a@example.com');
    expect(recipientHash('other', 'acme', 'a@example.com')).not.toBe(base);
    expect(recipientHash('k', 'beta', 'a@example.com')).not.toBe(base);
    expect(recipientHash('k', 'acme', 'b@example.com')).not.toBe(base);
    // No join of tenant and recipient collides with another split of the same text.
    expect(recipientHash('k', 'ac', 'me\u0000x')).not.toBe(recipientHash('k', 'acme', 'x'));
  });
});
