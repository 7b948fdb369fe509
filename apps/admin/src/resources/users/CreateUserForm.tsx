import PersonAddIcon from '@mui/icons-material/PersonAdd';
import { Button, Card, CardContent, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useNotify } from 'react-admin';
import type { ApiRequestError } from '../../data-provider/errors';
import { CREATE_USER } from '../../data-provider/documents';
import type { UserRole } from '../../data-provider/records';
import { useGraphqlMutation } from '../useGraphqlQuery';

type Values = { email: string; password: string; role: UserRole };
const EMPTY: Values = { email: '', password: '', role: 'VIEWER' };

/**
 * Adds a user with a first password the admin passes on (spendsync sends no email); they can
 * change it under Change password. The API's message lands beside the field at fault.
 */
export function CreateUserForm() {
  const [values, setValues] = useState<Values>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<keyof Values, string>>>({});
  const notify = useNotify();
  const create = useGraphqlMutation<unknown, { input: Values }>('users', CREATE_USER, {
    onSuccess: (_data, { input }) => {
      setValues(EMPTY);
      setErrors({});
      notify(`${input.email.trim().toLowerCase()} can now sign in.`, { type: 'success' });
    },
    onError: (error) => {
      const field = (error as ApiRequestError).field;
      setErrors(field === 'email' || field === 'password' ? { [field]: error.message } : { email: error.message });
    },
  });
  const set = (key: keyof Values) => (event: { target: { value: string } }) =>
    setValues({ ...values, [key]: event.target.value });
  return (
    <Card variant="outlined" sx={{ mb: 2 }}>
      <CardContent>
        <Typography variant="h6" sx={{ mb: 1 }}>
          Add a user
        </Typography>
        <Stack
          direction="row"
          spacing={2}
          useFlexGap
          sx={{ alignItems: 'flex-start', flexWrap: 'wrap' }}
          component="form"
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate({ input: values });
          }}>
          <TextField
            label="Email"
            value={values.email}
            onChange={set('email')}
            size="small"
            error={Boolean(errors.email)}
            helperText={errors.email ?? ' '}
          />
          <TextField
            label="First password"
            type="password"
            value={values.password}
            onChange={set('password')}
            size="small"
            autoComplete="new-password"
            error={Boolean(errors.password)}
            helperText={errors.password ?? 'At least 12 characters; pass it on to the user'}
          />
          <TextField
            select
            label="Role"
            value={values.role}
            onChange={set('role')}
            size="small"
            sx={{ minWidth: 140 }}
            helperText=" ">
            <MenuItem value="VIEWER">Viewer (read-only)</MenuItem>
            <MenuItem value="ADMIN">Admin</MenuItem>
          </TextField>
          <Button type="submit" variant="contained" startIcon={<PersonAddIcon />} disabled={create.isPending}>
            Add user
          </Button>
        </Stack>
      </CardContent>
    </Card>
  );
}
