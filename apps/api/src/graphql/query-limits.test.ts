import { describe, expect, it } from '@jest/globals';
import { buildSchema, parse, validate } from 'graphql';
import { queryLimitsRule } from './query-limits';

const schema = buildSchema(`
  type Node { id: ID! child: Node name: String }
  type Page { total: Int }
  type Query {
    node: Node nodes: [Node!]! spendsyncProviderDashboard: Page costSeries: Page spendsyncBudget(id: ID): Page
  }
`);

const check = (query: string) =>
  validate(schema, parse(query), [queryLimitsRule({ maxDepth: 3, maxFields: 5, maxCost: 1000 })]).map((e) => e.message);
const checkCost = (query: string) =>
  validate(schema, parse(query), [queryLimitsRule({ maxDepth: 10, maxFields: 500, maxCost: 20 })]).map(
    (e) => e.message,
  );

const TOO_MANY =
  'The query asks for more than 2 dashboards, series or budget lists at once (cost 30 of 20); ' +
  'split it into several requests.';

describe('queryLimitsRule', () => {
  it.each<[string, string, string[]]>([
    ['depth 3', '{ node { child { id } } }', []],
    ['depth 4', '{ node { child { child { id } } } }', ['The query is nested 4 levels deep; the limit is 3.']],
    [
      'depth through a fragment',
      '{ node { ...F } } fragment F on Node { child { child { id } } }',
      ['The query is nested 4 levels deep; the limit is 3.'],
    ],
    [
      'depth through an inline fragment',
      '{ node { ... on Node { child { child { id } } } } }',
      ['The query is nested 4 levels deep; the limit is 3.'],
    ],
    ['5 fields', '{ a: node { id name } b: node { id } }', []],
    ['6 fields', '{ a: node { id name } b: node { id name } }', ['The query selects more than 5 fields; split it.']],
    [
      'a fragment counted at each use',
      '{ a: node { ...F } b: node { ...F } } fragment F on Node { id name }',
      ['The query selects more than 5 fields; split it.'],
    ],
    ['introspection fields not counted', '{ __typename node { __typename id } }', []],
    [
      'a cyclic fragment (reported by other rules) does not hang',
      '{ node { ...F } } fragment F on Node { child { ...F } }',
      [],
    ],
  ])('measures %s', (_name, query, errors) => {
    expect(check(query)).toEqual(errors);
  });

  it.each<[string, string, string[]]>([
    ['two aggregates', '{ spendsyncProviderDashboard { total } costSeries { total } }', []],
    [
      'three aggregates by alias',
      '{ a: spendsyncProviderDashboard { total } b: spendsyncProviderDashboard { total } c: costSeries { total } }',
      [
        'The query asks for more than 2 dashboards, series or budget lists at once (cost 30 of 20); split it into several requests.',
      ],
    ],
    [
      'aggregates through a fragment used three times',
      '{ ...F a: node { id } } fragment F on Query { x: costSeries { total } y: costSeries { total } z: costSeries { total } }',
      [
        'The query asks for more than 2 dashboards, series or budget lists at once (cost 30 of 20); split it into several requests.',
      ],
    ],
    [
      "one budget's status, aliased",
      '{ a: spendsyncBudget(id: "1") { total } b: spendsyncBudget(id: "2") { total } c: spendsyncBudget { total } }',
      [TOO_MANY],
    ],
    ['many ordinary fields cost nothing', '{ a: node { id } b: node { id } c: node { id } d: node { id } }', []],
  ])('prices %s', (_name, query, errors) => {
    expect(checkCost(query)).toEqual(errors);
  });
});
