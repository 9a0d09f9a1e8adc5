import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { MessagingService, type MessagingServiceProps } from './messaging-service.js';

export interface MessagingStackProps extends StackProps, MessagingServiceProps {}

/**
 * The app's stack: the messaging service (infra/messaging-service.ts) and the outputs an operator
 * needs. The service's id `Default` leaves it out of the logical ids, so the resources keep the ids
 * they had when the stack defined them itself (a table's new id would be a new, empty table).
 */
export class MessagingStack extends Stack {
  readonly service: MessagingService;

  constructor(scope: Construct, id: string, props: MessagingStackProps) {
    super(scope, id, props);
    const service = new MessagingService(this, 'Default', props);
    this.service = service;
    const { tables } = service;

    new CfnOutput(this, 'ApiUrl', { value: service.api.url, description: 'Base URL of the API stage' });
    new CfnOutput(this, 'TableName', {
      value: tables.messages.tableName,
      description: 'The DynamoDB message log',
    });
    new CfnOutput(this, 'ConsoleUrl', { value: service.console.url, description: 'The web console' });
    new CfnOutput(this, 'IdempotencyTableName', {
      value: tables.idempotency.tableName,
      description: 'The DynamoDB idempotency keys',
    });
    new CfnOutput(this, 'KeysTableName', {
      value: tables.keys.tableName,
      description: 'The DynamoDB API keys (KEYS_TABLE_NAME of npm run keys)',
    });
    new CfnOutput(this, 'RateCounterTableName', {
      value: tables.rateCounters.tableName,
      description: "The DynamoDB counters of the keys' rate limits",
    });
    new CfnOutput(this, 'QueueUrl', {
      value: service.queue.queueUrl,
      description: 'The delivery queue (QUEUE_URL)',
    });
    new CfnOutput(this, 'DeadLetterQueueArn', {
      value: service.deadLetters.queueArn,
      description:
        'The delivery jobs that failed 10 times: DLQ_ARN=<this> QUEUE_URL=<QueueUrl> npm run redrive',
    });
    new CfnOutput(this, 'SchedulingDeadLetterQueueArn', {
      value: service.schedulingDeadLetters.queueArn,
      description: 'The scheduled messages whose schedule failed 10 times: DLQ_ARN=<this> npm run redrive',
    });
    new CfnOutput(this, 'DeadLetterAlarmName', {
      value: service.deadLetterAlarm.alarmName,
      description: 'In alarm while the dead-letter queue holds jobs',
    });
    new CfnOutput(this, 'AlarmTopicArn', {
      value: service.monitoring.topic.topicArn,
      description: 'Every alarm notifies this topic: subscribe a pager or chat to it',
    });
    new CfnOutput(this, 'DashboardName', {
      value: service.monitoring.dashboard.dashboardName,
      description: 'The CloudWatch dashboard of the service',
    });
    new CfnOutput(this, 'AccessLogGroupName', {
      value: service.accessLogs.logGroupName,
      description: "The API's access log (JSON, one line per request)",
    });
    if (service.domain) {
      new CfnOutput(this, 'DomainTarget', {
        value: service.domain.domainNameAliasDomainName,
        description: "Point the custom domain's DNS record (CNAME or alias) at this name",
      });
    }
    if (service.sesTopic) {
      new CfnOutput(this, 'SesEventsTopicArn', {
        value: service.sesTopic.topicArn,
        description: "Point the SES configuration set's event destination (SNS) at this topic",
      });
    }
  }
}
