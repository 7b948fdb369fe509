import { z } from 'zod';
import { requiredText } from './text-field';

/** Runway: an API key of the organization (`key_` + hex); every key can read organization usage. */
export const ZRunwayCredentials = z.object({
  /** `key_` followed by hex characters (128 of them in real keys). */
  apiKey: requiredText('apiKey', 'paste a Runway API key (key_…)', (key) =>
    /^key_[0-9a-fA-F]+$/.test(key)
      ? undefined
      : 'apiKey is not a Runway API key (key_ followed by hex characters); create one at dev.runwayml.com → API Keys',
  ),
});

export type RunwayCredentials = z.infer<typeof ZRunwayCredentials>;
