import { Chip } from '@mui/material';

/** Said next to a comparison whose current period includes provisional days. */
export const PROVISIONAL_NOTE = 'this period includes provisional days: the provider may still revise them';

/** Marks a row whose current period includes a day its provider has not settled yet. */
export function ProvisionalChip({ shown }: { shown: boolean }) {
  if (!shown) return null;
  return (
    <Chip
      size="small"
      variant="outlined"
      label="provisional"
      title={PROVISIONAL_NOTE}
      data-testid="row-provisional"
      sx={{ ml: 0.5 }}
    />
  );
}
