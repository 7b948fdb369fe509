import { Box, Button, IconButton, TextField } from '@mui/material';
import { useState } from 'react';

/** Props of {@link InlineRename}. */
export type InlineRenameProps = {
  name: string;
  /** False: the name is shown without the rename control (viewers, spend without a workspace). */
  canEdit: boolean;
  onRename(name: string): void;
  busy?: boolean;
};

/** A name that turns into a text field in place ("✎"), saved with Enter or Save, dropped with Escape. */
export function InlineRename({ name, canEdit, onRename, busy = false }: InlineRenameProps) {
  const [draft, setDraft] = useState<string | null>(null);
  if (draft === null) {
    return (
      <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
        <span data-display-name>{name}</span>
        {canEdit ? (
          <IconButton
            size="small"
            aria-label={`Rename ${name}`}
            onClick={(e) => {
              e.stopPropagation();
              setDraft(name);
            }}>
            ✎
          </IconButton>
        ) : null}
      </Box>
    );
  }
  const save = () => {
    const next = draft.trim();
    if (next && next !== name) onRename(next);
    setDraft(null);
  };
  return (
    <Box
      component="span"
      sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}
      onClick={(e) => e.stopPropagation()}>
      <TextField
        size="small"
        autoFocus
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        slotProps={{ htmlInput: { 'aria-label': 'New name' } }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') save();
          if (e.key === 'Escape') setDraft(null);
        }}
      />
      <Button size="small" variant="contained" disabled={busy || !draft.trim()} onClick={save}>
        Save
      </Button>
      <Button size="small" onClick={() => setDraft(null)}>
        Cancel
      </Button>
    </Box>
  );
}
