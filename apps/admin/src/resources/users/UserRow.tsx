import { Button, Chip, MenuItem, TableCell, TableRow, TextField } from '@mui/material';
import { useNotify } from 'react-admin';
import { UPDATE_USER } from '../../data-provider/documents';
import type { UserRecord, UserRole } from '../../data-provider/records';
import { formatDateTime } from '../../format';
import { useGraphqlMutation } from '../useGraphqlQuery';

type Change = { input: { id: string; role?: UserRole; active?: boolean } };

/** One user: role (changeable), status, and deactivate / reactivate. The signed-in admin cannot change themselves. */
export function UserRow({ user, isSelf }: { user: UserRecord; isSelf: boolean }) {
  const notify = useNotify();
  const update = useGraphqlMutation<unknown, Change>('users', UPDATE_USER, {
    onSuccess: (_data, { input }) => {
      if (input.active === false) notify(`${user.email} was deactivated; their sessions ended.`, { type: 'info' });
      else if (input.active === true) notify(`${user.email} can sign in again.`, { type: 'info' });
      else notify(`${user.email} is now ${input.role === 'ADMIN' ? 'an admin' : 'a viewer'}.`, { type: 'info' });
    },
  });
  const active = user.deactivatedAt === null;
  return (
    <TableRow data-testid="user-row" data-email={user.email} data-active={active ? 'true' : 'false'}>
      <TableCell>
        {user.email}
        {isSelf ? ' (you)' : ''}
      </TableCell>
      <TableCell>
        <TextField
          select
          size="small"
          value={user.role}
          disabled={isSelf || update.isPending}
          aria-label={`Role of ${user.email}`}
          slotProps={{ htmlInput: { 'aria-label': `Role of ${user.email}` } }}
          onChange={(event) => update.mutate({ input: { id: user.id, role: event.target.value as UserRole } })}>
          <MenuItem value="VIEWER">Viewer</MenuItem>
          <MenuItem value="ADMIN">Admin</MenuItem>
        </TextField>
      </TableCell>
      <TableCell>
        {active ? (
          <Chip size="small" color="success" label="Active" />
        ) : (
          <Chip size="small" label={`Deactivated ${formatDateTime(user.deactivatedAt)}`} />
        )}
      </TableCell>
      <TableCell>{formatDateTime(user.createdAt)}</TableCell>
      <TableCell>
        {isSelf ? null : (
          <Button
            size="small"
            color={active ? 'error' : 'primary'}
            disabled={update.isPending}
            onClick={() => update.mutate({ input: { id: user.id, active: !active } })}>
            {active ? 'Deactivate' : 'Reactivate'}
          </Button>
        )}
      </TableCell>
    </TableRow>
  );
}
