// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { FocusEvent, PointerEvent } from 'react';
import { lazyTitle } from './lazy-title';

describe('lazyTitle', () => {
  it('writes the latest text when the pointer enters or the element gets focus, not before', () => {
    const el = document.createElement('button');
    let rate = 10;
    const props = lazyTitle(() => `${rate} records/s`);
    expect(el.title).toBe('');
    props.onPointerEnter({ currentTarget: el } as unknown as PointerEvent<HTMLElement>);
    expect(el.title).toBe('10 records/s');
    rate = 12;
    props.onFocus({ currentTarget: el } as unknown as FocusEvent<HTMLElement>);
    expect(el.title).toBe('12 records/s');
  });
});
