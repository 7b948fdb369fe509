import { DateInput, NumberInput, ReferenceInput, SelectInput, SimpleForm, TextInput, required } from 'react-admin';
import { RESOURCES } from '../../data-provider';

/**
 * A grant's fields. The API checks everything (amount a decimal above 0, expiry on or after the
 * start, an account of the organization) and its errors appear beside the inputs.
 */
export function GrantForm() {
  return (
    <SimpleForm>
      <TextInput source="name" label="Name" validate={required()} helperText="e.g. AWS Activate" fullWidth />
      <ReferenceInput
        source="providerAccountId"
        reference={RESOURCES.providerAccounts}
        sort={{ field: 'label', order: 'ASC' }}>
        <SelectInput label="Provider account" optionText="label" validate={required()} />
      </ReferenceInput>
      <TextInput
        source="amount"
        label="Amount (USD)"
        validate={required()}
        helperText='An exact decimal, e.g. "25000.00"'
      />
      <DateInput source="startsOn" label="Starts on" validate={required()} />
      <DateInput source="expiresOn" label="Expires on" helperText="The last day it can be used; empty: no expiry" />
      <NumberInput
        source="notifyUnderDays"
        label="Notify when the runway falls under (days)"
        step={1}
        helperText="Empty: the organization's setting on this screen"
      />
    </SimpleForm>
  );
}
