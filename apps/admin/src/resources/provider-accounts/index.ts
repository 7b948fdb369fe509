import CableIcon from '@mui/icons-material/Cable';
import { RESOURCES } from '../../data-provider';
import { ProviderAccountCreate } from './ProviderAccountCreate';
import { ProviderAccountEdit } from './ProviderAccountEdit';
import { ProviderAccountList } from './ProviderAccountList';

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
