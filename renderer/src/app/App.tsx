import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { i18n } from 'i18next';
import type { Section, Settings } from '../../../common/domain';
import { AccountsScreen } from '../features/accounts/AccountsScreen';
import { CalendarScreen } from '../features/calendar/CalendarScreen';
import { ComposeScreen } from '../features/compose/ComposeScreen';
import { DraftsScreen } from '../features/drafts/DraftsScreen';
import { OutboxScreen } from '../features/outbox/OutboxScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { createI18n } from '../i18n';
import { answerFlushRequests, errorText, newPostHref, routeFromHash, SECTION_KEYS, sectionFromHash, sectionHref } from '../ui';
import { RecoveryBanner } from './RecoveryBanner';
import { Sidebar } from './Sidebar';
import { useDarkMode } from './theme';

const TITLE_KEYS = {
  compose: 'compose.title',
  drafts: 'drafts.title',
  calendar: 'calendar.title',
  outbox: 'outbox.title',
  accounts: 'accounts.title',
  settings: 'settings.title',
} as const satisfies Record<Section, string>;

function useSection(): [Section, (section: Section) => void] {
  const [section, setSection] = useState<Section>(() => sectionFromHash(window.location.hash));
  useEffect(() => {
    const onHash = (): void => setSection(sectionFromHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const go = useCallback((next: Section) => {
    const href = sectionHref(next);
    if (window.location.hash !== href) window.location.hash = href;
    setSection(next);
  }, []);
  return [section, go];
}

function useOpenPostId(): string | null {
  const [postId, setPostId] = useState(() => routeFromHash(window.location.hash).postId);
  useEffect(() => {
    const onHash = (): void => setPostId(routeFromHash(window.location.hash).postId);
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return postId;
}

function Shell({ settings, onChange }: Readonly<{ settings: Settings; onChange: (patch: Partial<Settings>) => Promise<void> }>) {
  const { t } = useTranslation();
  const [section, go] = useSection();
  const openPostId = useOpenPostId();
  const heading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);

  // Moving focus to the new heading tells screen-reader users the place changed.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    heading.current?.focus();
  }, [section]);

  // Layout effects, like the shortcuts below: a menu's navigate or New post is heard from the first frame.
  useLayoutEffect(() => window.spheres.on('app.navigate', ({ section: next }) => go(next)), [go]);
  useEffect(() => answerFlushRequests(window.spheres), []);
  // New post (the menu's or Ctrl/⌘+N): the composer saves the draft it had and opens an empty one.
  useLayoutEffect(() => window.spheres.on('app.newPost', () => (window.location.hash = newPostHref())), []);

  // A layout effect: the shortcuts work from the first frame the window shows, not a moment later.
  useLayoutEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (!(event.metaKey || event.ctrlKey) || event.altKey || event.shiftKey) return;
      if (event.key === 'n' || event.key === 'N') {
        event.preventDefault();
        window.location.hash = newPostHref();
        return;
      }
      const next = SECTION_KEYS[event.key];
      if (next === undefined) return;
      event.preventDefault();
      go(next);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go]);

  const screens: Record<Section, ReactNode> = {
    compose: <ComposeScreen settings={settings} openId={openPostId} />,
    drafts: <DraftsScreen />,
    calendar: <CalendarScreen settings={settings} />,
    outbox: <OutboxScreen />,
    accounts: <AccountsScreen />,
    settings: <SettingsScreen settings={settings} onChange={onChange} />,
  };

  return (
    <div className="flex h-full">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-sm dark:focus:bg-zinc-900"
        onClick={(event) => {
          event.preventDefault();
          heading.current?.focus();
        }}
      >
        {t('app.skipToContent')}
      </a>
      <Sidebar current={section} onSelect={go} />
      <main id="main" className="flex-1 overflow-auto">
        <RecoveryBanner />
        <div className="p-8">
          <h1 ref={heading} tabIndex={-1} className="mb-6 text-2xl font-semibold tracking-tight">
            {t(TITLE_KEYS[section])}
          </h1>
          {screens[section]}
        </div>
      </main>
    </div>
  );
}

type Loaded = { kind: 'loading' } | { kind: 'ready'; settings: Settings; i18n: i18n } | { kind: 'failed'; message: string };

export function App() {
  const [state, setState] = useState<Loaded>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    window.spheres.settings.get().then(
      (settings) => live && setState({ kind: 'ready', settings, i18n: createI18n(settings.language) }),
      (error: unknown) => live && setState({ kind: 'failed', message: errorText(error, createI18n('en')) }),
    );
    return () => {
      live = false;
    };
  }, []);

  // Another window or the menu may change settings too; the event keeps this one in step.
  useEffect(
    () =>
      window.spheres.on('settings.changed', (settings) =>
        setState((previous) => (previous.kind === 'ready' ? { ...previous, settings } : previous)),
      ),
    [],
  );

  const settings = state.kind === 'ready' ? state.settings : null;
  const language = settings?.language;
  const instance = state.kind === 'ready' ? state.i18n : null;
  useEffect(() => {
    if (instance === null || language === undefined) return;
    if (instance.language !== language) void instance.changeLanguage(language);
    document.documentElement.lang = language;
  }, [instance, language]);

  const dark = useDarkMode(settings?.theme ?? 'system');
  useEffect(() => {
    document.documentElement.classList.toggle('dark', dark);
  }, [dark]);

  const onChange = useMemo(
    () => async (patch: Partial<Settings>) => {
      const next = await window.spheres.settings.update(patch);
      setState((previous) => (previous.kind === 'ready' ? { ...previous, settings: next } : previous));
    },
    [],
  );

  if (state.kind === 'loading') return <p className="p-8 text-sm" role="status">…</p>;
  if (state.kind === 'failed') {
    return (
      <p role="alert" className="p-8 text-sm text-red-700 dark:text-red-400">
        {createI18n('en').t('app.loadFailed', { message: state.message })}
      </p>
    );
  }
  return (
    <I18nextProvider i18n={state.i18n}>
      <Shell settings={state.settings} onChange={onChange} />
    </I18nextProvider>
  );
}
