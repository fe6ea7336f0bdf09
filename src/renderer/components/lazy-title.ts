/**
 * A tooltip written when it is about to be read — on pointer enter and on focus — instead of on
 * every render. For elements redrawn by every snapshot whose tooltip holds live numbers (offsets,
 * rates): writing a changed `title` on each of hundreds of elements twice a second costs more than
 * the rest of their update, and a native tooltip never refreshes while it is shown anyway, so the
 * text a reader sees is the same. `text` is called with nothing: read the latest data through a
 * ref or a store, not from a closure an unchanged element may keep.
 */
import type { FocusEvent, PointerEvent } from 'react';

export interface LazyTitleProps {
  onPointerEnter(event: PointerEvent<HTMLElement>): void;
  onFocus(event: FocusEvent<HTMLElement>): void;
}

export function lazyTitle(text: () => string): LazyTitleProps {
  const write = (el: HTMLElement) => {
    const value = text();
    if (el.title !== value) el.title = value;
  };
  return { onPointerEnter: (e) => write(e.currentTarget), onFocus: (e) => write(e.currentTarget) };
}
