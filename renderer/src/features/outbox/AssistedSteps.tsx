import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isSpheresError } from '../../../../common/api';
import type { AssistedKit, OutboxTarget } from '../../../../common/domain';
import { NETWORK_INFO } from '../../../../common/networks';
import { errorText, mediaUrl } from '../../ui';

const BUTTON =
  'rounded-lg border border-zinc-300 px-3 py-1 text-sm font-medium hover:bg-zinc-100 disabled:cursor-not-allowed disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800';
const PRIMARY = 'rounded-lg bg-zinc-900 px-3 py-1 text-sm font-medium text-white hover:bg-zinc-700 disabled:opacity-50 dark:bg-zinc-100 dark:text-zinc-900';

/** Reasons the core gives for a refused link, in the person's language (the core's sentence is English). */
const LINK_REASONS = ['not_a_link', 'not_https', 'wrong_network', 'already_recorded'] as const;
type LinkReason = (typeof LINK_REASONS)[number];
const isLinkReason = (reason: unknown): reason is LinkReason => (LINK_REASONS as readonly unknown[]).includes(reason);

/**
 * Posting by hand, step by step: copy the text, get the images (a folder, or drag them), open the
 * network's page, then "Did you post it?" with the post's link. The core keeps the record: a
 * confirmation is written once, and the post then counts as published in the calendar.
 */
export function AssistedSteps({ postId, target }: Readonly<{ postId: string; target: OutboxTarget }>) {
  const { t, i18n } = useTranslation();
  const name = NETWORK_INFO[target.network].name;
  const ref = { postId, network: target.network };
  const [open, setOpen] = useState(false);
  const [kit, setKit] = useState<AssistedKit | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [copied, setCopied] = useState<number | null>(null);
  const [folderShown, setFolderShown] = useState<string | null>(null);
  const [link, setLink] = useState('');
  const [linkError, setLinkError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const linkId = useId();
  const errorId = useId();

  const start = async (): Promise<void> => {
    setOpen(true);
    setProblem(null);
    try {
      setKit(await window.spheres.outbox.assistedKit(ref));
    } catch (error) {
      setProblem(errorText(error, i18n, { network: name }));
    }
  };

  const copy = async (text: string, index: number): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(index);
    } catch {
      setCopied(null);
      setProblem(t('outbox.assisted.copyFailed'));
    }
  };

  const openThing = async (what: 'folder' | 'compose'): Promise<void> => {
    try {
      const answer = await window.spheres.outbox.openAssisted({ ...ref, what });
      if (answer.opened) return;
      // The web host opens nothing for the page: the compose page opens here, the folder is named.
      if (what === 'compose') window.open(answer.composeUrl, '_blank', 'noopener,noreferrer');
      else setFolderShown(answer.folder);
    } catch (error) {
      setProblem(errorText(error, i18n, { network: name }));
    }
  };

  const record = async (url: string | null): Promise<void> => {
    setBusy(true);
    setLinkError(null);
    try {
      await window.spheres.outbox.confirmAssisted({ ...ref, url });
      setOpen(false);
    } catch (error) {
      const reason = isSpheresError(error) ? error.details?.['reason'] : undefined;
      const english = i18n.language.startsWith('en');
      setLinkError(!english && isLinkReason(reason) ? t(`outbox.assisted.reasons.${reason}`, { network: name }) : errorText(error, i18n, { network: name }));
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (link.trim() === '') {
      setLinkError(t('outbox.assisted.linkMissing', { network: name }));
      return;
    }
    void record(link);
  };

  if (!open) {
    return (
      <button type="button" className={BUTTON} onClick={() => void start()}>
        {t('outbox.assisted.title', { network: name })}
      </button>
    );
  }
  return (
    <section aria-label={t('outbox.assisted.title', { network: name })} className="mt-1 flex w-full flex-col gap-3 rounded-lg border border-violet-300 bg-violet-50 p-3 dark:border-violet-700 dark:bg-violet-950">
      <h3 className="text-sm font-semibold">{t('outbox.assisted.title', { network: name })}</h3>
      {target.assistedReason === 'no_media_host' && <p className="text-xs">{t('outbox.assisted.noMediaHost', { network: name })}</p>}
      {problem !== null && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {problem}
        </p>
      )}
      {kit === null ? (
        problem === null && <p role="status">{t('outbox.assisted.preparing')}</p>
      ) : (
        <ol className="flex list-decimal flex-col gap-3 pl-5 text-sm">
          <li>
            <div className="flex flex-wrap items-center gap-2">
              {kit.parts.length > 1 ? (
                kit.parts.map((part, index) => (
                  <button key={index} type="button" className={BUTTON} onClick={() => void copy(part, index)}>
                    {t('outbox.assisted.copyPart', { n: index + 1, count: kit.parts.length })}
                  </button>
                ))
              ) : (
                <button type="button" className={BUTTON} onClick={() => void copy(kit.text, 0)}>
                  {t('outbox.assisted.copy')}
                </button>
              )}
              <span role="status" className="text-xs font-medium">
                {copied === null ? '' : kit.parts.length > 1 ? t('outbox.assisted.copiedPart', { n: copied + 1 }) : t('outbox.assisted.copied')}
              </span>
            </div>
          </li>
          {kit.images.length > 0 && (
            <li>
              <div className="flex flex-wrap items-center gap-2">
                <button type="button" className={BUTTON} onClick={() => void openThing('folder')}>
                  {t('outbox.assisted.openFolder')}
                </button>
                {folderShown !== null && <span className="text-xs break-all">{t('outbox.assisted.folderAt', { folder: folderShown })}</span>}
              </div>
              <p className="mt-1 text-xs">{t('outbox.assisted.dragHint', { network: name })}</p>
              <ul aria-label={t('outbox.assisted.images')} className="mt-1 flex flex-wrap gap-2">
                {kit.images.map((image) => (
                  <li key={image.file}>
                    <img src={mediaUrl(image.mediaId)} alt={image.altText === '' ? image.file : image.altText} title={image.file} draggable className="h-16 w-16 cursor-grab rounded object-cover" />
                  </li>
                ))}
              </ul>
            </li>
          )}
          <li>
            <button type="button" className={BUTTON} onClick={() => void openThing('compose')}>
              {t('outbox.assisted.open', { network: name })}
            </button>
          </li>
          <li>
            <form noValidate onSubmit={submit} className="flex flex-col gap-2">
              <p className="font-semibold">{t('outbox.assisted.didYouPost')}</p>
              <label htmlFor={linkId} className="text-xs">
                {t('outbox.assisted.link', { network: name })}
              </label>
              <input
                id={linkId}
                type="url"
                inputMode="url"
                value={link}
                placeholder="https://"
                aria-invalid={linkError !== null}
                aria-describedby={linkError === null ? undefined : errorId}
                onChange={(event) => setLink(event.target.value)}
                className="rounded-lg border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
              />
              {linkError !== null && (
                <p id={errorId} role="alert" className="text-xs text-red-700 dark:text-red-300">
                  {linkError}
                </p>
              )}
              <div className="flex flex-wrap gap-2">
                <button type="submit" disabled={busy} className={PRIMARY}>
                  {t('outbox.assisted.record')}
                </button>
                <button type="button" disabled={busy} className={BUTTON} onClick={() => void record(null)}>
                  {t('outbox.assisted.noLink')}
                </button>
                <button type="button" disabled={busy} className={BUTTON} onClick={() => setOpen(false)}>
                  {t('outbox.assisted.notYet')}
                </button>
              </div>
            </form>
          </li>
        </ol>
      )}
    </section>
  );
}
