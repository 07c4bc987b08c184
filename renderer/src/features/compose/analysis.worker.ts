import { createAnalyzer } from '../../../../common/networks';
import { analyzeDraft, type DraftTexts } from './analyze-draft';

/**
 * Long texts (a pasted megabyte) are analysed here, off the UI thread, so typing never waits for
 * the counting. The worker keeps its own memoizing analyzer between messages.
 */
const analyzer = createAnalyzer();
const scope = globalThis as unknown as {
  addEventListener(type: 'message', listener: (event: MessageEvent<{ seq: number; draft: DraftTexts }>) => void): void;
  postMessage(message: unknown): void;
};

scope.addEventListener('message', (event) => {
  const { seq, draft } = event.data;
  scope.postMessage({ seq, analyses: analyzeDraft(analyzer, draft) });
});
