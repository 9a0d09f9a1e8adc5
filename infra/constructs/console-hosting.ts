import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { DockerImage, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import { CfnGatewayResponse, type IResource, type RestApi } from 'aws-cdk-lib/aws-apigateway';
import {
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { consoleCsp } from '../../lib/http/static-site.js';

const ROOT = join(import.meta.dirname, '..', '..');

// The request headers the console sends, besides the CORS-safelisted ones.
const ALLOWED_HEADERS = ['content-type', 'x-api-key', 'prefer', 'idempotency-key'];

export interface ConsoleHostingProps {
  api: RestApi;
  /** The functions behind the API's routes: their answers name the console's origin (CORS). */
  functions: readonly LambdaFunction[];
  /** How long the deployment function's logs are kept: the service's retention. */
  logRetention: RetentionDays;
  /**
   * Other files deployed into the bucket with the console, by key (the API's OpenAPI document,
   * which API Gateway reads from here): one deployment, since a second one would prune the first's.
   */
  files?: Readonly<Record<string, string>>;
}

/**
 * The web console on AWS: its built files in a private S3 bucket, served by CloudFront through
 * origin access control (HTTPS only, security headers), deployed by the stack with a `config.json`
 * naming the API's URL (a deploy-time value: no rebuild per stage). The API allows that origin
 * only: a preflight on each resource, the header on the functions' answers (CORS_ORIGIN) and on
 * API Gateway's own (401, 429...), so that the page can read them.
 */
export class ConsoleHosting extends Construct {
  /** `https://<distribution>.cloudfront.net` */
  readonly url: string;
  /** The console's private bucket: its files, `config.json`, and the `files` given. */
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: ConsoleHostingProps) {
    super(scope, id);
    const { api } = props;
    const stack = Stack.of(this);

    const bucket = new Bucket(this, 'Files', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // Built files only: the next deployment writes them again.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    this.bucket = bucket;
    Validations.of(bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        "The console's built files, public by nature and written only by the stack's deployment; CloudFront alone reads them (origin access control). No request to it carries data: the API's access logs record every call the page makes.",
    });
    const apiOrigin = `https://${api.restApiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'The messaging console: CSP without inline script, HSTS, no framing, no referrer',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: consoleCsp(apiOrigin), override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });
    const distribution = new Distribution(this, 'Distribution', {
      comment: 'The messaging console',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
      },
    });
    this.url = `https://${distribution.distributionDomainName}`;
    Validations.of(distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'The console is a static page usable wherever its API keys are; who may do what is decided by the API (keys, scopes, limits), not by country.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'Static files only, cached by CloudFront; the calls that matter go to the API, which has its own WAF option (context waf=true). A CloudFront web ACL must live in us-east-1, a separate stack and cost.',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason:
          "The same static files for everyone, without data; every call the page makes is in the API's access logs (key id, tenant, route, status). Standard logs would need an ACL-enabled bucket of their own.",
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          "The distribution uses CloudFront's default *.cloudfront.net certificate, with which CloudFront sets the minimum protocol itself (TLSv1); only a custom domain's certificate allows TLSv1.2_2021.",
      },
    );

    const files = Object.entries(props.files ?? {});
    const deployment = new BucketDeployment(this, 'Deployment', {
      destinationBucket: bucket,
      sources: [
        consoleFiles(),
        Source.jsonData('config.json', { apiUrl: api.url }),
        ...files.map(([key, text]) => Source.data(key, text)),
      ],
      distribution,
      distributionPaths: ['/index.html', '/config.json', ...files.map(([key]) => `/${key}`)],
      // Kept as long as the functions' logs (CDK's own group would be kept two years).
      logGroup: new LogGroup(this, 'DeploymentLogs', {
        retention: props.logRetention,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
    });
    acknowledgeDeploymentFunction(deployment, bucket);

    for (const fn of props.functions) fn.addEnvironment('CORS_ORIGIN', this.url);
    const methodsOf = new Map<IResource, string[]>();
    for (const method of api.methods) {
      if (method.httpMethod === 'ANY' || method.httpMethod === 'OPTIONS') continue;
      methodsOf.set(method.resource, [...(methodsOf.get(method.resource) ?? []), method.httpMethod]);
    }
    for (const [resource, methods] of methodsOf) {
      resource.addCorsPreflight({
        allowOrigins: [this.url],
        allowHeaders: ALLOWED_HEADERS,
        allowMethods: methods,
        maxAge: Duration.hours(1),
      });
    }
    // API Gateway's own answers (a refused key, throttling) are read by the page too.
    for (const child of api.node.findAll()) {
      if (child instanceof CfnGatewayResponse) {
        child.addPropertyOverride(
          'ResponseParameters.gatewayresponse\\.header\\.Access-Control-Allow-Origin',
          `'${this.url}'`,
        );
        child.addPropertyOverride('ResponseParameters.gatewayresponse\\.header\\.Vary', "'Origin'");
      }
    }
  }
}

/**
 * CDK's own function that copies the files into the bucket (one per stack, at the stack's root, a
 * custom resource run at deployment only): its findings, acknowledged on it and its role.
 */
function acknowledgeDeploymentFunction(deployment: BucketDeployment, bucket: Bucket) {
  const stack = Stack.of(deployment);
  const handler = stack.node.children.find((child) =>
    child.node.id.startsWith('Custom::CDKBucketDeployment'),
  );
  if (handler) {
    const reason =
      "CDK's BucketDeployment function, run by CloudFormation at deployment only (a custom resource): its runtime, tracing and invocation are CDK's.";
    Validations.of(handler).acknowledge(
      { id: 'AwsSolutions-L1', reason },
      { id: 'Serverless-LambdaLatestVersion', reason },
      { id: 'Serverless-LambdaTracing', reason },
      {
        id: 'Serverless-LambdaDLQ',
        reason:
          'Invoked synchronously by CloudFormation (a custom resource), which reports a failure itself.',
      },
    );
  }
  // The role CDK gives it: copy from the staged assets into this bucket, and invalidate the cache.
  const assets = (() => {
    const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
    const partition = Token.isUnresolved(stack.partition) ? '<AWS::Partition>' : stack.partition;
    const qualifier = String(stack.node.tryGetContext('@aws-cdk/core:bootstrapQualifier') ?? 'hnb659fds');
    return `arn:${partition}:s3:::cdk-${qualifier}-assets-<AWS::AccountId>-${region}/*`;
  })();
  const bucketId = stack.getLogicalId(bucket.node.defaultChild as CfnBucket);
  const reason =
    "CDK's BucketDeployment role: it reads the staged console assets and writes (and prunes) this bucket's objects, with the actions CDK grants for that (bucket-level Get/List, object-level Get/Put/Delete/Abort); CloudFront's CreateInvalidation takes no resource.";
  Validations.of(deployment.handlerRole).acknowledge(
    {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'AWSLambdaBasicExecutionRole grants only writing the function its own log streams.',
    },
    ...['s3:GetBucket*', 's3:GetObject*', 's3:List*', 's3:Abort*', 's3:DeleteObject*'].map((action) => ({
      id: `AwsSolutions-IAM5[Action::${action}]`,
      reason,
    })),
    { id: `AwsSolutions-IAM5[Resource::${assets}]`, reason },
    { id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`, reason },
    { id: 'AwsSolutions-IAM5[Resource::*]', reason },
  );
}

/** The console built at synth time (Vite, on this machine), as the deployment's asset. */
function consoleFiles() {
  return Source.asset(join(ROOT, 'console'), {
    bundling: {
      // Local bundling is the way; the image is only CDK's required fallback.
      image: DockerImage.fromRegistry('node:22-slim'),
      command: [
        'sh',
        '-c',
        'echo "the console is built on the synthesizing machine: npm ci first" && exit 1',
      ],
      local: {
        tryBundle(outputDir: string) {
          execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-console.ts', outputDir], {
            cwd: ROOT,
            stdio: 'inherit',
          });
          return true;
        },
      },
    },
  });
}
