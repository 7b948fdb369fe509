import { Chip } from '@mui/material';
import { usePermissions } from 'react-admin';

/** "Read-only" in the app bar for viewers, so a missing button is never a mystery. */
export function ViewerBadge() {
  const { permissions } = usePermissions<string>();
  if (permissions !== 'VIEWER') return null;
  return (
    <Chip
      label="Read-only"
      size="small"
      color="default"
      sx={{ bgcolor: 'rgba(255,255,255,0.85)', mr: 1 }}
      data-testid="viewer-badge"
    />
  );
}
