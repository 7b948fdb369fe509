import type { CredentialField } from '../../data-provider/records';
import { formErrorsFromApi, type FormErrors } from './credential-form';

/**
 * Runs a form's save and turns its failure into errors placed beside the inputs (react-admin's
 * form shows what `onSubmit` returns). Resolves with nothing when the save went through.
 */
export async function saveOrErrors(
  save: () => Promise<void>,
  fields: readonly CredentialField[],
  pasteJson: boolean,
): Promise<FormErrors | undefined> {
  try {
    await save();
    return undefined;
  } catch (error) {
    return formErrorsFromApi(error, fields, pasteJson);
  }
}
