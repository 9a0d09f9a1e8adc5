import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { bundleDefines, LAMBDA_BUNDLE } from '../bundling.js';

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
  constructor(scope: Construct, id: string, props: ServiceFunctionProps & { timeout: Duration }) {
    const environment = { ...defaultsOf(scope), ...props.environment };
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
        NODE_OPTIONS: '--enable-source-maps',
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
        mainFields: [...LAMBDA_BUNDLE.mainFields],
        externalModules: [...LAMBDA_BUNDLE.external],
        banner: LAMBDA_BUNDLE.banner,
        // Only the providers (and secret stores) this function is configured with.
        define: bundleDefines(environment),
      },
    });
  }

  /**
   * Points the function at a table (in `variable`) and grants exactly `actions` on it; on its indexes
   * too for Query and Scan, the only actions that read an index. (The tables are encrypted with
   * AWS-owned keys: there is no KMS key to grant.)
   */
  bindTable(table: ITable, actions: readonly string[], variable = 'TABLE_NAME'): this {
    this.addEnvironment(variable, table.tableName);
    const indexActions = actions.filter((action) => INDEX_ACTIONS.includes(action));
    const itemActions = actions.filter((action) => !INDEX_ACTIONS.includes(action));
    if (itemActions.length > 0)
      this.addToRolePolicy(new PolicyStatement({ actions: itemActions, resources: [table.tableArn] }));
    if (indexActions.length > 0) table.grant(this, ...indexActions);
    return this;
  }
}

const DEFAULTS = new WeakMap<Construct, Readonly<Record<string, string>>>();

/**
 * Variables every ServiceFunction under `scope` gets (a function's own environment wins): the
 * stack's metrics and tracing settings, given once rather than to each function.
 */
export function setServiceFunctionDefaults(scope: Construct, environment: Readonly<Record<string, string>>) {
  DEFAULTS.set(scope, environment);
}

// The nearest scope's defaults.
const defaultsOf = (scope: Construct): Readonly<Record<string, string>> => {
  const owner = [...scope.node.scopes].reverse().find((s) => DEFAULTS.has(s));
  return (owner && DEFAULTS.get(owner)) ?? {};
};

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
