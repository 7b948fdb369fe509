import { Edit } from 'react-admin';
import { AdminOnly } from '../AdminOnly';
import { GrantForm } from './GrantForm';

/** Changing a grant (admins). */
export function GrantEdit() {
  return (
    <AdminOnly what="credit grants">
      <Edit title="Edit credit grant" redirect="list" mutationMode="pessimistic">
        <GrantForm />
      </Edit>
    </AdminOnly>
  );
}
