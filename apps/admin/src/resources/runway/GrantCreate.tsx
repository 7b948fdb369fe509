import { Create } from 'react-admin';
import { AdminOnly } from '../AdminOnly';
import { GrantForm } from './GrantForm';

/** Entering a grant (admins; the API refuses viewers too). */
export function GrantCreate() {
  return (
    <AdminOnly what="credit grants">
      <Create title="New credit grant" redirect="list" mutationMode="pessimistic">
        <GrantForm />
      </Create>
    </AdminOnly>
  );
}
