import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../app/EmptyState';
import { SectionIcon } from '../../app/icons';

export function ComposeScreen() {
  const { t } = useTranslation();
  return <EmptyState title={t('compose.emptyTitle')} body={t('compose.emptyBody')} icon={<SectionIcon section="compose" size={40} />} />;
}
