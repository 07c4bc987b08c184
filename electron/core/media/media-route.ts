import { identifyImage } from './image-kind';
import type { MediaLibrary } from './media-library';

const MEDIA_PATH = /^\/media\/([0-9a-f]{64})$/;

/**
 * Both hosts serve the library's images at /media/<sha256>, so the renderer shows a stored image
 * with a same-origin URL (the CSP allows img-src 'self') and never touches the file system.
 * Returns null for other paths and for anything under an id that is not a verified image: missing,
 * not a regular file (a link, a FIFO), too large, too slow, not matching its id, or not an image.
 * readRendererFile never answers for /media/, so both hosts turn that null into a 404.
 */
export async function readMediaForUrl(
  library: MediaLibrary,
  pathname: string,
): Promise<{ body: Buffer; contentType: string } | null> {
  const match = MEDIA_PATH.exec(pathname);
  if (match?.[1] === undefined) return null;
  try {
    const body = await library.read(match[1]);
    return { body, contentType: (await identifyImage(body, match[1])).mime };
  } catch {
    return null;
  }
}
