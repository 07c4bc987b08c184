import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Target } from '../../../../common/domain';
import { NETWORK_INFO } from '../../../../common/networks';

/** Meta takes images only from a public address: without a media host, these networks' image posts go out by hand. */
const NEED_MEDIA_HOST = ['threads', 'instagram'] as const;

/** Whether a media host is set up; null until known (then nothing is said, rather than something wrong). */
function useMediaHostReady(): boolean | null {
  const [ready, setReady] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    window.spheres.outbox.mediaHostReady().then(
      (answer) => live && setReady(answer.ready),
      () => live && setReady(null),
    );
    return () => {
      live = false;
    };
  }, []);
  return ready;
}

/**
 * Said before queueing: a Threads or Instagram account with images and no media host gets the
 * post by hand (the outbox then walks the person through it), so nobody is surprised at send time.
 */
export function ByHandNotice({ targets, hasImages }: Readonly<{ targets: readonly Target[]; hasImages: boolean }>) {
  const { t } = useTranslation();
  const ready = useMediaHostReady();
  if (!hasImages || ready !== false) return null;
  const networks = NEED_MEDIA_HOST.filter((network) => targets.some((target) => target.network === network && target.accountId !== undefined && target.assisted !== true));
  if (networks.length === 0) return null;
  return (
    <div role="status" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
      {networks.map((network) => (
        <p key={network}>{t('compose.byHandNoMediaHost', { network: NETWORK_INFO[network].name })}</p>
      ))}
    </div>
  );
}
