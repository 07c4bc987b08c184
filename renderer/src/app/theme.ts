import { useEffect, useState } from 'react';
import type { Theme } from '../../../common/domain';

const DARK_QUERY = '(prefers-color-scheme: dark)';

/** Whether the UI is dark: the user's choice, or the OS's while the choice is "system". */
export function useDarkMode(theme: Theme): boolean {
  const [systemDark, setSystemDark] = useState(() => window.matchMedia(DARK_QUERY).matches);
  useEffect(() => {
    const query = window.matchMedia(DARK_QUERY);
    const update = (): void => setSystemDark(query.matches);
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  return theme === 'dark' || (theme === 'system' && systemDark);
}
