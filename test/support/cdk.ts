/**
 * The App context of the stack tests: no bundling (the bundles have their own test), and assets left
 * where they are rather than copied per synth (the console's deployment carries CDK's large AWS CLI
 * layer, whose copy made each synth seconds slower).
 */
export const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [], 'aws:cdk:disable-asset-staging': true };
