import { useEffect, useState } from 'react';

/** Re-read a value every `ms` milliseconds: live figures at a readable rate, without per-frame renders. */
export function usePoll<T>(read: () => T, ms = 250): T {
  const [value, setValue] = useState(read);
  useEffect(() => {
    const id = setInterval(() => setValue(read()), ms);
    return () => clearInterval(id);
  }, [read, ms]);
  return value;
}
