import { type SQSClient, StartMessageMoveTaskCommand } from '@aws-sdk/client-sqs';

/**
 * Moves every message of an SQS dead-letter queue back to the queue it came from (SQS's own
 * message move task; the destination defaults to each message's source queue). Answers the task's
 * handle, with which the console or `aws sqs list-message-move-tasks` follows it.
 */
export async function redriveSqs(client: SQSClient, deadLetterQueueArn: string): Promise<string> {
  const { TaskHandle } = await client.send(
    new StartMessageMoveTaskCommand({ SourceArn: deadLetterQueueArn }),
  );
  return TaskHandle ?? '';
}
