import { Alert } from '@mui/material';
import { useFormState } from 'react-hook-form';

/** An error the API raised about no input in particular (the provider is down, a rate limit). */
export function FormServerError() {
  const { errors } = useFormState();
  const message = (errors.root?.serverError as { message?: string } | undefined)?.message;
  return message ? (
    <Alert severity="error" role="alert" sx={{ width: '100%' }} data-testid="form-error">
      {message}
    </Alert>
  ) : null;
}
