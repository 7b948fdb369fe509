import { describe, expect, it } from '@jest/globals';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderApp } from '../../test/render-app';
import { auditExportPath, toAuditFilter, type AuditEventRecord } from './audit-query';

const event = (overrides: Partial<AuditEventRecord> = {}): AuditEventRecord => ({
  id: '1',
  occurredAt: '2026-12-01T10:00:00.000Z',
  actorType: 'USER',
  actorLabel: 'admin@example.com',
  clientAddress: '10.0.0.7',
  action: 'linkProvider',
  targetType: 'LinkProviderPayload',
  targetId: 'acc-1',
  outcome: 'SUCCEEDED',
  errorCode: null,
  changes: { input: { input: { provider: 'ANTHROPIC', label: 'Claude', credentials: '[redacted]' } } },
  ...overrides,
});

describe('Audit log screen', () => {
  it('lists changes with who, action, outcome and the redacted input, and filters through the API', async () => {
    const seen: unknown[] = [];
    const { fake } = renderApp('/audit-log', {
      spendsyncAuditEvents: ({ filter }) => {
        seen.push(filter);
        const rows = [
          event(),
          event({
            id: '2',
            action: 'createApiToken',
            outcome: 'FAILED',
            errorCode: 'FORBIDDEN',
            actorLabel: 'viewer@example.com',
            changes: { input: { name: 'x' } },
          }),
        ];
        const outcome = (filter as { outcome?: string } | null)?.outcome;
        const matching = outcome ? rows.filter((r) => r.outcome === outcome) : rows;
        return { total: matching.length, rows: matching };
      },
    });
    const row = (await screen.findByText('admin@example.com', {}, { timeout: 5000 })).closest('tr')!;
    expect(row.textContent).toContain('linkProvider');
    expect(row.textContent).toContain('"credentials":"[redacted]"');
    expect(row.textContent).toContain('10.0.0.7');
    expect(screen.getByText('failed (FORBIDDEN)')).toBeTruthy();
    expect(screen.getByTestId('audit-range').textContent).toBe('1–2 of 2');

    fireEvent.mouseDown(screen.getByLabelText('Outcome'));
    fireEvent.click(await screen.findByRole('option', { name: 'failed' }));
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(1));
    expect(seen.at(-1)).toEqual({ outcome: 'FAILED' });
    expect(fake.calls.some((c) => c.operationName === 'AuditEvents')).toBe(true);
  });

  it('tells a viewer the audit log is for admins', async () => {
    renderApp('/audit-log', {}, 'VIEWER');
    expect(await screen.findByTestId('admins-only', {}, { timeout: 5000 })).toBeTruthy();
  });

  it('turns days into instants and the export into the same filter', () => {
    const state = { actor: ' ops ', action: '', outcome: 'FAILED' as const, from: '2026-12-01', to: '2026-12-03' };
    expect(toAuditFilter(state)).toEqual({
      actor: 'ops',
      outcome: 'FAILED',
      from: '2026-12-01T00:00:00.000Z',
      to: '2026-12-04T00:00:00.000Z',
    });
    expect(auditExportPath(state)).toBe(
      '/export/audit.csv?actor=ops&outcome=failed&from=2026-12-01T00%3A00%3A00.000Z&to=2026-12-04T00%3A00%3A00.000Z',
    );
  });
});
