import type { Viewer } from '../data-provider/records';

const TOKEN_KEY = 'spendsync.session';
const VIEWER_KEY = 'spendsync.viewer';

/** Where the session lives: localStorage in the browser, a Map in tests. */
export type SessionStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * The signed-in session: the API's bearer token and who it belongs to (kept so the role is
 * known before the first request, and viewers never see editing controls flash by).
 */
export type Session = {
  getToken(): string | null;
  getViewer(): Viewer | null;
  /** Stores a new token and forgets the previous caller (call setViewer once known). */
  start(token: string): void;
  setViewer(viewer: Viewer): void;
  clear(): void;
};

/** A session kept in `storage` (default the browser's localStorage). */
export function createSession(storage: SessionStorage = window.localStorage): Session {
  return {
    getToken: () => storage.getItem(TOKEN_KEY),
    getViewer() {
      const text = storage.getItem(VIEWER_KEY);
      if (!text) return null;
      try {
        return JSON.parse(text) as Viewer;
      } catch {
        return null;
      }
    },
    start(token) {
      storage.setItem(TOKEN_KEY, token);
      storage.removeItem(VIEWER_KEY);
    },
    setViewer: (viewer) => storage.setItem(VIEWER_KEY, JSON.stringify(viewer)),
    clear() {
      storage.removeItem(TOKEN_KEY);
      storage.removeItem(VIEWER_KEY);
    },
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
