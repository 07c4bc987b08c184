import { sessionHeaders } from './session';

/*
 * The renderer shows a stored image as <img src="media/<sha256>">, which the desktop app's app://
 * handler serves. An <img> cannot send the web host's session header, and the web host keeps no
 * cookie, so here each such image is fetched with the header and shown from a blob: URL (the CSP
 * allows img-src blob:). The renderer stays the same for both hosts.
 */

const MEDIA_SRC = /^(?:\.?\/)?media\/([0-9a-f]{64})$/;
const ORIGINAL = 'data-spheres-media';
const blobs = new Map<string, Promise<string | null>>();

function blobUrlOf(mediaId: string): Promise<string | null> {
  let pending = blobs.get(mediaId);
  if (pending === undefined) {
    pending = fetch(`/media/${mediaId}`, { headers: sessionHeaders() })
      .then(async (response) => (response.ok ? URL.createObjectURL(await response.blob()) : null))
      .catch(() => null);
    blobs.set(mediaId, pending);
    // A failure is not remembered: the next time the image is shown it is asked for again.
    void pending.then((url) => (url === null ? blobs.delete(mediaId) : undefined));
  }
  return pending;
}

function adopt(image: HTMLImageElement): void {
  const src = image.getAttribute('src') ?? '';
  const mediaId = MEDIA_SRC.exec(src)?.[1];
  if (mediaId === undefined) return;
  // Removed at once, before the browser fetches it without the header; kept to know it later.
  image.setAttribute(ORIGINAL, mediaId);
  image.removeAttribute('src');
  void blobUrlOf(mediaId).then((url) => {
    // Only if the element still shows that image: React may have moved it on meanwhile.
    if (image.getAttribute(ORIGINAL) !== mediaId || image.hasAttribute('src')) return;
    if (url !== null) image.setAttribute('src', url);
    else image.dispatchEvent(new Event('error'));
  });
}

function adoptWithin(node: Node): void {
  if (node instanceof HTMLImageElement) adopt(node);
  else if (node instanceof Element) node.querySelectorAll('img[src]').forEach((image) => adopt(image as HTMLImageElement));
}

export function showStoredImagesWithSession(): void {
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes') adoptWithin(record.target);
      else record.addedNodes.forEach(adoptWithin);
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['src'] });
  adoptWithin(document.documentElement);
}
