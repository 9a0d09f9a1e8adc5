import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface RateLimitedWebAclProps {
  name: string;
  /** Requests one source IP may make in 5 minutes before WAF blocks it (100 to 2,000,000,000). */
  requestsPer5Minutes: number;
  /** The API stage to protect. */
  stageArn: string;
}

/**
 * A regional WAF web ACL on the API stage: a rate-based rule per source IP (the webhooks carry no
 * key, so no key limit bounds them) and AWS's rule group of known bad inputs. Not AWS's common rule
 * set: its body size rule would block the emails the contract allows (up to 256 KiB).
 */
export class RateLimitedWebAcl extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: RateLimitedWebAclProps) {
    super(scope, id);
    const limit = props.requestsPer5Minutes;
    if (!Number.isInteger(limit) || limit < 100 || limit > 2_000_000_000)
      throw new Error(`waf requestsPer5Minutes ${limit}: use a whole number from 100 to 2000000000`);
    const visibility = (metricName: string) => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName,
    });
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: props.name,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(props.name),
      rules: [
        {
          name: 'RatePerSourceIp',
          priority: 0,
          action: { block: {} },
          statement: {
            rateBasedStatement: { limit, aggregateKeyType: 'IP', evaluationWindowSec: 300 },
          },
          visibilityConfig: visibility(`${props.name}-rate`),
        },
        {
          name: 'KnownBadInputs',
          priority: 1,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesKnownBadInputsRuleSet' },
          },
          visibilityConfig: visibility(`${props.name}-bad-inputs`),
        },
      ],
    });
    new CfnWebACLAssociation(this, 'Association', {
      resourceArn: props.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
  }
}
