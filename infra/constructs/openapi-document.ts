import { Validations } from 'aws-cdk-lib';
import {
  AwsIntegration,
  type IResource,
  type Method,
  type MethodOptions,
  PassthroughBehavior,
} from 'aws-cdk-lib/aws-apigateway';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** The document's key in the bucket. */
export const OPENAPI_OBJECT_KEY = 'openapi.json';

// What clients may cache it for: it changes only with a deployment, which then shows within as long.
const OPENAPI_CACHE_CONTROL = 'public, max-age=300';

export interface OpenApiDocumentProps {
  /** The API's `/openapi.json` resource. */
  resource: IResource;
  /** The bucket holding the document at OPENAPI_OBJECT_KEY (the console's, deployed with its files). */
  bucket: IBucket;
  /** The method's options: no key, the API's request validator. */
  options: MethodOptions;
  /** The body of the 500 answered when S3 fails: a mapping template of the contract's error shape. */
  errorTemplate: string;
}

/**
 * GET /openapi.json answered by API Gateway itself: an AWS service integration that reads the
 * document from S3 with a role allowed that one object, so that no Lambda starts for it. The text
 * cannot live in a mock integration's mapping template: a template holds at most 300 KB (an API
 * Gateway quota that cannot be raised) and the minified document is over that, before VTL's escaping
 * of its `$` and `#` (docs/openapi.md).
 */
export class OpenApiDocument extends Construct {
  readonly method: Method;
  /** The role API Gateway takes to read the document: s3:GetObject on its key, nothing else. */
  readonly role: Role;

  constructor(
    scope: Construct,
    id: string,
    { resource, bucket, options, errorTemplate }: OpenApiDocumentProps,
  ) {
    super(scope, id);
    this.role = new Role(this, 'ReadRole', {
      assumedBy: new ServicePrincipal('apigateway.amazonaws.com'),
      description: 'API Gateway reads the OpenAPI document (GET /openapi.json) from the console bucket',
    });
    this.role.addToPolicy(
      new PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [bucket.arnForObjects(OPENAPI_OBJECT_KEY)],
      }),
    );
    const json = "'application/json; charset=utf-8'";
    const integration = new AwsIntegration({
      service: 's3',
      integrationHttpMethod: 'GET',
      path: `${bucket.bucketName}/${OPENAPI_OBJECT_KEY}`,
      options: {
        credentialsRole: this.role,
        passthroughBehavior: PassthroughBehavior.WHEN_NO_MATCH,
        integrationResponses: [
          {
            // The object's bytes as they are: no template.
            statusCode: '200',
            responseParameters: {
              'method.response.header.Content-Type': json,
              'method.response.header.x-request-id': 'context.requestId',
              'method.response.header.Cache-Control': `'${OPENAPI_CACHE_CONTROL}'`,
              'method.response.header.ETag': 'integration.response.header.ETag',
            },
          },
          {
            // S3's own error (its XML) never reaches the caller: a missing object or a refused read
            // is the deployment's fault, S3 unavailable is ours to report; either is the contract's 500.
            selectionPattern: '[45]\\d{2}',
            statusCode: '500',
            responseParameters: {
              'method.response.header.Content-Type': json,
              'method.response.header.x-request-id': 'context.requestId',
            },
            responseTemplates: { 'application/json': errorTemplate },
          },
        ],
      },
    });
    this.method = resource.addMethod('GET', integration, {
      ...options,
      methodResponses: [
        {
          statusCode: '200',
          responseParameters: {
            'method.response.header.Content-Type': true,
            'method.response.header.x-request-id': true,
            'method.response.header.Cache-Control': true,
            'method.response.header.ETag': true,
          },
        },
        {
          statusCode: '500',
          responseParameters: {
            'method.response.header.Content-Type': true,
            'method.response.header.x-request-id': true,
          },
        },
      ],
    });
    const reason =
      "GET /openapi.json, public by design (the route table gives it no scope): the API's published description, read from S3; no tenant data.";
    Validations.of(this.method).acknowledge(
      { id: 'AwsSolutions-APIG4', reason },
      { id: 'AwsSolutions-COG4', reason },
    );
  }
}
