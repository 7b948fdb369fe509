import type { Viewer } from '../data-provider/records';

const VIEWER_KEY = 'spendsync.viewer';
/** Where earlier versions kept the bearer token; removed wherever it is still found. */
const LEGACY_TOKEN_KEY = 'spendsync.session';

/** Where the session's viewer is kept: localStorage in the browser, a Map in tests. */
export type SessionStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * The signed-in session as the page knows it. The credential itself is an HttpOnly cookie the
 * API set at sign-in, out of reach of page scripts (and of any injected one); the page keeps
 * only who is signed in (so the role is known before the first request, and viewers never see
 * editing controls flash by). Whether the cookie is still alive only the API can say (`me`).
 */
export type Session = {
  getViewer(): Viewer | null;
  /** True while a viewer is known (signed in, as far as the page knows). */
  isSignedIn(): boolean;
  setViewer(viewer: Viewer): void;
  clear(): void;
};

/** A session kept in `storage` (default the browser's localStorage). */
export function createSession(storage: SessionStorage = window.localStorage): Session {
  storage.removeItem(LEGACY_TOKEN_KEY);
  const getViewer = (): Viewer | null => {
    const text = storage.getItem(VIEWER_KEY);
    if (!text) return null;
    try {
      return JSON.parse(text) as Viewer;
    } catch {
      return null;
    }
  };
  return {
    getViewer,
    isSignedIn: () => getViewer() !== null,
    setViewer: (viewer) => storage.setItem(VIEWER_KEY, JSON.stringify(viewer)),
    clear: () => storage.removeItem(VIEWER_KEY),
  };
}

/** A session in memory (tests, and browsers that refuse storage). */
export function createMemorySession(): Session {
  const values = new Map<string, string>();
  return createSession({
    getItem: (k) => values.get(k) ?? null,
    setItem: (k, v) => void values.set(k, v),
    removeItem: (k) => void values.delete(k),
  });
}
