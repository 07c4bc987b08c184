import { Fragment } from 'react';
import type { NetworkIdValue } from '../../../common/domain';
import { NETWORK_INFO } from '../../../common/networks';

/** Each network's mark as letters: the CSP allows no icon fonts, and letters stay legible at 10 px. */
export const NETWORK_MARK: Readonly<Record<NetworkIdValue, string>> = {
  x: 'X',
  bluesky: 'Bs',
  mastodon: 'M',
  threads: '@',
  linkedin: 'in',
  instagram: 'IG',
  facebook: 'f',
};

/**
 * The networks of a post's targets as small marks. Where a name already says the networks in
 * full they are decorative; inside a chip each is an image named by its network ("Bs" reads
 * "Bluesky"), with the name on hover too, so the chip's name need not list the networks again.
 */
export function NetworkMarks({ networks, className = '', decorative = true }: Readonly<{ networks: readonly NetworkIdValue[]; className?: string; decorative?: boolean }>) {
  if (networks.length === 0) return null;
  return (
    <span aria-hidden={decorative || undefined} className={`inline-flex shrink-0 gap-0.5 ${className}`}>
      {/* The spaces between marks are for screen readers; a flex container does not draw them. */}
      {networks.map((network, index) => (
        <Fragment key={network}>
          {index > 0 && ' '}
          <span
            data-network={network}
            {...(decorative ? {} : { role: 'img', 'aria-label': NETWORK_INFO[network].name, title: NETWORK_INFO[network].name })}
            className="rounded-sm border border-current px-0.5 text-[10px] leading-3 font-semibold"
          >
            {NETWORK_MARK[network]}
          </span>
        </Fragment>
      ))}
    </span>
  );
}

/** A post's networks, each once, in the order of its targets. */
export function networksOf(post: { readonly targets: readonly { readonly network: NetworkIdValue }[] }): NetworkIdValue[] {
  return [...new Set(post.targets.map((target) => target.network))];
}
