import { RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/**
 * Messages scheduled beyond SQS's 15-minute delay: the service creates an EventBridge Scheduler
 * one-time schedule per message (lib/adapters/scheduler/scheduler.queue.ts), in a group of its own,
 * that sends the message's job to the delivery queue at its time and then deletes itself. The role
 * the schedules run as may only send to the delivery queue (and, for a job it could not send, to its
 * dead-letter queue), and only EventBridge Scheduler of this account may assume it.
 */
export class MessageScheduler extends Construct {
  readonly group: ScheduleGroup;
  readonly role: Role;

  constructor(
    scope: Construct,
    id: string,
    private readonly queues: { queue: Queue; deadLetters: Queue },
  ) {
    super(scope, id);
    const { account } = Stack.of(this);
    // Pending schedules go with the group: a stack deleted with messages still scheduled drops them.
    this.group = new ScheduleGroup(this, 'Group', { removalPolicy: RemovalPolicy.DESTROY });
    this.role = new Role(this, 'Role', {
      description: 'Assumed by EventBridge Scheduler to send scheduled delivery jobs to the delivery queue',
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        // The confused-deputy guard: only schedules of this group assume it.
        conditions: {
          StringEquals: { 'aws:SourceAccount': account, 'aws:SourceArn': this.group.scheduleGroupArn },
        },
      }),
    });
    this.role.addToPolicy(
      new PolicyStatement({
        actions: ['sqs:SendMessage'],
        resources: [queues.queue.queueArn, queues.deadLetters.queueArn],
      }),
    );
  }

  /**
   * Lets `fn` create schedules in the group (and pass them the role), and tells it where they go: the
   * settings `lib/config.ts` reads (SCHEDULE_GROUP, SCHEDULER_ROLE_ARN, QUEUE_ARN, DEAD_LETTER_QUEUE_ARN).
   */
  grantCreate(fn: LambdaFunction): void {
    fn.addEnvironment('SCHEDULE_GROUP', this.group.scheduleGroupName)
      .addEnvironment('SCHEDULER_ROLE_ARN', this.role.roleArn)
      .addEnvironment('QUEUE_ARN', this.queues.queue.queueArn)
      .addEnvironment('DEAD_LETTER_QUEUE_ARN', this.queues.deadLetters.queueArn);
    // The schedules of the group, not the group: CreateSchedule acts on the schedule's own ARN.
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['scheduler:CreateSchedule'],
        resources: [
          Stack.of(this).formatArn({
            service: 'scheduler',
            resource: 'schedule',
            resourceName: `${this.group.scheduleGroupName}/*`,
          }),
        ],
      }),
    );
    this.role.grantPassRole(fn.grantPrincipal);
    if (fn.role) {
      // cdk-nag names the ARN as synthesized: a stack with a region has it (and its partition) as text.
      const stack = Stack.of(this);
      const named = (value: string, pseudo: string) =>
        Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value;
      const arn = `arn:${named(stack.partition, 'Partition')}:scheduler:${named(stack.region, 'Region')}:${named(stack.account, 'AccountId')}`;
      Validations.of(fn.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${arn}:schedule/${this.group.scheduleGroupName}/*]`,
        reason:
          'One schedule per scheduled message, named by its id: the grant is the schedules of the service group, CreateSchedule only.',
      });
    }
  }
}
