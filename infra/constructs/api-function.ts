import { type CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { bundleDefines, LAMBDA_BUNDLE, LAMBDA_NODE_OPTIONS } from '../bundling.js';

export interface ServiceFunctionProps {
  /** The handler's source file, e.g. `functions/send-message.ts`. */
  entry: string;
  logRetention: RetentionDays;
  environment?: Record<string, string>;
}

/**
 * One of the service's Lambdas with the project's defaults: Node.js 22 on arm64, ESM bundle, X-Ray,
 * its own log group. A route's function is an ApiFunction; the queue worker sets its own timeout.
 */
export class ServiceFunction extends NodejsFunction {
  /** Its handler's source file (the benchmark's list of functions is checked against these). */
  readonly entry: string;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps & { timeout: Duration }) {
    const environment = props.environment ?? {};
    super(scope, id, {
      entry: props.entry,
      handler: 'handler',
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: props.timeout,
      tracing: Tracing.ACTIVE,
      logGroup: new LogGroup(scope, `${id}Logs`, {
        retention: props.logRetention,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
      environment: {
        NODE_OPTIONS: LAMBDA_NODE_OPTIONS,
        LOG_STORE: 'dynamodb',
        // Empty (unset) on AWS. Declared so that `sam local invoke --env-vars` can point it at a
        // local DynamoDB: SAM only overrides variables the template declares.
        DYNAMODB_ENDPOINT: '',
        ...environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: LAMBDA_BUNDLE.target,
        minify: LAMBDA_BUNDLE.minify,
        sourceMap: LAMBDA_BUNDLE.sourcemap,
        sourcesContent: LAMBDA_BUNDLE.sourcesContent,
        mainFields: [...LAMBDA_BUNDLE.mainFields],
        externalModules: [...LAMBDA_BUNDLE.external],
        banner: LAMBDA_BUNDLE.banner,
        // Only the providers (and secret stores) this function is configured with.
        define: bundleDefines(environment),
      },
    });
    this.entry = props.entry;
    // cdk-nag findings every function has, acknowledged on its own role or itself (docs/operations.md).
    if (this.role) {
      Validations.of(this.role).acknowledge(
        {
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason:
            'AWSLambdaBasicExecutionRole grants only logs:CreateLogGroup, CreateLogStream and PutLogEvents: what every function needs to write its own log group.',
        },
        {
          id: 'AwsSolutions-IAM5[Resource::*]',
          reason:
            "X-Ray's PutTraceSegments and PutTelemetryRecords (active tracing) take no resource: IAM requires Resource *.",
        },
      );
    }
    Validations.of(this).acknowledge(
      {
        id: 'AwsSolutions-L1',
        reason:
          'nodejs22.x is the runtime the bundles target (infra/bundling.ts, node22) and the cold-load floors are measured on; a runtime move is its own change.',
      },
      {
        id: 'Serverless-LambdaLatestVersion',
        reason:
          'nodejs22.x is the runtime the bundles target (infra/bundling.ts, node22) and the cold-load floors are measured on; a runtime move is its own change.',
      },
      {
        id: 'Serverless-LambdaDLQ',
        reason:
          "Never invoked asynchronously: API Gateway and the authorizer call synchronously, SQS through an event source mapping (the queue's dead-letter queue keeps failed jobs).",
      },
    );
  }

  /**
   * Points the function at a table (in `variable`) and grants exactly `actions` on it; on its indexes
   * too for Query and Scan, the only actions that read an index. (The tables are encrypted with
   * AWS-owned keys: there is no KMS key to grant.) `itemConditions`: IAM conditions on the item
   * actions, e.g. which partition keys they may touch (`dynamodb:LeadingKeys`).
   */
  bindTable(
    table: ITable,
    actions: readonly string[],
    variable = 'TABLE_NAME',
    itemConditions?: Record<string, Record<string, unknown>>,
  ): this {
    this.addEnvironment(variable, table.tableName);
    const indexActions = actions.filter((action) => INDEX_ACTIONS.includes(action));
    const itemActions = actions.filter((action) => !INDEX_ACTIONS.includes(action));
    if (itemActions.length > 0)
      this.addToRolePolicy(
        new PolicyStatement({
          actions: itemActions,
          resources: [table.tableArn],
          ...(itemConditions ? { conditions: itemConditions } : {}),
        }),
      );
    if (indexActions.length > 0) {
      table.grant(this, ...indexActions);
      if (this.role) {
        const tableId = Stack.of(table).getLogicalId(table.node.defaultChild as CfnElement);
        Validations.of(this.role).acknowledge({
          id: `AwsSolutions-IAM5[Resource::<${tableId}.Arn>/index/*]`,
          reason:
            "Query on this table's own indexes only (the table definition in lib/adapters/dynamodb decides which exist); no other table or resource.",
        });
      }
    }
    return this;
  }
}

const INDEX_ACTIONS: readonly string[] = ['dynamodb:Query', 'dynamodb:Scan'];

/** API Gateway's integration timeout is 29 s: a route's function must be done before it. */
export const API_FUNCTION_TIMEOUT = Duration.seconds(28);

/** A route's Lambda. */
export class ApiFunction extends ServiceFunction {
  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    // The send handler keeps its own deadline inside this timeout, so that a message's outcome is
    // recorded before the function is stopped.
    super(scope, id, { ...props, timeout: API_FUNCTION_TIMEOUT });
  }
}
