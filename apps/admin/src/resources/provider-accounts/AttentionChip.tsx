import { Chip } from '@mui/material';
import type { AccountAttention } from '../../data-provider/records';

/** "Needs attention" with what is wrong and the fix on hover; nothing when all is well. */
export function AttentionChip({ attention }: { attention: readonly AccountAttention[] | undefined }) {
  if (!attention || attention.length === 0) return null;
  const title = attention.map((a) => `${a.message} Fix: ${a.fix}`).join('\n');
  return (
    <Chip
      size="small"
      color="warning"
      label="Needs attention"
      title={title}
      sx={{ alignSelf: 'flex-start' }}
      data-testid="needs-attention"
      data-kind={attention.map((a) => a.kind).join(' ')}
    />
  );
}
