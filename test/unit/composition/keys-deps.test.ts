import { describe, expect, it } from 'vitest';
import { keysDeps } from '../../../lib/composition/manage-keys.js';
import { Parts } from '../../../lib/composition/parts.js';
import { ConfigError, readServiceSettings } from '../../../lib/config.js';

// The keys Lambda's environment as the stack sets it (no client is contacted: building sends nothing).
const LAMBDA_ENV = {
  AWS_LAMBDA_FUNCTION_NAME: 'ManageKeysFunction',
  LOG_STORE: 'dynamodb',
  KEYS_TABLE_NAME: 'api-keys',
  RATE_COUNTER_TABLE_NAME: 'rate-counters',
  AWS_REGION: 'eu-west-1',
};

function buildKeys(env: Record<string, string>) {
  const parts = new Parts({
    service: readServiceSettings(env),
    providers: async () => {
      throw new Error('the keys function reads no provider settings');
    },
    receipts: () => {
      throw new Error('the keys function reads no receipt settings');
    },
  });
  try {
    return keysDeps(parts);
  } finally {
    void parts.close();
  }
}

describe('the keys function builder', () => {
  it("refuses to start without the message table, where a new key's rate sets its tenant's layout", () => {
    expect(() => buildKeys(LAMBDA_ENV)).toThrow(ConfigError);
    expect(() => buildKeys(LAMBDA_ENV)).toThrow(/TABLE_NAME: is required to lay out a tenant's list/);
  });

  it('builds with it', () => {
    expect(buildKeys({ ...LAMBDA_ENV, TABLE_NAME: 'messages' }).manageKeys.create).toBeTypeOf('function');
  });
});
