import { Alert, Card, CardContent, FormControlLabel, Switch, Typography } from '@mui/material';
import { useNotify } from 'react-admin';
import { SET_PASSWORD_SIGN_IN, SIGN_IN_SETTINGS } from '../../data-provider/documents';
import { useGraphqlMutation, useGraphqlQuery } from '../useGraphqlQuery';

type SignInSettings = { ssoConfigured: boolean; passwordSignInEnabled: boolean; issuer: string | null };

/**
 * Single sign-on's state and the password sign-in switch. Turning passwords off needs single
 * sign-on (the API refuses otherwise, so nobody is locked out); the switch says so up front.
 */
export function SignInSettingsCard() {
  const notify = useNotify();
  const { data, error } = useGraphqlQuery<{ spendsyncSignInSettings: SignInSettings }>(
    'signInSettings',
    SIGN_IN_SETTINGS,
  );
  const set = useGraphqlMutation<unknown, { enabled: boolean }>('signInSettings', SET_PASSWORD_SIGN_IN, {
    onSuccess: (_data, { enabled }) =>
      notify(enabled ? 'Password sign-in is on.' : 'Password sign-in is off: members sign in with SSO.', {
        type: 'success',
      }),
  });
  const settings = data?.spendsyncSignInSettings;
  return (
    <Card variant="outlined" sx={{ mb: 2 }} aria-label="Sign-in settings">
      <CardContent>
        <Typography variant="h6" sx={{ mb: 1 }}>
          Sign-in
        </Typography>
        {error ? <Alert severity="error">{error.message}</Alert> : null}
        {settings ? (
          <>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
              {settings.ssoConfigured
                ? `Single sign-on: ${settings.issuer}. New users get the role the identity provider gives, viewer by default.`
                : 'Single sign-on is not configured (SPENDSYNC_OIDC_ISSUER and its client); password sign-in must stay on.'}
            </Typography>
            <FormControlLabel
              control={
                <Switch
                  checked={settings.passwordSignInEnabled}
                  disabled={set.isPending || (!settings.ssoConfigured && settings.passwordSignInEnabled)}
                  onChange={(event) => set.mutate({ enabled: event.target.checked })}
                />
              }
              label="Password sign-in"
            />
          </>
        ) : null}
      </CardContent>
    </Card>
  );
}
