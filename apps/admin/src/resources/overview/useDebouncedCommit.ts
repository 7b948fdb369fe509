import { useEffect, useRef, useState } from 'react';

/**
 * A text input's local value that follows `value` (the URL's) and commits after `delayMs` of
 * quiet, so typing does not push a history entry and a query per key press.
 */
export function useDebouncedCommit(value: string, commit: (next: string) => void, delayMs = 400) {
  const [text, setText] = useState(value);
  const latest = useRef(commit);
  latest.current = commit;
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text === value) return undefined;
    const timer = setTimeout(() => latest.current(text), delayMs);
    return () => clearTimeout(timer);
  }, [text, value, delayMs]);
  return [text, setText] as const;
}
