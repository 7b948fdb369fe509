import {
  Alert,
  Box,
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { Title, useGetIdentity } from 'react-admin';
import { USERS } from '../../data-provider/documents';
import type { UserRecord } from '../../data-provider/records';
import { AdminOnly } from '../AdminOnly';
import { useGraphqlQuery } from '../useGraphqlQuery';
import { CreateUserForm } from './CreateUserForm';
import { SignInSettingsCard } from './SignInSettingsCard';
import { UserRow } from './UserRow';

function Users() {
  const { data, error, isPending } = useGraphqlQuery<{ users: UserRecord[] }>('users', USERS);
  const { identity } = useGetIdentity();
  return (
    <>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        Admins link providers and manage tokens and users; viewers read the dashboards. A deactivated user cannot sign
        in and their sessions end at once; API tokens belong to the organization and keep working until revoked.
      </Typography>
      <SignInSettingsCard />
      <CreateUserForm />
      {isPending ? <LinearProgress /> : null}
      {error ? <Alert severity="error">{error.message}</Alert> : null}
      <Table size="small" aria-label="Users">
        <TableHead>
          <TableRow>
            {['Email', 'Role', 'Status', 'Added', ''].map((h) => (
              <TableCell key={h}>{h}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {data?.users.map((u) => (
            <UserRow key={u.id} user={u} isSelf={u.id === identity?.id} />
          ))}
        </TableBody>
      </Table>
    </>
  );
}

/** Users of the organization: add one, change roles, deactivate (sign-in refused, sessions end) or reactivate. Admins only. */
export function UsersPage() {
  return (
    <Box sx={{ p: 2 }}>
      <Title title="Users" />
      <AdminOnly what="users">
        <Users />
      </AdminOnly>
    </Box>
  );
}
