/** The "Motion" toggle (remembered in this browser) and the system's prefers-reduced-motion. */
import { useCallback, useEffect, useMemo, useState } from 'react';

const KEY = 'kafka-lab.map-motion';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** On unless turned off here before. `name`: another on/off setting of the overlay (default: Motion itself). */
export function useMotionSetting(name?: string): [boolean, (on: boolean) => void] {
  const key = name ? `${KEY}.${name}` : KEY;
  const [on, setOn] = useState(() => storage()?.getItem(key) !== 'off');
  const set = useCallback((value: boolean) => {
    setOn(value);
    try {
      storage()?.setItem(key, value ? 'on' : 'off');
    } catch {
      // Storage full or denied: the choice holds for this page.
    }
  }, [key]);
  return [on, set];
}

/** Whether the system asks for reduced motion (then arrows stand still instead of packets moving). */
export function usePrefersReducedMotion(): boolean {
  // One MediaQueryList for the component's life (matchMedia on every render showed in profiles).
  const query = useMemo(() => (typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null), []);
  const [reduced, setReduced] = useState(() => query?.matches ?? false);
  useEffect(() => {
    if (!query) return;
    const onChange = () => setReduced(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, [query?.media]);
  return reduced;
}

/** The window's size, for the canvas that covers the visible part of the map. */
export function useWindowSize(): { width: number; height: number } {
  const [size, setSize] = useState(() => ({ width: window.innerWidth, height: window.innerHeight }));
  useEffect(() => {
    const onResize = () => setSize({ width: window.innerWidth, height: window.innerHeight });
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return size;
}
