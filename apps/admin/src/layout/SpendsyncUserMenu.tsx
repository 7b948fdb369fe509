import PasswordIcon from '@mui/icons-material/Password';
import { Box, Chip, Divider, ListItemIcon, ListItemText, MenuItem, Typography } from '@mui/material';
import { Logout, useGetIdentity, UserMenu, useUserMenu } from 'react-admin';
import { Link } from 'react-router';
import { CHANGE_PASSWORD_PATH } from '../resources/admin-paths';

/** Who is signed in, in which organization and with which role. */
function IdentityPanel() {
  const { identity } = useGetIdentity();
  if (!identity) return null;
  const isViewer = identity.role === 'VIEWER';
  return (
    <Box sx={{ px: 2, py: 1, minWidth: 240 }} data-testid="identity-panel">
      <Typography variant="body2" color="text.secondary">
        Signed in as
      </Typography>
      <Typography variant="body1">{identity.fullName}</Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
        Organization
      </Typography>
      <Typography variant="body1" data-testid="organization-name">
        {identity.organization}
      </Typography>
      <Chip
        sx={{ mt: 1 }}
        size="small"
        color={isViewer ? 'default' : 'primary'}
        label={isViewer ? 'Viewer · read-only' : 'Admin'}
      />
    </Box>
  );
}

/** "Change password": closes the menu and opens the password screen. */
function ChangePasswordItem() {
  const menu = useUserMenu();
  return (
    <MenuItem component={Link} to={CHANGE_PASSWORD_PATH} onClick={() => menu?.onClose()}>
      <ListItemIcon>
        <PasswordIcon fontSize="small" />
      </ListItemIcon>
      <ListItemText>Change password</ListItemText>
    </MenuItem>
  );
}

/** The app bar's user menu: identity, organization, role, change password, sign out. */
export function SpendsyncUserMenu() {
  return (
    <UserMenu>
      <IdentityPanel />
      <Divider />
      <ChangePasswordItem />
      <Logout />
    </UserMenu>
  );
}
