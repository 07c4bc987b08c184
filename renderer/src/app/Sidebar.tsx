import { useTranslation } from 'react-i18next';
import { SECTIONS, type Section } from '../../../common/domain';
import appIcon from '../../../assets/icon.svg';
import { SectionIcon, sectionHref, sectionKey } from '../ui';

/** The Mac shows ⌘ where other systems use Ctrl; the menu (electron/main/menu.ts) does the same. */
const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function Sidebar({ current, onSelect }: Readonly<{ current: Section; onSelect: (section: Section) => void }>) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('app.navigation')} className="flex w-56 shrink-0 flex-col gap-1 border-r border-zinc-200 bg-zinc-50 p-3 dark:border-zinc-800 dark:bg-zinc-900">
      <div className="mb-4 flex items-center gap-2 px-2 pt-2">
        <img src={appIcon} alt="" width={28} height={28} />
        <div>
          <p className="text-base font-semibold leading-tight">{t('app.name')}</p>
          <p className="text-xs text-zinc-600 dark:text-zinc-400">{t('app.tagline')}</p>
        </div>
      </div>
      <ul className="flex flex-col gap-1">
        {SECTIONS.map((section) => {
          const key = sectionKey(section);
          return (
            <li key={section}>
              <a
                href={sectionHref(section)}
                aria-current={section === current ? 'page' : undefined}
                title={key === undefined ? undefined : t('app.sectionShortcut', { section: t(`sections.${section}`), keys: `${IS_MAC ? '⌘' : 'Ctrl+'}${key}` })}
                aria-keyshortcuts={key === undefined ? undefined : `Control+${key} Meta+${key}`}
                onClick={(event) => {
                  event.preventDefault();
                  onSelect(section);
                }}
                className={`flex items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium ${
                  section === current
                    ? 'bg-violet-100 text-violet-900 dark:bg-violet-950 dark:text-violet-100'
                    : 'text-zinc-700 hover:bg-zinc-200/70 dark:text-zinc-300 dark:hover:bg-zinc-800'
                }`}
              >
                <SectionIcon section={section} />
                {t(`sections.${section}`)}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
