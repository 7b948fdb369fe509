import { useEffect, useState } from 'react';
import { SIGN_IN_OPTIONS } from '../data-provider/documents';
import { useSpendsyncDataProvider } from '../data-provider/useSpendsyncDataProvider';

/** What the sign-in page offers. */
export type SignInOptions = { ssoConfigured: boolean; passwordSignInEnabled: boolean };

/** The API's public sign-in options; null until known (or when the API cannot say: password only). */
export function useSignInOptions(): SignInOptions | null {
  const dataProvider = useSpendsyncDataProvider();
  const [options, setOptions] = useState<SignInOptions | null>(null);
  useEffect(() => {
    let live = true;
    dataProvider
      .graphql<{ spendsyncSignInOptions: SignInOptions }>(SIGN_IN_OPTIONS)
      .then((data) => live && setOptions(data.spendsyncSignInOptions))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [dataProvider]);
  return options;
}
