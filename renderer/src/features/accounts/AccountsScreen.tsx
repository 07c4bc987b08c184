import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../app/EmptyState';
import { SectionIcon } from '../../app/icons';

export function AccountsScreen() {
  const { t } = useTranslation();
  return <EmptyState title={t('accounts.emptyTitle')} body={t('accounts.emptyBody')} icon={<SectionIcon section="accounts" size={40} />} />;
}
