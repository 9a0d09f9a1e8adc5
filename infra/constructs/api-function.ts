import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { bundleDefines, LAMBDA_BUNDLE } from '../bundling.js';

export interface ApiFunctionProps {
  /** The handler's source file, e.g. `functions/send-message.ts`. */
  entry: string;
  logRetention: RetentionDays;
  environment?: Record<string, string>;
}

/** A route's Lambda with the project's defaults: Node.js 22 on arm64, ESM bundle, X-Ray, its own log group. */
export class ApiFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    super(scope, id, {
      entry: props.entry,
      handler: 'handler',
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      // Just under API Gateway's 29 s integration timeout; the send handler keeps its own deadline
      // inside it, so that a message's outcome is recorded before the function is stopped.
      timeout: Duration.seconds(28),
      tracing: Tracing.ACTIVE,
      logGroup: new LogGroup(scope, `${id}Logs`, {
        retention: props.logRetention,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        LOG_STORE: 'dynamodb',
        // Empty (unset) on AWS. Declared so that `sam local invoke --env-vars` can point it at a
        // local DynamoDB: SAM only overrides variables the template declares.
        DYNAMODB_ENDPOINT: '',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: LAMBDA_BUNDLE.target,
        minify: LAMBDA_BUNDLE.minify,
        sourceMap: LAMBDA_BUNDLE.sourcemap,
        mainFields: [...LAMBDA_BUNDLE.mainFields],
        externalModules: [...LAMBDA_BUNDLE.external],
        banner: LAMBDA_BUNDLE.banner,
        // Only the providers (and secret stores) this function is configured with.
        define: bundleDefines(props.environment ?? {}),
      },
    });
  }

  /** Points the function at the message table and grants exactly `actions` on it and its indexes. */
  bindTable(table: ITable, actions: readonly string[]): this {
    this.addEnvironment('TABLE_NAME', table.tableName);
    table.grant(this, ...actions);
    return this;
  }
}
