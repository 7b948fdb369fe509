import { Accordion, AccordionDetails, AccordionSummary, Typography } from '@mui/material';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { BooleanInput, PasswordInput, TextInput } from 'react-admin';
import { useWatch } from 'react-hook-form';
import type { CredentialField } from '../../data-provider/records';
import { credentialInput, JSON_INPUT, jsonTemplate } from './credential-form';

/** Key files (a service account) are pasted whole: a text area, not a password box. */
const isDocument = (field: CredentialField) => /json/i.test(field.label);

function CredentialFieldInput({ field }: { field: CredentialField }) {
  const props = {
    source: credentialInput(field),
    label: field.optional ? `${field.label} (optional)` : field.label,
    placeholder: field.placeholder ?? undefined,
    helperText: field.help ?? false,
    fullWidth: true,
    autoComplete: 'off',
  };
  if (isDocument(field)) return <TextInput {...props} multiline minRows={4} />;
  return field.secret ? <PasswordInput {...props} autoComplete="new-password" /> : <TextInput {...props} />;
}

/**
 * The credential part of the link and edit forms: one input per field of the provider, or one
 * JSON box ("Paste JSON instead"), plus the advanced endpoint for simulators and proxies.
 */
export function CredentialInputs({ fields }: { fields: readonly CredentialField[] }) {
  const pasteJson = useWatch({ name: 'pasteJson' }) as boolean | undefined;
  return (
    <>
      {pasteJson ? (
        <TextInput
          source={JSON_INPUT}
          label="Credentials (JSON)"
          multiline
          minRows={5}
          fullWidth
          placeholder={jsonTemplate(fields)}
          helperText="The whole credential object. It is checked with the provider, stored encrypted and never shown again."
        />
      ) : (
        fields.map((field) => <CredentialFieldInput key={field.name} field={field} />)
      )}
      <BooleanInput source="pasteJson" label="Paste JSON instead" helperText={false} />
      <Accordion disableGutters variant="outlined" sx={{ width: '100%', mb: 2 }}>
        <AccordionSummary expandIcon={<ExpandMoreIcon />}>
          <Typography variant="body2">Advanced: custom endpoint</Typography>
        </AccordionSummary>
        <AccordionDetails>
          <TextInput
            source="endpoint"
            label="Custom endpoint"
            placeholder="http://127.0.0.1:4010"
            helperText="Only for a simulator or a proxy, and only when the server allows custom endpoints (demo and test setups). Leave empty for the provider's own API."
            fullWidth
          />
        </AccordionDetails>
      </Accordion>
    </>
  );
}
