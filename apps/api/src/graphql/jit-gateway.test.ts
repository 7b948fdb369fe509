import { describe, expect, it } from '@jest/globals';
import {
  buildSchema,
  execute,
  getOperationAST,
  GraphQLError,
  GraphQLScalarType,
  parse,
  print,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { compileQuery } from 'graphql-jit';
import { COMPILED_OPERATIONS_KEPT, createJitGateway } from './jit-gateway';

const Money = new GraphQLScalarType({
  name: 'Money',
  serialize: (value) => (value as { cents: number }).cents / 100 + '',
  parseValue: (value) => {
    if (typeof value !== 'string') throw new TypeError('Money values are strings');
    return { cents: Math.round(Number(value) * 100) };
  },
});

function testSchema(): { schema: GraphQLSchema; resolved: { points: number } } {
  const schema = buildSchema(`
    scalar Money
    type Point { day: String! cost: Money! note: String }
    type Query {
      points(days: Int!, min: Money): [Point!]!
      broken: String
      nonNull: String!
    }`);
  Object.assign(schema.getType('Money')!, {
    serialize: Money.serialize,
    parseValue: Money.parseValue,
    parseLiteral: Money.parseLiteral,
  });
  const resolved = { points: 0 };
  const query = schema.getQueryType()!.getFields();
  query.points!.resolve = async (_root, args: { days: number; min?: { cents: number } }) => {
    resolved.points += 1;
    return Array.from({ length: args.days }, (_, i) => ({
      day: `2026-01-${String(i + 1).padStart(2, '0')}`,
      cost: { cents: 100 * i + (args.min?.cents ?? 0) },
      note: i % 2 ? null : 'even',
    }));
  };
  query.broken!.resolve = () => {
    const error = new Error('connect ECONNREFUSED 10.9.8.7:5432') as Error & { code?: string };
    error.code = 'ECONNREFUSED';
    throw error;
  };
  query.nonNull!.resolve = () => null;
  return { schema, resolved };
}

/** Runs `source` through the gateway's executor, as Apollo calls it after parsing and validating. */
async function runJit(
  gateway: ReturnType<typeof createJitGateway>,
  source: string,
  variables?: Record<string, unknown>,
): Promise<ExecutionResult> {
  const { executor } = await gateway.load({ apollo: {} });
  const document = parse(source);
  const operation = getOperationAST(document)!;
  return executor!({
    document,
    operation,
    operationName: null,
    queryHash: source,
    source,
    request: { query: source, variables },
    context: {},
  } as unknown as Parameters<NonNullable<typeof executor>>[0]);
}

describe('createJitGateway', () => {
  it('answers exactly as graphql-js does: data, nulls, custom scalars, variables', async () => {
    const { schema } = testSchema();
    const source = 'query($d: Int!, $m: Money) { points(days: $d, min: $m) { day cost note } }';
    const variables = { d: 3, m: '0.50' };
    const jit = await runJit(createJitGateway(schema), source, variables);
    const reference = await execute({ schema, document: parse(source), variableValues: variables });
    expect(jit).toEqual(reference);
    expect(jit.data).toEqual({
      points: [
        { day: '2026-01-01', cost: '0.5', note: 'even' },
        { day: '2026-01-02', cost: '1.5', note: null },
        { day: '2026-01-03', cost: '2.5', note: 'even' },
      ],
    });
  });

  it("gives a resolver's error as graphql-js's own class, with its path, location and original error", async () => {
    const { schema } = testSchema();
    const result = await runJit(createJitGateway(schema), '{ broken }');
    expect(result.data).toEqual({ broken: null });
    const [error] = result.errors!;
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error!.constructor).toBe(GraphQLError);
    expect(error!.path).toEqual(['broken']);
    expect(error!.locations).toEqual([{ line: 1, column: 3 }]);
    expect((error!.originalError as { code?: string }).code).toBe('ECONNREFUSED');
    expect(error!.extensions).toEqual({});
  });

  it('nulls the parent of a null non-null field with an error on its path', async () => {
    const { schema } = testSchema();
    const result = await runJit(createJitGateway(schema), '{ nonNull }');
    expect(result.data).toBeNull();
    expect(result.errors!.map((e) => e.path)).toEqual([['nonNull']]);
  });

  it("refuses bad variables with graphql-js's messages and runs no resolver", async () => {
    const { schema, resolved } = testSchema();
    const source = 'query($d: Int!, $m: Money) { points(days: $d, min: $m) { day } }';
    const result = await runJit(createJitGateway(schema), source, { d: 'three', m: 12 });
    const reference = await execute({ schema, document: parse(source), variableValues: { d: 'three', m: 12 } });
    expect(result.data).toBeUndefined();
    expect(result.errors!.map((e) => e.message)).toEqual(reference.errors!.map((e) => e.message));
    expect(result.errors).toHaveLength(2);
    expect(resolved.points).toBe(0);
  });

  it('compiles each operation once and keeps the most recently used ones (at most `keep`)', async () => {
    const { schema } = testSchema();
    const compiledSources: string[] = [];
    const gateway = createJitGateway(schema, {
      keep: 2,
      compile: (s, document, name) => {
        compiledSources.push(print(document));
        return compileQuery(s, document, name);
      },
    });
    const [a, b, c] = ['{ points(days: 1) { day } }', '{ points(days: 2) { day } }', '{ points(days: 3) { day } }'];
    const first = await runJit(gateway, a);
    await runJit(gateway, b);
    expect(await runJit(gateway, a)).toEqual(first); // kept: not compiled again, and now the most recent
    await runJit(gateway, c); // drops b, the least recently used
    await runJit(gateway, b);
    await runJit(gateway, c);
    expect(compiledSources.map((s) => /days: (\d)/.exec(s)![1])).toEqual(['1', '2', '3', '2']);
    expect(COMPILED_OPERATIONS_KEPT).toBeGreaterThanOrEqual(100);
  });
});
