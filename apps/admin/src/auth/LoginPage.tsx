import { Alert, Box, Button, Card, CardContent, CircularProgress, Divider, TextField, Typography } from '@mui/material';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useLogin } from 'react-admin';
import { useLocation } from 'react-router';
import { useSignInOptions } from './useSignInOptions';

/** Where "Sign in with SSO" goes: the API starts the OpenID Connect sign-in and redirects to the provider. */
export const SSO_START_PATH = '/auth/oidc/start';

/**
 * Sign-in with email and password (the API's `login`), or with single sign-on when the API has
 * it: the API's callback sends the browser back here with `ssoCode` (exchanged once for a
 * session) or `ssoError` (shown). Errors are shown as the API words them.
 */
export function LoginPage() {
  const login = useLogin();
  const { search } = useLocation();
  const options = useSignInOptions();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(() => new URLSearchParams(search).get('ssoError'));
  const [busy, setBusy] = useState(false);
  const exchanged = useRef(false);

  useEffect(() => {
    const ssoCode = new URLSearchParams(search).get('ssoCode');
    // The code works once: never send it twice (React may run this effect twice in development).
    if (!ssoCode || exchanged.current) return;
    exchanged.current = true;
    setBusy(true);
    login({ ssoCode }).catch((e: unknown) => {
      setError((e as Error)?.message || 'Single sign-on failed; try again.');
      setBusy(false);
    });
  }, [search, login]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login({ email, password });
    } catch (e) {
      setError((e as Error)?.message || 'Sign-in failed; try again.');
      setBusy(false);
    }
  };

  const passwordOn = options?.passwordSignInEnabled !== false;
  return (
    <Box
      sx={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', bgcolor: 'grey.100' }}>
      <Card sx={{ width: 380 }} component="form" onSubmit={submit} aria-label="Sign in">
        <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
          <Typography variant="h5" component="h1">
            spendsync
          </Typography>
          <Typography variant="body2" color="text.secondary">
            AI spend from every provider, to the cent. Sign in to your organization.
          </Typography>
          {error ? (
            <Alert severity="error" role="alert">
              {error}
            </Alert>
          ) : null}
          {options?.ssoConfigured ? (
            <Button variant="contained" href={SSO_START_PATH} disabled={busy}>
              Sign in with SSO
            </Button>
          ) : null}
          {options?.ssoConfigured && passwordOn ? <Divider>or</Divider> : null}
          {passwordOn ? (
            <>
              <TextField
                label="Email"
                type="email"
                autoComplete="username"
                required
                autoFocus
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
              <TextField
                label="Password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
              <Button
                type="submit"
                variant={options?.ssoConfigured ? 'outlined' : 'contained'}
                disabled={busy}
                startIcon={busy ? <CircularProgress size={16} /> : null}>
                Sign in
              </Button>
            </>
          ) : (
            <Typography variant="body2" color="text.secondary">
              Password sign-in is turned off for this organization.
            </Typography>
          )}
        </CardContent>
      </Card>
    </Box>
  );
}
