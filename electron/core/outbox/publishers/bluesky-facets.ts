import type * as AtprotoApi from '@atproto/api';

export interface PostText {
  text: string;
  facets: AtprotoApi.AppBskyRichtextFacet.Main[];
  /** The first link in the text, as its facet names it: what a link card is made for. */
  firstLink: string | null;
}

/**
 * Links, hashtags and mentions of a post with UTF-8 byte offsets (RichText finds them as the
 * Bluesky app does). Each mention's handle is resolved to its DID here rather than by
 * RichText.detectFacets, which leaves an unresolvable mention as a facet with an empty DID (a record
 * the PDS refuses) and treats a server failure like an unknown handle. Here a handle the server does
 * not know stays plain text; any other failure fails the attempt, which is retried, so a mention is
 * never dropped because of a passing outage.
 * https://docs.bsky.app/docs/advanced-guides/post-richtext
 */
export async function postText(api: typeof AtprotoApi, agent: AtprotoApi.Agent, text: string): Promise<PostText> {
  const rich = new api.RichText({ text });
  rich.detectFacetsWithoutResolution();
  const detected = rich.facets ?? [];
  const resolved = new Map<string, Promise<string | null>>();
  const didOf = (handle: string) => {
    const key = handle.toLowerCase();
    let did = resolved.get(key);
    if (did === undefined) {
      did = resolveHandle(api, agent, handle);
      resolved.set(key, did);
    }
    return did;
  };
  const facets: AtprotoApi.AppBskyRichtextFacet.Main[] = [];
  for (const facet of detected) {
    const features: AtprotoApi.AppBskyRichtextFacet.Main['features'] = [];
    for (const feature of facet.features) {
      if (api.AppBskyRichtextFacet.isMention(feature)) {
        // Before resolution RichText keeps the handle where the DID goes.
        const did = await didOf(feature.did);
        if (did !== null) features.push({ ...feature, did });
      } else {
        features.push(feature);
      }
    }
    if (features.length > 0) facets.push({ ...facet, features });
  }
  // RichText finds mentions, then links, then tags; readers expect them in the order of the text.
  facets.sort((a, b) => a.index.byteStart - b.index.byteStart);
  const link = facets.flatMap((facet) => facet.features).find((feature) => api.AppBskyRichtextFacet.isLink(feature));
  return { text: rich.text, facets, firstLink: link !== undefined && api.AppBskyRichtextFacet.isLink(link) ? link.uri : null };
}

/** The DID of a handle; null when the server says it knows no such handle (HandleNotFound, or 400 "Unable to resolve handle"). */
async function resolveHandle(api: typeof AtprotoApi, agent: AtprotoApi.Agent, handle: string): Promise<string | null> {
  try {
    return (await agent.com.atproto.identity.resolveHandle({ handle })).data.did;
  } catch (error) {
    if (error instanceof api.ComAtprotoIdentityResolveHandle.HandleNotFoundError) return null;
    if (error instanceof api.XRPCError && error.status === 400) return null;
    throw error;
  }
}
