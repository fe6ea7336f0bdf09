/**
 * Loads a value from the host now and every `intervalMs` while the component is shown, and again
 * when `key` changes (another replica, a replaced cluster). A failed load keeps the last value and
 * reports the error; an answer to an older key is dropped. With `keepOnKeyChange` the last value
 * stays shown until the new key's answer arrives (the same thing, refreshed: disk use after a reset).
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Polled<T> {
  value: T | null;
  error: string | null;
  refresh(): void;
}

export function usePolled<T>(load: () => Promise<T>, key: string, intervalMs: number, keepOnKeyChange = false): Polled<T> {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const loadRef = useRef(load);
  loadRef.current = load;
  const keyRef = useRef(key);
  const run = useCallback(() => {
    const asked = keyRef.current;
    loadRef.current().then(
      (v) => { if (keyRef.current === asked) { setValue(v); setError(null); } },
      (e: unknown) => { if (keyRef.current === asked) setError(e instanceof Error ? e.message : String(e)); },
    );
  }, []);
  useEffect(() => {
    keyRef.current = key;
    if (!keepOnKeyChange) {
      setValue(null);
      setError(null);
    }
    run();
    if (intervalMs <= 0) return undefined;
    const timer = setInterval(run, intervalMs);
    return () => clearInterval(timer);
  }, [key, intervalMs, run, keepOnKeyChange]);
  return { value, error, refresh: run };
}
