import { Button, Checkbox, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import type { WorkspaceMember } from './dashboard-queries';
import { formatUsd } from './format';
import { CreditMoney } from './NotCaptured';
import { providerLabel } from './providers';

/** Props of {@link WorkspaceMembers}. */
export type WorkspaceMembersProps = {
  members: readonly WorkspaceMember[];
  canEdit: boolean;
  selected: ReadonlySet<string>;
  onToggle(workspaceId: string): void;
  onHistory(workspaceId: string): void;
  onUnmap(workspaceId: string): void;
  /** True when the row's name is shared (mapped) rather than a single workspace's own. */
  isShared: boolean;
};

/** The workspaces behind one display-name row: select them for mapping, see their name history, unmap. */
export function WorkspaceMembers(props: WorkspaceMembersProps) {
  return (
    <Table size="small" aria-label="Member workspaces">
      <TableHead>
        <TableRow>
          {props.canEdit ? <TableCell padding="checkbox" /> : null}
          <TableCell>Provider</TableCell>
          <TableCell>Provider's name</TableCell>
          <TableCell>Provider id</TableCell>
          <TableCell align="right">Cost</TableCell>
          <TableCell align="right">Net</TableCell>
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {props.members.map((m) => (
          <TableRow key={`${m.providerAccountId}|${m.externalId ?? ''}`} data-member={m.externalId ?? ''}>
            {props.canEdit ? (
              <TableCell padding="checkbox">
                {m.workspaceId ? (
                  <Checkbox
                    size="small"
                    checked={props.selected.has(m.workspaceId)}
                    onChange={() => props.onToggle(m.workspaceId!)}
                    slotProps={{ input: { 'aria-label': `Select ${m.providerName ?? m.externalId}` } }}
                  />
                ) : null}
              </TableCell>
            ) : null}
            <TableCell>{providerLabel(m.provider)}</TableCell>
            <TableCell>{m.providerName ?? '—'}</TableCell>
            <TableCell sx={{ fontFamily: 'monospace' }}>{m.externalId ?? '—'}</TableCell>
            <TableCell align="right">{formatUsd(m.cost)}</TableCell>
            <TableCell align="right">
              <CreditMoney value={m.net} providers={[m.provider]} />
            </TableCell>
            <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
              {m.workspaceId ? (
                <Button size="small" onClick={() => props.onHistory(m.workspaceId!)}>
                  Name history
                </Button>
              ) : null}
              {m.workspaceId && props.canEdit && props.isShared ? (
                <Button size="small" onClick={() => props.onUnmap(m.workspaceId!)}>
                  Unmap
                </Button>
              ) : null}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
