import { type CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { COLD_FUNCTIONS, COMMON_ENV } from '../../../bench/cold-functions.js';
import { ServiceFunction } from '../../../infra/constructs/api-function.js';
import { MessagingStack } from '../../../infra/messaging-stack.js';
import { cdkApp } from '../../support/cdk-app.js';

// The cold-load target covers every function of the stack: the benchmark's list (bench/cold-functions.ts)
// is read against the functions the stack declares, with every resource each is pointed at.
let functions: { entry: string; id: string; resourceVariables: string[] }[];

beforeAll(() => {
  const stack = new MessagingStack(cdkApp(), 'Bench', { stage: 'test', allowMockProviders: true });
  const template = Template.fromStack(stack).toJSON() as {
    Resources: Record<string, { Properties?: { Environment?: { Variables?: Record<string, unknown> } } }>;
  };
  functions = stack.node
    .findAll()
    .filter((c): c is ServiceFunction => c instanceof ServiceFunction)
    .map((fn) => {
      const id = Stack.of(fn).getLogicalId(fn.node.defaultChild as CfnElement);
      const variables = template.Resources[id]?.Properties?.Environment?.Variables ?? {};
      return {
        entry: fn.entry,
        id,
        // A value the deployment fills in (a table's name, the queue's URL, a secret's reference):
        // the function builds a client or store from it, so its cold run must have it too.
        resourceVariables: Object.keys(variables).filter((name) => typeof variables[name] === 'object'),
      };
    });
}, 60_000);

const benched = Object.values(COLD_FUNCTIONS);

describe("the benchmark's cold-load functions", () => {
  it('are exactly the functions of the stack', () => {
    expect(functions.length).toBeGreaterThanOrEqual(14);
    expect(benched.map((fn) => fn.entry).sort()).toEqual(functions.map((fn) => fn.entry).sort());
  });

  it('each get every table, queue and secret the stack points the function at', () => {
    for (const { entry, id, resourceVariables } of functions) {
      const bench = benched.find((fn) => fn.entry === entry);
      const env: Record<string, string> = { ...COMMON_ENV, ...bench?.env };
      expect(
        resourceVariables.filter((name) => !(name in env)),
        `${id} (${entry})`,
      ).toEqual([]);
    }
  });

  it('each have an event that names their route or their event source', () => {
    for (const [name, fn] of Object.entries(COLD_FUNCTIONS)) {
      const event = fn.event() as { httpMethod?: string; Records?: unknown[]; type?: string };
      expect(Boolean(event.httpMethod || event.Records || event.type), name).toBe(true);
    }
  });
});
