import SavingsOutlinedIcon from '@mui/icons-material/CardGiftcard';
import { lazy } from 'react';
import { RESOURCES } from '../../data-provider';

const GrantList = lazy(() => import('./GrantList').then((m) => ({ default: m.GrantList })));
const GrantCreate = lazy(() => import('./GrantCreate').then((m) => ({ default: m.GrantCreate })));
const GrantEdit = lazy(() => import('./GrantEdit').then((m) => ({ default: m.GrantEdit })));

/** The credit-grants resource, shown as "Credit grants". */
export const creditGrants = {
  name: RESOURCES.creditGrants,
  list: GrantList,
  create: GrantCreate,
  edit: GrantEdit,
  icon: SavingsOutlinedIcon,
  options: { label: 'Credit grants' },
  recordRepresentation: 'name',
};
