import CableIcon from '@mui/icons-material/Cable';
import { lazy } from 'react';
import { RESOURCES } from '../../data-provider';

// Loaded when first opened: the first screen is the Overview.
const ProviderAccountList = lazy(() =>
  import('./ProviderAccountList').then((m) => ({ default: m.ProviderAccountList })),
);
const ProviderAccountCreate = lazy(() =>
  import('./ProviderAccountCreate').then((m) => ({ default: m.ProviderAccountCreate })),
);
const ProviderAccountEdit = lazy(() =>
  import('./ProviderAccountEdit').then((m) => ({ default: m.ProviderAccountEdit })),
);

/** The provider-accounts resource, shown as "Integrations". */
export const providerAccounts = {
  name: RESOURCES.providerAccounts,
  list: ProviderAccountList,
  create: ProviderAccountCreate,
  edit: ProviderAccountEdit,
  icon: CableIcon,
  options: { label: 'Integrations' },
  recordRepresentation: 'label',
};
