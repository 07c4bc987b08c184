import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../app/EmptyState';
import { SectionIcon } from '../../app/icons';

export function CalendarScreen() {
  const { t } = useTranslation();
  return <EmptyState title={t('calendar.emptyTitle')} body={t('calendar.emptyBody')} icon={<SectionIcon section="calendar" size={40} />} />;
}
