import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { ERASURE_TABLE } from '../../lib/adapters/dynamodb/erasure-table.js';
import { IDEMPOTENCY_TABLE } from '../../lib/adapters/dynamodb/idempotency-table.js';
import { KEY_TABLE, RATE_COUNTER_TABLE } from '../../lib/adapters/dynamodb/key-table.js';
import { MESSAGE_TABLE, RETIRING_INDEXES } from '../../lib/adapters/dynamodb/message-table.js';
import { METADATA_TABLE } from '../../lib/adapters/dynamodb/metadata-table.js';
import { STATS_TABLE } from '../../lib/adapters/dynamodb/stats-table.js';
import { SUPPRESSION_TABLE } from '../../lib/adapters/dynamodb/suppression-table.js';
import { TEMPLATE_TABLE } from '../../lib/adapters/dynamodb/template-table.js';
import { WEBHOOK_TABLE } from '../../lib/adapters/dynamodb/webhook-table.js';

export interface ServiceTables {
  messages: Table;
  /** The metadata index of the messages (lib/adapters/dynamodb/metadata-table.ts). */
  metadata: Table;
  idempotency: Table;
  keys: Table;
  templates: Table;
  rateCounters: Table;
  stats: Table;
  suppressions: Table;
  erasures: Table;
  /** Status webhook endpoints and their deliveries (lib/adapters/dynamodb/webhook-table.ts). */
  webhooks: Table;
}

/**
 * The service's DynamoDB tables, from the definitions the adapters and tests read
 * (lib/adapters/dynamodb/*-table.ts). Made directly in `scope`, not in a construct of their own,
 * so that their logical ids (and so the deployed tables) stay those of the first stack.
 */
export function createTables(
  scope: Construct,
  options: {
    /**
     * Keep declaring the message table's retiring indexes (RETIRING_INDEXES) beside the ones
     * replacing them, while the new ones are added (docs/dynamodb.md, "Migrating").
     */
    keepRetiringIndexes?: boolean;
    /**
     * Message table indexes of a replacement (a retiring one or its successor) not to declare in this
     * deployment: CloudFormation adds or deletes one index per stack update, so a replacement of
     * several goes one index a deployment (docs/dynamodb.md, "Migrating").
     */
    holdIndexes?: readonly string[];
  } = {},
): ServiceTables {
  // The tables whose loss would hurt (the log, idempotency answers, the keys): on demand,
  // recoverable to the second, protected from deletion, and kept when the stack goes.
  const durable = {
    billingMode: BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
  } as const;
  const messages = new Table(scope, 'Messages', {
    ...durable,
    partitionKey: { name: MESSAGE_TABLE.partitionKey, type: AttributeType.STRING },
    timeToLiveAttribute: MESSAGE_TABLE.ttlAttribute,
    // Each change, before and after: the stats consumer moves its counters from the status pair
    // (docs/dynamodb.md, stats). Other consumers may read the same stream.
    stream: StreamViewType.NEW_AND_OLD_IMAGES,
  });
  const held = heldIndexes(options.holdIndexes ?? []);
  const messageIndexes = Object.entries({
    ...MESSAGE_TABLE.indexes,
    ...(options.keepRetiringIndexes ? RETIRING_INDEXES : {}),
  }).filter(([indexName]) => !held.has(indexName));
  for (const [indexName, index] of messageIndexes) {
    messages.addGlobalSecondaryIndex({
      indexName,
      partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
      sortKey: { name: MESSAGE_TABLE.sortAttribute, type: AttributeType.STRING },
      ...(index.projected.length > 0
        ? { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...index.projected] }
        : { projectionType: ProjectionType.KEYS_ONLY }),
    });
  }
  // Kept as the log is: it cannot be rebuilt without a Scan of the log.
  const metadata = new Table(scope, 'MessageMetadata', {
    ...durable,
    partitionKey: { name: METADATA_TABLE.partitionKey, type: AttributeType.STRING },
    sortKey: { name: METADATA_TABLE.sortKey, type: AttributeType.STRING },
  });
  const idempotency = new Table(scope, 'IdempotencyKeys', {
    ...durable,
    partitionKey: { name: IDEMPOTENCY_TABLE.partitionKey, type: AttributeType.STRING },
    timeToLiveAttribute: IDEMPOTENCY_TABLE.ttlAttribute,
  });
  // Erasure finds the kept answers that hold a message (sparse: set only on answers with one).
  idempotency.addGlobalSecondaryIndex({
    indexName: IDEMPOTENCY_TABLE.messageIndex.name,
    partitionKey: { name: IDEMPOTENCY_TABLE.messageIndex.partitionKey, type: AttributeType.STRING },
    projectionType: ProjectionType.KEYS_ONLY,
  });
  // Only hashes of the keys' secrets, but losing them locks every client out: kept as the log is.
  const keys = new Table(scope, 'ApiKeys', {
    ...durable,
    partitionKey: { name: KEY_TABLE.partitionKey, type: AttributeType.STRING },
  });
  for (const [indexName, index] of Object.entries(KEY_TABLE.indexes)) {
    keys.addGlobalSecondaryIndex({
      indexName,
      partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
      sortKey: { name: index.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });
  }
  // Templates: tenants' own work, and messages in flight render from them: kept as the log is.
  const templates = new Table(scope, 'Templates', {
    ...durable,
    partitionKey: { name: TEMPLATE_TABLE.partitionKey, type: AttributeType.STRING },
    sortKey: { name: TEMPLATE_TABLE.sortKey, type: AttributeType.NUMBER },
  });
  for (const [indexName, index] of Object.entries(TEMPLATE_TABLE.indexes)) {
    templates.addGlobalSecondaryIndex({
      indexName,
      partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
      sortKey: { name: index.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });
  }
  // Counters of the current second and day, each deleted by TTL after its window: nothing worth
  // keeping past the stack (losing them resets the windows in progress), hence DESTROY, and no
  // point-in-time recovery.
  const rateCounters = new Table(scope, 'RateCounters', {
    partitionKey: { name: RATE_COUNTER_TABLE.partitionKey, type: AttributeType.STRING },
    billingMode: BillingMode.PAY_PER_REQUEST,
    removalPolicy: RemovalPolicy.DESTROY,
    timeToLiveAttribute: RATE_COUNTER_TABLE.ttlAttribute,
  });
  // The stats counters: the history of what was sent, rebuilt from nothing else once the log's own
  // retention has deleted messages: kept as the log is.
  const stats = new Table(scope, 'Stats', {
    ...durable,
    partitionKey: { name: STATS_TABLE.partitionKey, type: AttributeType.STRING },
    sortKey: { name: STATS_TABLE.sortKey, type: AttributeType.STRING },
  });
  // Who must not be messaged: losing it would send to people who opted out, so kept as the log is.
  const suppressions = new Table(scope, 'Suppressions', {
    ...durable,
    partitionKey: { name: SUPPRESSION_TABLE.partitionKey, type: AttributeType.STRING },
  });
  suppressions.addGlobalSecondaryIndex({
    indexName: SUPPRESSION_TABLE.index.name,
    partitionKey: { name: SUPPRESSION_TABLE.index.partitionKey, type: AttributeType.STRING },
    sortKey: { name: SUPPRESSION_TABLE.index.sortKey, type: AttributeType.STRING },
    projectionType: ProjectionType.ALL,
  });
  // The record that a person was erased (a keyed hash, a count): kept as the log is.
  const erasures = new Table(scope, 'Erasures', {
    ...durable,
    partitionKey: { name: ERASURE_TABLE.partitionKey, type: AttributeType.STRING },
  });
  // The tenants' webhook endpoints (their signing secrets, encrypted at rest as every table is) and
  // the deliveries, which TTL deletes a week after they were made: the endpoints are the tenants'
  // own settings, kept as the log is.
  const webhooks = new Table(scope, 'Webhooks', {
    ...durable,
    partitionKey: { name: WEBHOOK_TABLE.partitionKey, type: AttributeType.STRING },
    sortKey: { name: WEBHOOK_TABLE.sortKey, type: AttributeType.STRING },
    timeToLiveAttribute: WEBHOOK_TABLE.ttlAttribute,
  });
  const { byEndpointShard, byDeliveryId } = WEBHOOK_TABLE.indexes;
  webhooks.addGlobalSecondaryIndex({
    indexName: 'byEndpointShard',
    partitionKey: { name: byEndpointShard.partitionKey, type: AttributeType.STRING },
    sortKey: { name: byEndpointShard.sortKey, type: AttributeType.STRING },
    projectionType: ProjectionType.KEYS_ONLY,
  });
  webhooks.addGlobalSecondaryIndex({
    indexName: 'byDeliveryId',
    partitionKey: { name: byDeliveryId.partitionKey, type: AttributeType.STRING },
    projectionType: ProjectionType.KEYS_ONLY,
  });
  return {
    messages,
    metadata,
    idempotency,
    keys,
    templates,
    rateCounters,
    stats,
    suppressions,
    erasures,
    webhooks,
  };
}

/**
 * The indexes a deployment may hold back: those of a replacement in progress, never one that stays
 * (holding `byTenantRecipient` would delete it). An unknown name fails the synth rather than being
 * ignored, which would add or delete more than one index.
 */
function heldIndexes(names: readonly string[]): Set<string> {
  const replacement = new Set<string>(
    Object.entries(RETIRING_INDEXES).flatMap(([retiring, { successor }]) => [retiring, successor]),
  );
  for (const name of names) {
    if (!replacement.has(name))
      throw new Error(
        `holdIndexes: ${JSON.stringify(name)} is not an index being replaced (${[...replacement].join(', ')})`,
      );
  }
  return new Set(names);
}
