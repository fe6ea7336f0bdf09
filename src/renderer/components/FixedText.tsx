/**
 * Text that changes on every snapshot (counts, rates, the simulated time) in a box of fixed size
 * with `contain: strict`: a new value dirties only the box, so the browser lays out and paints
 * that box instead of the document around it. `ch` is the width in characters of the monospace
 * digits (tabular-nums); longer text is clipped, so size it for the widest value you expect.
 */
import type { ReactNode } from 'react';

export function FixedText({ ch, children, testId, title, align = 'left' }: { ch: number; children: ReactNode; testId?: string; title?: string; align?: 'left' | 'right' }) {
  return (
    <span data-testid={testId} title={title}
      style={{ display: 'inline-block', contain: 'strict', width: `${ch}ch`, height: '1.3em', lineHeight: '1.3em', verticalAlign: 'bottom', whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums', textAlign: align }}>
      {children}
    </span>
  );
}
