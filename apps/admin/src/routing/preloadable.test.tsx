import { describe, expect, it, jest } from '@jest/globals';
import { act, render, screen } from '@testing-library/react';
import { Suspense } from 'react';
import { preloadable } from './preloadable';

function Greeting({ name }: { name: string }) {
  return <p>hello {name}</p>;
}

const deferred = () => {
  let resolve!: (module: { default: typeof Greeting }) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<{ default: typeof Greeting }>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

describe('preloadable', () => {
  it('renders at once, without its Suspense fallback, when preloaded before it mounts', async () => {
    const load = jest.fn(() => Promise.resolve({ default: Greeting }));
    const Lazy = preloadable(load);
    await Lazy.preload();
    await Lazy.preload();
    render(
      <Suspense fallback={<p>loading</p>}>
        <Lazy name="ada" />
      </Suspense>,
    );
    // synchronously on screen: no fallback frame in between
    expect(screen.getByText('hello ada')).toBeTruthy();
    expect(screen.queryByText('loading')).toBeNull();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('suspends as React.lazy does when it mounts before its module has loaded, and loads it once', async () => {
    const module = deferred();
    const load = jest.fn(() => module.promise);
    const Lazy = preloadable(load);
    void Lazy.preload();
    render(
      <Suspense fallback={<p>loading</p>}>
        <Lazy name="grace" />
      </Suspense>,
    );
    expect(screen.getByText('loading')).toBeTruthy();
    await act(async () => module.resolve({ default: Greeting }));
    expect(await screen.findByText('hello grace')).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('tries the load again after a failed preload', async () => {
    const load = jest
      .fn<() => Promise<{ default: typeof Greeting }>>()
      .mockRejectedValueOnce(new Error('chunk failed'))
      .mockResolvedValueOnce({ default: Greeting });
    const Lazy = preloadable(load);
    await expect(Lazy.preload()).rejects.toThrow('chunk failed');
    await Lazy.preload();
    render(<Lazy name="lin" />);
    expect(screen.getByText('hello lin')).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(2);
  });
});
