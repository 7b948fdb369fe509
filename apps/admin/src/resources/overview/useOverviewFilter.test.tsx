import { describe, expect, it } from '@jest/globals';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, useLocation } from 'react-router';
import { useOverviewFilter } from './useOverviewFilter';

/** The hook and the location it writes, under a router opened at `url`. */
function renderFilter(url: string) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <MemoryRouter initialEntries={[url]}>{children}</MemoryRouter>
  );
  return renderHook(() => ({ ...useOverviewFilter(), location: useLocation() }), { wrapper });
}

describe('useOverviewFilter', () => {
  it('applies each change to the filter the URL holds then, so two changes from one render both stay', () => {
    const view = renderFilter('/overview/models?period=last_7_days&page=3');
    // Both calls come from the first render, before it saw either change: a sort clicked right
    // after the search commits, as a fast user (or a browser test) does.
    const { setFilter } = view.result.current;
    act(() => {
      setFilter({ search: 'mini' });
      setFilter({ sort: { field: 'model', direction: 'asc' } });
    });
    const params = new URLSearchParams(view.result.current.location.search);
    expect(params.get('search')).toBe('mini');
    expect(params.get('sort')).toBe('model');
    expect(params.get('period')).toBe('last_7_days');
    expect(params.get('page')).toBeNull();
    expect(view.result.current.filter).toMatchObject({
      search: 'mini',
      sort: { field: 'model', direction: 'asc' },
      period: { preset: 'last_7_days' },
    });
  });

  it('keeps the page when only the page changes', () => {
    const view = renderFilter('/overview/models?search=gpt');
    act(() => view.result.current.setPage(2));
    expect(view.result.current.page).toBe(2);
    expect(view.result.current.filter.search).toBe('gpt');
  });
});
