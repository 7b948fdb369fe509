import { afterEach, describe, expect, it } from '@jest/globals';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from '../../App';
import { buildAccount, buildProviderInfo } from '../../test/builders';
import { createFakeApp, type FakeApp } from '../../test/fake-data-provider';
import type { FakeResolvers } from '../../test/fake-graphql';

const apps: FakeApp[] = [];
afterEach(() => {
  cleanup();
  for (const app of apps.splice(0)) app.deps.queryClient.clear();
  window.localStorage.clear();
});

function renderAt(path: string, resolvers: FakeResolvers): FakeApp {
  window.history.pushState({}, '', path);
  const app = createFakeApp(resolvers);
  apps.push(app);
  render(<App deps={app.deps} />);
  return app;
}

const LIMITATIONS =
  "With only a standard API key, spendsync syncs just that key's own spend so far today. OpenRouter keeps daily activity for only the last 30 days.";
const openrouter = buildProviderInfo({
  id: 'OPENROUTER',
  label: 'OpenRouter',
  keyType: 'API key plus a management key',
  limitations: LIMITATIONS,
  credentialFields: [
    { name: 'apiKey', label: 'API key', secret: true, optional: false, placeholder: 'sk-or-v1-…', help: null },
  ],
});

describe('Link Provider', () => {
  it("says before saving what a standard OpenRouter key cannot sync, and shows the check's warning on the link result", async () => {
    const warning =
      'A standard OpenRouter key only reports its own running totals. Key sk-or-v1-0fa...240: $0.01 today; no spending limit.';
    const { fake } = renderAt('/provider-accounts/create', {
      providers: () => [openrouter],
      linkProvider: ({ input }) => ({
        account: buildAccount({ provider: 'OPENROUTER', label: input.label }),
        run: null,
        verification: { detail: 'LIMITED', message: warning, accountName: null },
      }),
    });
    fireEvent.mouseDown(await screen.findByRole('combobox', { name: /Platform/ }));
    fireEvent.click(await screen.findByRole('option', { name: 'OpenRouter' }));
    expect((await screen.findByTestId('provider-limitations')).textContent).toBe(LIMITATIONS);
    fireEvent.change(screen.getByLabelText('Name', { selector: 'input' }), { target: { value: 'OpenRouter – team' } });
    fireEvent.change(screen.getByLabelText('API key', { selector: 'input' }), { target: { value: 'sk-or-v1-abc' } });
    fireEvent.click(screen.getByRole('button', { name: /Create/ }));
    expect(await screen.findByText(`OpenRouter – team is linked, with a warning: ${warning}`)).toBeTruthy();
    expect(screen.queryByText(/its history is being synced/)).toBeNull();
    await waitFor(() => expect(fake.calls.some((c) => c.operationName === 'LinkProvider')).toBe(true));
  });

  it('says plainly that a fully usable credential is linked', async () => {
    renderAt('/provider-accounts/create', {
      linkProvider: ({ input }) => ({
        account: buildAccount({ label: input.label }),
        run: null,
        verification: { detail: 'FULL', message: null, accountName: null },
      }),
    });
    fireEvent.mouseDown(await screen.findByRole('combobox', { name: /Platform/ }));
    fireEvent.click(await screen.findByRole('option', { name: 'OpenAI' }));
    expect(screen.queryByTestId('provider-limitations')).toBeNull();
    fireEvent.change(screen.getByLabelText('Admin key', { selector: 'input' }), { target: { value: 'sk-admin-abc' } });
    fireEvent.click(screen.getByRole('button', { name: /Create/ }));
    expect(await screen.findByText('OpenAI is linked; its history is being synced.')).toBeTruthy();
  });
});
