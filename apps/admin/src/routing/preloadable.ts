import { createElement, lazy, useState, type ComponentType } from 'react';

/** A component loaded on demand (see {@link preloadable}), with a way to start loading it early. */
export type Preloadable<P> = ComponentType<P> & {
  /** Starts loading the module (once); resolves when it is loaded. */
  preload(): Promise<void>;
};

/**
 * `React.lazy` that renders at once when its module finished loading before it mounted. A lazy
 * component always suspends on its first render, and React 19 holds back the content that
 * replaces a Suspense fallback for up to 300 ms after the fallback appeared: a CPU profile of the
 * first Overview showed the main thread idle ~300 ms after the page's and tab's chunks had loaded,
 * before their queries started. Preloaded (main.tsx starts both chunks alongside the app's), they
 * mount without a fallback; not loaded yet, they suspend as `lazy` does. Which of the two is
 * decided when the component mounts, so it is never remounted.
 */
export function preloadable<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): Preloadable<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<{ default: ComponentType<P> }> | undefined;
  const loadOnce = () =>
    (loading ??= load().then(
      (module) => {
        loaded = module.default;
        return module;
      },
      (error: unknown) => {
        loading = undefined; // a later preload or mount tries again
        throw error;
      },
    ));
  const Lazy = lazy(loadOnce);
  function Preloaded(props: P) {
    const [Component] = useState<ComponentType<P>>(() => loaded ?? Lazy);
    return createElement(Component, props);
  }
  return Object.assign(Preloaded, { preload: () => loadOnce().then(() => undefined) });
}
