/** @jest-environment node */
import { afterEach, describe, expect, it } from '@jest/globals';
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { buildLogLine, buildProgress } from '../test/builders';
import { createFakeGraphql } from '../test/fake-graphql';
import { createGraphqlTransport } from './graphql';
import {
  accountProgressKey,
  followLogLines,
  logLinesKey,
  mergeLogLines,
  runProgressKey,
  startLiveUpdates,
} from './live';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function setup() {
  const fake = createFakeGraphql({});
  const transport = createGraphqlTransport({
    url: 'http://api.test/graphql',
    isSignedIn: () => true,
    fetch: fake.fetch,
    forwardSubscription: fake.forwardSubscription,
  });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const fetches: Record<string, number> = {};
  // Observed queries, as mounted screens would hold them; invalidation refetches these.
  const observe = (key: string[]) => {
    const name = key.join('/');
    fetches[name] = 0;
    const observer = new QueryObserver(queryClient, { queryKey: key, queryFn: async () => ++fetches[name]! });
    const unsubscribe = observer.subscribe(() => undefined);
    cleanups.push(unsubscribe);
  };
  return { fake, transport, queryClient, fetches, observe };
}

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('startLiveUpdates', () => {
  it('subscribes once to every run of the organization and stops on demand', async () => {
    const { fake, transport, queryClient } = setup();
    const stop = startLiveUpdates(transport, queryClient);
    await tick(0);
    expect(fake.subscribed('syncRunProgressed')).toEqual([{}]);
    stop();
    expect(fake.subscribed('syncRunProgressed')).toEqual([]);
  });

  it('keeps the latest event per run and per account in the query cache', async () => {
    const { fake, transport, queryClient } = setup();
    cleanups.push(startLiveUpdates(transport, queryClient));
    await tick(0);
    fake.emit('syncRunProgressed', buildProgress({ daysDone: 3 }));
    fake.emit('syncRunProgressed', buildProgress({ daysDone: 9 }));
    expect(queryClient.getQueryData(runProgressKey('run-1'))).toMatchObject({ daysDone: 9 });
    expect(queryClient.getQueryData(accountProgressKey('acc-1'))).toMatchObject({ runId: 'run-1', daysDone: 9 });
  });

  it('refetches the account and run lists once when a run starts, not on every progress event', async () => {
    const { fake, transport, queryClient, fetches, observe } = setup();
    observe(['provider-accounts', 'getList']);
    observe(['sync-runs', 'getList']);
    observe(['sync-runs', 'logLines', 'run-1']);
    observe(['overview', 'models']);
    await tick(10);
    cleanups.push(startLiveUpdates(transport, queryClient, { debounceMs: 20 }));
    await tick(0);
    for (let day = 1; day <= 5; day++) fake.emit('syncRunProgressed', buildProgress({ daysDone: day }));
    await tick(60);
    // Log lines have their own subscription: they are not refetched.
    expect(fetches).toEqual({
      'provider-accounts/getList': 2,
      'sync-runs/getList': 2,
      'sync-runs/logLines/run-1': 1,
      'overview/models': 1,
    });
  });

  it('refetches every query (dashboards too) when a run finishes, but keeps the progress', async () => {
    const { fake, transport, queryClient, fetches, observe } = setup();
    observe(['provider-accounts', 'getList']);
    observe(['overview', 'models']);
    await tick(10);
    cleanups.push(startLiveUpdates(transport, queryClient, { debounceMs: 20 }));
    await tick(0);
    fake.emit('syncRunProgressed', buildProgress({ status: 'SUCCEEDED', phase: 'FINISHED', daysDone: 30 }));
    await tick(60);
    expect(fetches).toEqual({ 'provider-accounts/getList': 2, 'overview/models': 2 });
    expect(queryClient.getQueryData(runProgressKey('run-1'))).toMatchObject({ phase: 'FINISHED' });
  });

  it('refetches every query when the socket comes back after a drop', async () => {
    const { transport, queryClient, fetches, observe } = setup();
    const reconnected: (() => void)[] = [];
    const spied = {
      ...transport,
      onReconnected: (listener: () => void) => {
        reconnected.push(listener);
        return () => void reconnected.splice(reconnected.indexOf(listener), 1);
      },
    };
    observe(['provider-accounts', 'getList']);
    observe(['overview', 'models']);
    await tick(10);
    const stop = startLiveUpdates(spied, queryClient, { debounceMs: 20 });
    reconnected.forEach((listener) => listener());
    await tick(60);
    expect(fetches).toEqual({ 'provider-accounts/getList': 2, 'overview/models': 2 });
    stop();
    expect(reconnected).toEqual([]);
  });
});

describe('followLogLines', () => {
  it("appends new lines to the run's cached log once each, in order", async () => {
    const { fake, transport, queryClient } = setup();
    queryClient.setQueryData(logLinesKey('run-1'), [buildLogLine(1), buildLogLine(2)]);
    cleanups.push(followLogLines(transport, queryClient, 'run-1'));
    await tick(0);
    expect(fake.subscribed('syncLogAppended')).toEqual([{ runId: 'run-1' }]);
    fake.emit('syncLogAppended', buildLogLine(3), { runId: 'run-1' });
    fake.emit('syncLogAppended', buildLogLine(2), { runId: 'run-1' });
    expect((queryClient.getQueryData(logLinesKey('run-1')) as { id: string }[]).map((l) => l.id)).toEqual([
      '1',
      '2',
      '3',
    ]);
  });
});

describe('mergeLogLines', () => {
  it.each([
    [undefined, ['1'], ['1']],
    [
      ['9', '10'],
      ['11', '9'],
      ['9', '10', '11'],
    ],
    [['100'], ['99', '1000'], ['99', '100', '1000']],
  ])('merges %j and %j into %j (numeric id order, no duplicates)', (existing, incoming, expected) => {
    const lines = (ids: string[] | undefined) => ids?.map((id) => buildLogLine(Number(id)));
    expect(mergeLogLines(lines(existing), lines(incoming)!).map((l) => l.id)).toEqual(expected);
  });
});
