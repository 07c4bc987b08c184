import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../app/EmptyState';
import { SectionIcon } from '../../app/icons';

export function OutboxScreen() {
  const { t } = useTranslation();
  return <EmptyState title={t('outbox.emptyTitle')} body={t('outbox.emptyBody')} icon={<SectionIcon section="outbox" size={40} />} />;
}
