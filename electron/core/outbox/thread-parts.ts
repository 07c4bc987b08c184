import type { NetworkIdValue } from '../../../common/domain';
import { analyze } from '../../../common/networks';

/**
 * The texts a post goes out as on one network, split exactly as the composer showed them: the
 * same analysis, so what the person previewed is what is posted.
 */
export function threadParts(text: string, network: NetworkIdValue, options: { numbering: boolean }): string[] {
  return analyze(text, network, { thread: { numbering: options.numbering } }).parts.map((part) => part.text);
}
