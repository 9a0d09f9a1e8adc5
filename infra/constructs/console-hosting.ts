import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { DockerImage, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
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
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
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

    new BucketDeployment(this, 'Deployment', {
      destinationBucket: bucket,
      sources: [consoleFiles(), Source.jsonData('config.json', { apiUrl: api.url })],
      distribution,
      distributionPaths: ['/index.html', '/config.json'],
    });

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
