import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { isSpheresError } from '../../../../common/api';
import type { EditableField, GuardrailConfirmation, OutboxEntry, Post, PostStatus } from '../../../../common/domain';
import { emptyDraft, networksOfTargets, type ComposerDraft, type ComposerImage, type DraftAction } from './draft';
import { errorText, holdUnsavedWork, mediaUrl, readFileAsBase64 } from '../../ui';
import { createAutosaveTimer } from './autosave-timer';

/** Autosave writes this long after the last edit (a pause in typing)... */
export const AUTOSAVE_DELAY_MS = 300;
/**
 * ...and, while the typing never pauses, this long after the first unsaved edit: a save then
 * reaches the disk within a second of any keystroke, its round trip included.
 */
export const AUTOSAVE_MAX_WAIT_MS = 800;

export type SaveView = { state: 'idle' } | { state: 'saving' } | { state: 'saved' } | { state: 'failed'; message: string };

/** The composer owns every editable field, so its autosave names them all: a field added to EDITABLE_FIELDS must be set here. */
type ComposerPatch = { id: string } & Pick<Post, EditableField>;

/** What the store keeps of the composer's state; images not yet in the library are left out. */
export function patchOf(draft: ComposerDraft): ComposerPatch {
  return {
    id: draft.id,
    tone: draft.tone,
    text: draft.text,
    overrides: draft.overrides,
    overrideBases: draft.overrideBases,
    targets: draft.targets.map((target) => ({
      network: target.network,
      ...(target.accountId === undefined ? {} : { accountId: target.accountId }),
      // "Post it myself": kept, or the outbox would ask for an account the person chose to do without.
      ...(target.assisted === true ? { assisted: true as const } : {}),
    })),
    media: draft.images.flatMap((image) =>
      image.mediaId === undefined
        ? []
        : [{ mediaId: image.mediaId, mime: image.mime, bytes: image.bytes, width: image.width, height: image.height, altText: image.altText }],
    ),
    contentWarning: draft.contentWarning,
    threadNumbering: draft.threadNumbering,
    planned: draft.planned,
  };
}

export function draftOf(post: Post): ComposerDraft {
  return {
    id: post.id,
    tone: post.tone,
    text: post.text,
    overrides: post.overrides,
    overrideBases: post.overrideBases ?? {},
    targets: networksOfTargets(post.targets).flatMap((network) => post.targets.filter((target) => target.network === network)),
    networks: networksOfTargets(post.targets),
    images: post.media.map((media) => ({
      key: media.mediaId,
      name: media.mediaId.slice(0, 8),
      mime: media.mime,
      bytes: media.bytes,
      width: media.width,
      height: media.height,
      previewUrl: mediaUrl(media.mediaId),
      altText: media.altText,
      mediaId: media.mediaId,
    })),
    contentWarning: post.contentWarning,
    threadNumbering: post.threadNumbering,
    planned: post.planned,
  };
}

export type SendWhen = 'now' | 'planned';
export type SendOutcome = { ok: true; entry: OutboxEntry } | { ok: false; error: unknown };

export interface DraftPersistence {
  status: SaveView;
  /** Writes now instead of waiting for the autosave (Ctrl+S). */
  saveNow(): Promise<boolean>;
  /**
   * Saves, then hands the post to the outbox, to go now or at its planned time; on success the
   * composer starts a new draft. A refusal (no account, the tone policy) comes back to be shown;
   * a failed save is shown by the save status and comes back as `error: null`.
   */
  send(when: SendWhen, confirmed?: GuardrailConfirmation): Promise<SendOutcome>;
  /** Copies picked images into the media library. */
  storeImages(images: readonly ComposerImage[]): void;
  /** Replaces an image by a copy without its GPS location. */
  stripLocation(image: ComposerImage): void;
  /** Moves the draft to the trash (kept 30 days) and starts a new one; resolves to the trashed id. */
  discard(): Promise<string | null>;
  /** Undo of discard: brings the trashed draft back into the composer. */
  restore(id: string): Promise<boolean>;
  /**
   * The status of an opened post that is in the outbox or published (its words are what goes or
   * went out: it is shown, never saved); null for a draft.
   */
  locked: PostStatus | null;
}

/** Statuses whose posts the composer may change (the core holds the same rule). */
const EDITABLE_STATUSES: ReadonlySet<PostStatus> = new Set(['draft', 'queued']);

/**
 * Keeps the composer's draft on disk: reopens the last draft, saves as the user types (debounced,
 * one save at a time, the newest state always wins) and reports honestly whether it is saved.
 */
export function useDraftPersistence(
  draft: ComposerDraft,
  dispatch: Dispatch<DraftAction>,
  /** A post to open (from the calendar); otherwise the last draft reopens. */
  openId: string | null,
): DraftPersistence {
  const [status, setShownStatus] = useState<SaveView>({ state: 'idle' });
  const [locked, setLocked] = useState<PostStatus | null>(null);
  const lockedRef = useRef<PostStatus | null>(null);
  const lock = useCallback((post: Post | null): void => {
    const next = post !== null && !EDITABLE_STATUSES.has(post.status) ? post.status : null;
    lockedRef.current = next;
    setLocked(next);
  }, []);
  // A save still on its way when the composer goes (left, or torn down) writes, but shows nothing.
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const setStatus = useCallback((next: SetStateAction<SaveView>): void => {
    if (mounted.current) setShownStatus(next);
  }, []);
  const dispatchIfShown = useCallback(
    (action: DraftAction): void => {
      if (mounted.current) dispatch(action);
    },
    [dispatch],
  );
  // The error sentences follow the app's language; read through a ref so a language change does not restart the autosave.
  const { i18n } = useTranslation();
  const words = useRef(i18n);
  useLayoutEffect(() => {
    words.current = i18n;
  }, [i18n]);
  const latest = useRef(draft);
  useLayoutEffect(() => {
    latest.current = draft;
  }, [draft]);
  const lastSaved = useRef<string | null>(null);
  const ready = useRef(false);
  const chain = useRef<Promise<boolean>>(Promise.resolve(true));

  const writeLatest = useCallback((): Promise<boolean> => {
    const run = async (): Promise<boolean> => {
      const patch = patchOf(latest.current);
      const serialized = JSON.stringify(patch);
      if (serialized === lastSaved.current) return true;
      setStatus({ state: 'saving' });
      try {
        await window.spheres.posts.saveDraft(patch);
        lastSaved.current = serialized;
        setStatus(JSON.stringify(patchOf(latest.current)) === serialized ? { state: 'saved' } : { state: 'saving' });
        return true;
      } catch (error) {
        setStatus({ state: 'failed', message: errorText(error, words.current) });
        return false;
      }
    };
    chain.current = chain.current.then(run, run);
    return chain.current;
  }, [setStatus]);

  const [timer] = useState(() => createAutosaveTimer({ delayMs: AUTOSAVE_DELAY_MS, maxWaitMs: AUTOSAVE_MAX_WAIT_MS }));

  /**
   * For a page going away: the save must start within the pagehide event, not after a save still
   * under way (by then the page is gone). The web bridge sends it with keepalive.
   */
  const sendBeforeLeaving = useCallback((): void => {
    timer.cancel();
    if (!ready.current) return;
    const patch = patchOf(latest.current);
    const serialized = JSON.stringify(patch);
    if (serialized === lastSaved.current) return;
    setStatus({ state: 'saving' });
    window.spheres.posts.saveDraft(patch).then(
      () => {
        lastSaved.current = serialized;
        if (JSON.stringify(patchOf(latest.current)) === serialized) setStatus({ state: 'saved' });
      },
      (error: unknown) => setStatus({ state: 'failed', message: errorText(error, words.current) }),
    );
  }, [timer, setStatus]);

  // Open the post asked for, or reopen the draft the user was last writing.
  useEffect(() => {
    let live = true;
    // Whatever was typed into the draft being left is written before the next one opens.
    if (timer.cancel()) void writeLatest();
    ready.current = false;
    const before = JSON.stringify(patchOf(latest.current));
    const opening = openId === null ? window.spheres.posts.lastDraft() : window.spheres.posts.get({ id: openId });
    opening.then(
      (post) => {
        if (!live) return;
        ready.current = true;
        // Typing that started before the draft arrived wins: it is saved, never overwritten.
        if (JSON.stringify(patchOf(latest.current)) !== before) {
          void writeLatest();
          return;
        }
        lock(post);
        if (post !== null) {
          const reopened = draftOf(post);
          lastSaved.current = JSON.stringify(patchOf(reopened));
          dispatch({ type: 'load', draft: reopened });
          setStatus({ state: 'saved' });
        }
      },
      (error: unknown) => {
        ready.current = true;
        if (!live) return;
        // New post opens an id no post has yet: it starts there as an empty draft, saved once typed into.
        if (openId !== null && isSpheresError(error) && error.code === 'not_found' && JSON.stringify(patchOf(latest.current)) === before) {
          const fresh = emptyDraft(openId);
          lock(null);
          lastSaved.current = JSON.stringify(patchOf(fresh));
          dispatch({ type: 'load', draft: fresh });
          setStatus({ state: 'idle' });
          return;
        }
        setStatus({ state: 'failed', message: errorText(error, words.current) });
      },
    );
    return () => {
      live = false;
    };
  }, [dispatch, openId, writeLatest, timer, setStatus, lock]);

  // Autosave: AUTOSAVE_DELAY_MS after the last edit, at most AUTOSAVE_MAX_WAIT_MS after the first.
  useEffect(() => {
    if (!ready.current || lockedRef.current !== null) return;
    if (JSON.stringify(patchOf(draft)) === lastSaved.current) return;
    timer.touch(() => void writeLatest());
  }, [draft, timer, writeLatest]);

  // A reload, a closed tab or a hidden window (which the system may kill) writes what is pending.
  useEffect(() => {
    const onVisibility = (): void => {
      if (document.visibilityState === 'hidden') sendBeforeLeaving();
    };
    window.addEventListener('pagehide', sendBeforeLeaving);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', sendBeforeLeaving);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [sendBeforeLeaving]);

  // A background retry in the core may succeed after a failure: believe the core.
  useEffect(
    () =>
      window.spheres.on('posts.saveStatus', (core) => {
        // "saved" from the core means nothing is left unsaved, including this draft.
        if (core.state === 'saved') setStatus((current) => (current.state === 'failed' ? { state: 'saved' } : current));
      }),
    [setStatus],
  );

  // Leaving the composer flushes what is pending rather than dropping it.
  useEffect(
    () => () => {
      if (timer.cancel()) void writeLatest();
    },
    [writeLatest, timer],
  );

  const saveNow = useCallback(() => {
    timer.cancel();
    return writeLatest();
  }, [writeLatest, timer]);

  // The desktop window asks before it closes or the app quits: answer once this draft is on disk.
  useEffect(() => holdUnsavedWork(saveNow), [saveNow]);

  const stripLocation = useCallback(
    (image: ComposerImage) => {
      if (image.mediaId === undefined) return;
      window.spheres.media.stripLocation({ mediaId: image.mediaId }).then(
        (stripped) => dispatchIfShown({ type: 'imageStored', key: image.key, ...stripped }),
        (error: unknown) => dispatchIfShown({ type: 'imageFailed', key: image.key, message: errorText(error, words.current) }),
      );
    },
    [dispatchIfShown],
  );

  const startFresh = useCallback(() => {
    lock(null);
    const next = emptyDraft(crypto.randomUUID());
    lastSaved.current = JSON.stringify(patchOf(next));
    dispatch({ type: 'load', draft: next });
  }, [dispatch, lock]);

  const send = useCallback(
    async (when: SendWhen, confirmed?: GuardrailConfirmation): Promise<SendOutcome> => {
      if (!(await saveNow())) return { ok: false, error: null };
      const ref = { id: latest.current.id, ...(confirmed === undefined ? {} : { confirmed }) };
      try {
        const entry = await (when === 'now' ? window.spheres.outbox.postNow(ref) : window.spheres.outbox.schedule(ref));
        // Only if the person has not moved on meanwhile: a draft opened since is theirs to keep.
        if (latest.current.id === ref.id) startFresh();
        return { ok: true, entry };
      } catch (error) {
        return { ok: false, error };
      }
    },
    [saveNow, startFresh],
  );

  const storeImages = useCallback(
    (images: readonly ComposerImage[]) => {
      for (const image of images) {
        if (image.file === undefined) continue;
        const file = image.file;
        void readFileAsBase64(file)
          .then((dataBase64) => window.spheres.media.import({ name: file.name, dataBase64 }))
          .then(
            (stored) => dispatchIfShown({ type: 'imageStored', key: image.key, ...stored }),
            (error: unknown) => dispatchIfShown({ type: 'imageFailed', key: image.key, message: errorText(error, words.current) }),
          );
      }
    },
    [dispatchIfShown],
  );

  const discard = useCallback(async () => {
    timer.cancel();
    await chain.current;
    const id = latest.current.id;
    try {
      // A draft never saved has nothing on disk to trash: clearing the composer is enough.
      if (lastSaved.current !== null && JSON.stringify(patchOf(emptyDraft(id))) !== lastSaved.current) {
        await window.spheres.posts.delete({ id });
      }
      startFresh();
      return id;
    } catch (error) {
      setStatus({ state: 'failed', message: errorText(error, words.current) });
      return null;
    }
  }, [startFresh, timer, setStatus]);

  const restore = useCallback(
    async (id: string) => {
      try {
        const post = await window.spheres.posts.restore({ id });
        const reopened = draftOf(post);
        lock(post);
        lastSaved.current = JSON.stringify(patchOf(reopened));
        dispatch({ type: 'load', draft: reopened });
        setStatus({ state: 'saved' });
        return true;
      } catch (error) {
        setStatus({ state: 'failed', message: errorText(error, words.current) });
        return false;
      }
    },
    [dispatch, setStatus, lock],
  );

  return useMemo(
    () => ({ status, saveNow, send, storeImages, stripLocation, discard, restore, locked }),
    [status, saveNow, send, storeImages, stripLocation, discard, restore, locked],
  );
}
