import { useEffect, useState } from 'react';

/**
 * Re-read a value every `ms` milliseconds: live figures at a readable rate, without per-frame
 * renders. With `same`, an unchanged value (a paused clock) causes no render at all.
 */
export function usePoll<T>(read: () => T, ms = 250, same?: (a: T, b: T) => boolean): T {
  const [value, setValue] = useState(read);
  useEffect(() => {
    const id = setInterval(() => {
      const next = read();
      setValue((prev) => (same && same(prev, next) ? prev : next));
    }, ms);
    return () => clearInterval(id);
  }, [read, ms, same]);
  return value;
}
