import { useEffect, useMemo, useRef, useState } from 'react';
import { createAnalyzer } from '../../../../common/networks';
import { analyzeDraft, draftSize, type Analyses, type DraftTexts } from './analyze-draft';

/**
 * Up to this many characters the composer analyses on the UI thread (a 3,000-character post takes
 * about 0.1 ms after an edit); longer texts go to a worker so the UI stays responsive.
 */
export const SYNC_ANALYSIS_LIMIT = 20_000;

/** The analyses of the draft, and whether a newer one is still being worked out. */
export function useAnalyses(draft: DraftTexts): { analyses: Analyses; checking: boolean } {
  const [analyzer] = useState(createAnalyzer);
  const large = draftSize(draft) > SYNC_ANALYSIS_LIMIT && typeof Worker !== 'undefined';
  const sync = useMemo(() => (large ? null : analyzeDraft(analyzer, draft)), [analyzer, draft, large]);

  const worker = useRef<Worker | null>(null);
  const seq = useRef(0);
  const [fromWorker, setFromWorker] = useState<{ seq: number; analyses: Analyses } | null>(null);
  const [asked, setAsked] = useState(0);

  useEffect(() => () => worker.current?.terminate(), []);

  useEffect(() => {
    if (!large) return;
    if (worker.current === null) {
      worker.current = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' });
      worker.current.addEventListener('message', (event: MessageEvent<{ seq: number; analyses: Analyses }>) => {
        // Only the newest answer counts; older ones arrive late and are dropped.
        if (event.data.seq === seq.current) setFromWorker(event.data);
      });
    }
    seq.current += 1;
    setAsked(seq.current);
    worker.current.postMessage({ seq: seq.current, draft });
  }, [draft, large]);

  if (sync !== null) return { analyses: sync, checking: false };
  // While the first answer for a long text is on its way, the networks show nothing rather than stale numbers.
  return { analyses: fromWorker?.analyses ?? {}, checking: fromWorker === null || fromWorker.seq !== asked };
}
