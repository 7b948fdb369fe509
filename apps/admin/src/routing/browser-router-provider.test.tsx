import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import { useRouterProvider, type RouterProvider } from 'react-admin';
import { MemoryRouter } from 'react-router';
import { reactRouterProvider } from './browser-router-provider';

/** ra-core's own adapter, read from its file (jest.config.cjs maps the usual import to ours). */
function raCoreAdapter(): RouterProvider {
  const require = createRequire(__filename);
  const raCore = path.join(path.dirname(require.resolve('react-admin')), '../../ra-core/dist');
  return (
    require(path.join(raCore, 'routing/adapters/reactRouterProvider.cjs')) as { reactRouterProvider: RouterProvider }
  ).reactRouterProvider;
}

function AdapterName() {
  const provider = useRouterProvider();
  const { pathname } = provider.useLocation();
  return <p>{provider === reactRouterProvider ? `ours at ${pathname}` : 'ra-core’s'}</p>;
}

describe('reactRouterProvider (browser router only)', () => {
  it('offers every primitive ra-core’s react-router adapter offers', () => {
    expect(Object.keys(reactRouterProvider).sort()).toEqual(Object.keys(raCoreAdapter()).sort());
  });

  it('is the adapter ra-core uses in the tests, as in the build', () => {
    render(
      <MemoryRouter initialEntries={['/overview']}>
        <AdapterName />
      </MemoryRouter>,
    );
    expect(screen.getByText('ours at /overview')).toBeTruthy();
  });
});
