import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { MessagingStack } from '../../infra/messaging-stack.js';
import { cdkApp } from '../support/cdk-app.js';

// The console on AWS: private bucket, CloudFront with origin access control and security headers,
// the deployment with config.json, and the API's CORS for that origin only.

type Resource = { Type: string; Properties: Record<string, unknown> };
let template: Template;
const all = (type: string) => Object.entries(template.findResources(type) as Record<string, Resource>);
const only = (type: string): [string, Resource] => {
  const found = all(type);
  expect(found, type).toHaveLength(1);
  return found[0] as [string, Resource];
};

beforeAll(() => {
  template = Template.fromStack(
    new MessagingStack(cdkApp(), 'Console', { stage: 'test', allowMockProviders: true }),
  );
}, 90_000);

describe('the console on AWS', () => {
  it('keeps its files in a private, encrypted bucket that only CloudFront reads, over HTTPS', () => {
    const [bucketId, bucket] = only('AWS::S3::Bucket');
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(JSON.stringify(bucket.Properties.BucketEncryption)).toContain('AES256');
    const [, oac] = only('AWS::CloudFront::OriginAccessControl');
    expect(oac.Properties.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
    });
    const [distributionId] = only('AWS::CloudFront::Distribution');
    const policy = JSON.stringify(
      all('AWS::S3::BucketPolicy').find(([, p]) =>
        JSON.stringify(p.Properties.Bucket).includes(bucketId),
      )?.[1],
    );
    expect(policy).toContain('cloudfront.amazonaws.com');
    expect(policy).toContain(distributionId);
    expect(policy).toContain('"aws:SecureTransport":"false"');
    expect(policy).not.toContain('"Principal":"*","Action":"s3:GetObject"');
  });

  it('serves index.html over HTTPS only, with a CSP without inline script and the security headers', () => {
    const [, distribution] = only('AWS::CloudFront::Distribution');
    const config = distribution.Properties.DistributionConfig as Record<string, unknown>;
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.DefaultCacheBehavior).toMatchObject({ ViewerProtocolPolicy: 'redirect-to-https' });
    const [policyId, policy] = only('AWS::CloudFront::ResponseHeadersPolicy');
    expect(JSON.stringify(config.DefaultCacheBehavior)).toContain(policyId);
    const headers = (policy.Properties.ResponseHeadersPolicyConfig as Record<string, Record<string, unknown>>)
      .SecurityHeadersConfig as Record<string, Record<string, unknown>>;
    const csp = JSON.stringify(headers.ContentSecurityPolicy);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain('execute-api'); // connect-src: the API's origin
    expect(headers.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 31_536_000 });
    expect(headers.FrameOptions).toMatchObject({ FrameOption: 'DENY' });
    expect(headers.ContentTypeOptions).toMatchObject({ Override: true });
    expect(headers.ReferrerPolicy).toMatchObject({ ReferrerPolicy: 'no-referrer' });
  });

  it("deploys the built files with a config.json naming the API's URL (and the OpenAPI document), and invalidates them", () => {
    const [, deployment] = only('Custom::CDKBucketDeployment');
    const markers = JSON.stringify(deployment.Properties.SourceMarkers);
    const [apiId] = only('AWS::ApiGateway::RestApi');
    expect(markers).toContain(apiId);
    // The OpenAPI document is deployed with them (API Gateway reads it there; CloudFront serves it too).
    expect(deployment.Properties.DistributionPaths).toEqual(['/index.html', '/config.json', '/openapi.json']);
    expect(deployment.Properties.SourceObjectKeys).toHaveLength(3);
    template.hasOutput('ConsoleUrl', {});
  });

  it("lets the console's origin only read the API: preflights, the functions' answers, API Gateway's own", () => {
    const [distributionId] = only('AWS::CloudFront::Distribution');
    const origin = { 'Fn::Join': ['', ["'https://", { 'Fn::GetAtt': [distributionId, 'DomainName'] }, "'"]] };
    const preflights = all('AWS::ApiGateway::Method').filter(
      ([, m]) => m.Properties.HttpMethod === 'OPTIONS',
    );
    // One per resource with a route: /sendMessage, /messages, /{id}, /events, /resend, /keys, /keys/{id}, /me, 4 webhooks.
    expect(preflights.length).toBeGreaterThanOrEqual(8);
    for (const [, preflight] of preflights) {
      expect(preflight.Properties.AuthorizationType).toBe('NONE');
      const response = JSON.stringify(preflight.Properties.Integration);
      expect(response).toContain(JSON.stringify(origin).slice(1, -1));
      expect(response).not.toContain("'*'");
    }
    const functions = template.findResources('AWS::Lambda::Function') as Record<string, Resource>;
    const corsOf = (prefix: string) => {
      const found = Object.entries(functions).find(([id]) => id.startsWith(prefix))?.[1];
      expect(found, prefix).toBeDefined();
      const environment = found?.Properties.Environment as { Variables: Record<string, unknown> } | undefined;
      return environment?.Variables.CORS_ORIGIN;
    };
    for (const fn of ['SendMessage', 'ListMessages', 'GetMessage', 'ListMessageEvents', 'ManageKeys'])
      expect(corsOf(`${fn}Function`), fn).toEqual({
        'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }]],
      });
    expect(corsOf('ReceiveReceiptFunction')).toBeUndefined();
    const gatewayResponses = all('AWS::ApiGateway::GatewayResponse');
    expect(gatewayResponses.length).toBeGreaterThan(0);
    for (const [, response] of gatewayResponses) {
      const parameters = response.Properties.ResponseParameters as Record<string, unknown>;
      expect(parameters['gatewayresponse.header.Access-Control-Allow-Origin']).toEqual(origin);
    }
  });
});
