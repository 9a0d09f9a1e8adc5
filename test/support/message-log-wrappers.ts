import type { MessageLog } from '../../lib/ports/message-log.js';

/**
 * A message log that answers through `base`, except for the methods in `overrides` (which may call
 * `base` themselves). Every method is bound to `base`, so that its own state stays its own.
 */
export function interceptLog(base: MessageLog, overrides: Partial<MessageLog>): MessageLog {
  return {
    create: overrides.create ?? base.create.bind(base),
    createMany: overrides.createMany ?? base.createMany.bind(base),
    updateStatus: overrides.updateStatus ?? base.updateStatus.bind(base),
    get: overrides.get ?? base.get.bind(base),
    findByProviderMessageId: overrides.findByProviderMessageId ?? base.findByProviderMessageId?.bind(base),
    listEvents: overrides.listEvents ?? base.listEvents.bind(base),
    list: overrides.list ?? base.list.bind(base),
    erase: overrides.erase ?? base.erase.bind(base),
    close: overrides.close ?? base.close.bind(base),
  };
}

/** A message log whose chosen methods throw, to stand for a store that is down. */
export function brokenLog(failing: Partial<Record<keyof MessageLog, Error>>, base?: MessageLog): MessageLog {
  const fail =
    (method: keyof MessageLog) =>
    async (...args: unknown[]): Promise<never> => {
      const error = failing[method];
      if (error) throw error;
      if (!base) throw new Error(`brokenLog: no base for ${method}`);
      return (base[method] as (...a: unknown[]) => Promise<never>).apply(base, args);
    };
  return {
    create: fail('create'),
    createMany: fail('createMany'),
    updateStatus: fail('updateStatus'),
    get: fail('get'),
    findByProviderMessageId: fail('findByProviderMessageId'),
    listEvents: fail('listEvents'),
    list: fail('list'),
    erase: fail('erase'),
    close: async () => base?.close(),
  };
}
