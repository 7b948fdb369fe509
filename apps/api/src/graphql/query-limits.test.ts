import { describe, expect, it } from '@jest/globals';
import { buildSchema, parse, validate } from 'graphql';
import { queryLimitsRule } from './query-limits';

const schema = buildSchema(`
  type Node { id: ID! child: Node name: String }
  type Query { node: Node nodes: [Node!]! }
`);

const check = (query: string) =>
  validate(schema, parse(query), [queryLimitsRule({ maxDepth: 3, maxFields: 5 })]).map((e) => e.message);

describe('queryLimitsRule', () => {
  it.each<[string, string, string[]]>([
    ['depth 3', '{ node { child { id } } }', []],
    ['depth 4', '{ node { child { child { id } } } }', ['The query is nested 4 levels deep; the limit is 3.']],
    ['depth through a fragment', '{ node { ...F } } fragment F on Node { child { child { id } } }', ['The query is nested 4 levels deep; the limit is 3.']],
    ['depth through an inline fragment', '{ node { ... on Node { child { child { id } } } } }', ['The query is nested 4 levels deep; the limit is 3.']],
    ['5 fields', '{ a: node { id name } b: node { id } }', []],
    ['6 fields', '{ a: node { id name } b: node { id name } }', ['The query selects more than 5 fields; split it.']],
    ['a fragment counted at each use', '{ a: node { ...F } b: node { ...F } } fragment F on Node { id name }', ['The query selects more than 5 fields; split it.']],
    ['introspection fields not counted', '{ __typename node { __typename id } }', []],
    ['a cyclic fragment (reported by other rules) does not hang', '{ node { ...F } } fragment F on Node { child { ...F } }', []],
  ])('measures %s', (_name, query, errors) => {
    expect(check(query)).toEqual(errors);
  });
});
