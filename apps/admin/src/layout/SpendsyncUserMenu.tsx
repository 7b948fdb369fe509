import { Box, Chip, Divider, Typography } from '@mui/material';
import { Logout, useGetIdentity, UserMenu } from 'react-admin';

/** Who is signed in, in which organization and with which role. */
function IdentityPanel() {
  const { identity } = useGetIdentity();
  if (!identity) return null;
  const isViewer = identity.role === 'VIEWER';
  return (
    <Box sx={{ px: 2, py: 1, minWidth: 240 }} data-testid="identity-panel">
      <Typography variant="body2" color="text.secondary">Signed in as</Typography>
      <Typography variant="body1">{identity.fullName}</Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>Organization</Typography>
      <Typography variant="body1" data-testid="organization-name">{identity.organization}</Typography>
      <Chip sx={{ mt: 1 }} size="small" color={isViewer ? 'default' : 'primary'} label={isViewer ? 'Viewer · read-only' : 'Admin'} />
    </Box>
  );
}

/** The app bar's user menu: identity, organization, role, sign out. */
export function SpendsyncUserMenu() {
  return (
    <UserMenu>
      <IdentityPanel />
      <Divider />
      <Logout />
    </UserMenu>
  );
}
