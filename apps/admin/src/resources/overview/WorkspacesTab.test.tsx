import { describe, expect, it } from '@jest/globals';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { buildMember, buildWorkspaceRow, page } from './testing/overview-builders';
import { renderOverview } from './testing/render-overview';

const rows = () =>
  page([
    buildWorkspaceRow({
      displayName: 'Web',
      providers: ['OPENAI', 'ANTHROPIC'],
      members: [
        buildMember(),
        buildMember({
          workspaceId: 'ws-2',
          providerAccountId: 'acc-anthropic',
          provider: 'ANTHROPIC',
          externalId: 'wrk_web',
          providerName: 'Frontend',
        }),
      ],
    }),
    buildWorkspaceRow({
      displayName: 'Research',
      members: [buildMember({ workspaceId: 'ws-3', externalId: 'proj_research', providerName: 'Research' })],
    }),
    buildWorkspaceRow({
      displayName: 'ML',
      providers: ['ANTHROPIC'],
      members: [buildMember({ workspaceId: 'ws-4', provider: 'ANTHROPIC', externalId: 'wrk_ml', providerName: 'ML' })],
    }),
  ]);

const history = () => ({
  id: 'ws-3',
  provider: 'OPENAI',
  externalId: 'proj_research',
  providerName: 'Research',
  customName: 'R&D',
  displayName: 'R&D',
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-06-01T00:00:00Z',
  providerAccountId: 'acc-openai',
  nameHistory: [
    {
      id: 'h-1',
      workspaceId: 'ws-3',
      oldName: null,
      newName: 'R&D',
      changedBy: 'admin@example.com',
      changedAt: '2025-06-01T10:00:00Z',
    },
  ],
});

const renamed = (id: string, name: string) => ({ id, displayName: name });

describe('Workspaces tab', () => {
  it('expands a display-name row into its workspaces across providers', async () => {
    renderOverview('/overview/workspaces', { workspaceDashboard: rows });
    const web = (await screen.findByText('Web')).closest('tr')!;
    expect(within(web).getByText('OpenAI')).not.toBeNull();
    expect(within(web).getByText('Anthropic')).not.toBeNull();
    fireEvent.click(web);
    const members = await screen.findByRole('table', { name: 'Member workspaces' });
    expect(within(members).getByText('Frontend')).not.toBeNull();
    expect(within(members).getByText('wrk_web')).not.toBeNull();
  });

  it('renames a single workspace in place', async () => {
    const seen: unknown[] = [];
    renderOverview('/overview/workspaces', {
      workspaceDashboard: rows,
      renameWorkspace: (args: { id: string; name: string }) => {
        seen.push(args);
        return renamed(args.id, args.name);
      },
    });
    fireEvent.click(await screen.findByLabelText('Rename Research'));
    fireEvent.change(screen.getByLabelText('New name'), { target: { value: 'R&D' } });
    fireEvent.keyDown(screen.getByLabelText('New name'), { key: 'Enter' });
    await waitFor(() => expect(seen).toEqual([{ id: 'ws-3', name: 'R&D' }]));
  });

  it('renames a combined row by mapping all of its workspaces to the new name', async () => {
    const seen: unknown[] = [];
    renderOverview('/overview/workspaces', {
      workspaceDashboard: rows,
      mapWorkspaces: (args: { displayName: string; workspaceIds: string[] }) => {
        seen.push(args);
        return args.workspaceIds.map((id) => renamed(id, args.displayName));
      },
    });
    fireEvent.click(await screen.findByLabelText('Rename Web'));
    fireEvent.change(screen.getByLabelText('New name'), { target: { value: 'Website' } });
    fireEvent.click(screen.getByText('Save'));
    await waitFor(() => expect(seen).toEqual([{ displayName: 'Website', workspaceIds: ['ws-1', 'ws-2'] }]));
  });

  it('shows the name history with timestamps and reverts a change', async () => {
    const reverted: unknown[] = [];
    renderOverview('/overview/workspaces', {
      workspaceDashboard: rows,
      workspace: history,
      revertWorkspaceName: (args: { historyEntryId: string }) => {
        reverted.push(args);
        return renamed('ws-3', 'Research');
      },
    });
    fireEvent.click((await screen.findByText('Research', { selector: '[data-display-name]' })).closest('tr')!);
    fireEvent.click(await screen.findByText('Name history'));
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText('(provider name) → R&D')).not.toBeNull();
    expect(
      within(dialog).getByText(
        new RegExp(`${new Date('2025-06-01T10:00:00Z').toLocaleString().replace(/[()]/g, '.')}.*admin@example.com`),
      ),
    ).not.toBeNull();
    fireEvent.click(within(dialog).getByText('Revert'));
    await waitFor(() => expect(reverted).toEqual([{ historyEntryId: 'h-1' }]));
  });

  it('maps two workspaces of different providers to one display name', async () => {
    const seen: unknown[] = [];
    renderOverview('/overview/workspaces', {
      workspaceDashboard: rows,
      mapWorkspaces: (args: { displayName: string; workspaceIds: string[] }) => {
        seen.push(args);
        return args.workspaceIds.map((id) => renamed(id, args.displayName));
      },
    });
    fireEvent.click((await screen.findByText('Research', { selector: '[data-display-name]' })).closest('tr')!);
    fireEvent.click(screen.getByText('ML', { selector: '[data-display-name]' }).closest('tr')!);
    fireEvent.click(await screen.findByLabelText('Select Research'));
    fireEvent.click(screen.getByLabelText('Select ML'));
    fireEvent.click(screen.getByText('Map to one name'));
    fireEvent.change(await screen.findByLabelText('Display name'), { target: { value: 'Science' } });
    fireEvent.click(screen.getByText('Map'));
    await waitFor(() => expect(seen).toEqual([{ displayName: 'Science', workspaceIds: ['ws-3', 'ws-4'] }]));
  });

  it('drills down from a workspace to its API keys with the same filter', async () => {
    const view = renderOverview('/overview/workspaces?period=last_7_days', {
      workspaceDashboard: rows,
      apiKeyDashboard: () => page([]),
    });
    const web = (await screen.findByText('Web')).closest('tr')!;
    fireEvent.click(within(web).getByText('API Keys'));
    await screen.findByText('No API keys match this filter.');
    expect(view.probe.current?.pathname).toBe('/overview/api-keys');
    expect(view.calls('OverviewApiKeys')[0]).toEqual({
      filter: { preset: 'LAST_7_DAYS', workspaces: ['Web'], offset: 0, limit: 50 },
    });
    expect(screen.getByText('Web', { selector: '.MuiChip-label' })).not.toBeNull();
  });

  it('shows viewers no editing controls', async () => {
    renderOverview('/overview/workspaces', { workspaceDashboard: rows }, { role: 'VIEWER' });
    fireEvent.click((await screen.findByText('Web')).closest('tr')!);
    await screen.findByRole('table', { name: 'Member workspaces' });
    expect(screen.queryByLabelText('Rename Web')).toBeNull();
    expect(screen.queryByLabelText('Select Frontend')).toBeNull();
    expect(screen.queryByText('Unmap')).toBeNull();
  });
});
