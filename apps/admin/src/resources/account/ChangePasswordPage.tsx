import { Alert, Box, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { Title, useGetIdentity, useNotify } from 'react-admin';
import { useNavigate } from 'react-router';
import type { SpendsyncIdentity } from '../../auth/auth-provider';
import type { ApiRequestError } from '../../data-provider/errors';
import { CHANGE_PASSWORD } from '../../data-provider/documents';
import { useGraphqlMutation } from '../useGraphqlQuery';

type Field = 'currentPassword' | 'newPassword' | 'confirm';
const EMPTY: Record<Field, string> = { currentPassword: '', newPassword: '', confirm: '' };

/** Change the signed-in user's password; their other sessions are signed out. */
export function ChangePasswordPage() {
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const notify = useNotify();
  const navigate = useNavigate();
  const { identity, refetch } = useGetIdentity();
  const required = Boolean((identity as SpendsyncIdentity | undefined)?.passwordChangeRequired);
  const change = useGraphqlMutation<{ changePassword: boolean }, { currentPassword: string; newPassword: string }>(
    null,
    CHANGE_PASSWORD,
    {
      onSuccess: (data) => {
        if (!data.changePassword) {
          setErrors({ currentPassword: 'An API token has no password to change.' });
          return;
        }
        setValues(EMPTY);
        setErrors({});
        notify('Your password was changed; your other sessions were signed out.', { type: 'success' });
        if (required) void refetch().then(() => navigate('/'));
      },
      onError: (error) => {
        const field = (error as ApiRequestError).field;
        setErrors({ [field === 'newPassword' ? 'newPassword' : 'currentPassword']: error.message });
      },
    },
  );
  const submit = () => {
    if (values.newPassword !== values.confirm) return setErrors({ confirm: 'The two new passwords differ.' });
    change.mutate({ currentPassword: values.currentPassword, newPassword: values.newPassword });
  };
  const input = (field: Field, label: string, helper = ' ') => (
    <TextField
      label={label}
      type="password"
      value={values[field]}
      onChange={(e) => setValues({ ...values, [field]: e.target.value })}
      error={Boolean(errors[field])}
      helperText={errors[field] ?? helper}
      autoComplete={field === 'currentPassword' ? 'current-password' : 'new-password'}
    />
  );
  return (
    <Box sx={{ p: 2, maxWidth: 520 }}>
      <Title title="Change password" />
      <Card variant="outlined">
        <CardContent>
          <Typography variant="h6" sx={{ mb: 2 }}>
            Change password
          </Typography>
          {required ? (
            <Alert severity="warning" sx={{ mb: 2 }} data-testid="password-change-required">
              Choose a new password before you continue: the one you signed in with was set when spendsync was
              installed.
            </Alert>
          ) : null}
          <Stack
            spacing={2}
            component="form"
            onSubmit={(event) => {
              event.preventDefault();
              submit();
            }}>
            {input('currentPassword', 'Current password')}
            {input('newPassword', 'New password', 'At least 12 characters')}
            {input('confirm', 'New password again')}
            <Button type="submit" variant="contained" disabled={change.isPending}>
              Change password
            </Button>
          </Stack>
          <Alert severity="info" sx={{ mt: 2 }}>
            Changing it signs out your other sessions; this one stays signed in.
          </Alert>
        </CardContent>
      </Card>
    </Box>
  );
}
