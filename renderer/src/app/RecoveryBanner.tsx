import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

type Notice = { file: string; movedTo: string | null; restoredFrom: string | null };

/** Tells the user when a damaged store file was set aside and what was restored, and where it went. */
export function RecoveryBanner() {
  const { t } = useTranslation();
  const [notices, setNotices] = useState<Notice[]>([]);
  useEffect(() => window.spheres.on('store.recovered', (notice) => setNotices((current) => [...current, notice])), []);
  if (notices.length === 0) return null;
  return (
    <div role="alert" className="border-b border-amber-300 bg-amber-50 px-6 py-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-50">
      <ul className="flex flex-col gap-1">
        {notices.map((notice, index) => (
          <li key={index}>
            {notice.restoredFrom === null
              ? t('app.recoveredNothing', { file: notice.file, movedTo: notice.movedTo ?? '—' })
              : t('app.recovered', { file: notice.file, movedTo: notice.movedTo ?? '—', restoredFrom: notice.restoredFrom })}
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => setNotices([])} className="mt-2 font-medium underline">
        {t('app.dismiss')}
      </button>
    </div>
  );
}
