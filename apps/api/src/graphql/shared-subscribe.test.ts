import { describe, expect, it } from '@jest/globals';
import { GraphQLObjectType, GraphQLSchema, GraphQLString, parse, type ExecutionResult } from 'graphql';
import { createInMemoryPubSub } from '../pubsub/in-memory-pubsub';
import { createSharedSubscribe } from './shared-subscribe';

type Event = { text: string };

function setup() {
  const pubsub = createInMemoryPubSub<{ EVENT: Event }>();
  let executions = 0;
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString } } }),
    subscription: new GraphQLObjectType({
      name: 'Subscription',
      fields: {
        happened: {
          type: GraphQLString,
          subscribe: () => pubsub.subscribe('EVENT'),
          resolve: (event: Event) => {
            executions += 1;
            return event.text;
          },
        },
      },
    }),
  });
  const shared = createSharedSubscribe();
  const start = async (key?: string) => {
    const document = parse('subscription { happened }');
    if (key) shared.share(document, key);
    return (await shared.subscribe({ schema, document })) as AsyncIterableIterator<ExecutionResult>;
  };
  return { pubsub, start, executions: () => executions };
}

describe('createSharedSubscribe', () => {
  it('executes an event once for subscribers sharing a key, and once per subscriber otherwise', async () => {
    const { pubsub, start, executions } = setup();
    const same = [await start('org-1'), await start('org-1')];
    const other = [await start('org-2'), await start()];
    await pubsub.publish('EVENT', { text: 'first' });
    const results = await Promise.all([...same, ...other].map((it) => it.next()));
    expect(results.map((r) => r.value)).toEqual(Array(4).fill({ data: { happened: 'first' } }));
    expect(executions()).toBe(3);
    await pubsub.publish('EVENT', { text: 'second' });
    expect((await same[1]!.next()).value).toEqual({ data: { happened: 'second' } });
    await Promise.all([...same, ...other].map((it) => it.return?.()));
  });

  it('returns the errors of a subscription that cannot start, instead of a stream', async () => {
    const shared = createSharedSubscribe();
    const schema = new GraphQLSchema({
      query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString } } }),
    });
    const result = await shared.subscribe({ schema, document: parse('subscription { missing }') });
    expect(result).toMatchObject({
      errors: [expect.objectContaining({ message: expect.stringMatching(/not configured to execute subscription/) })],
    });
  });
});
