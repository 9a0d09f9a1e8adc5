import { describe, expect, it } from 'vitest';
import { Parts } from '../../../lib/composition/parts.js';
import { readServiceSettings } from '../../../lib/config.js';
import type { MessageLog } from '../../../lib/ports/message-log.js';
import { readReceiptSettings } from '../../../lib/receipts/settings.js';

const settings = {
  service: readServiceSettings({}),
  providers: async () => {
    throw new Error('not used');
  },
  receipts: () => readReceiptSettings({}),
};

function closing(closed: string[], name: string) {
  return { close: async () => void closed.push(name) } as unknown as MessageLog;
}

describe('Parts.closable', () => {
  it('builds a part once and closes it once, after the parts registered later', async () => {
    const closed: string[] = [];
    const parts = new Parts(settings);
    let builds = 0;
    const build = () => {
      builds++;
      return closing(closed, 'log');
    };
    const first = parts.closable('messageLog', build);
    expect(parts.closable('messageLog', build)).toBe(first);
    parts.onClose(() => closed.push('later'));
    await parts.close();
    expect(builds).toBe(1);
    expect(closed).toEqual(['later', 'log']);
  });

  it("takes the caller's override instead of building, and closes it too", async () => {
    const closed: string[] = [];
    const parts = new Parts(settings, { messageLog: closing(closed, 'override') });
    const made = parts.closable('messageLog', () => {
      throw new Error('built despite the override');
    });
    await parts.close();
    expect(closed).toEqual(['override']);
    expect(made).toBe(parts.overrides.messageLog);
  });

  it('closes nothing for a part that is absent (no queue)', async () => {
    const parts = new Parts(settings);
    expect(parts.closable('queue', () => undefined)).toBeUndefined();
    await expect(parts.close()).resolves.toBeUndefined();
  });
});
