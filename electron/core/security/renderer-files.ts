import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export interface RendererFile {
  body: Buffer;
  contentType: string;
}

/**
 * Resolves a URL path to a file of the built renderer, or null. Paths that escape the folder
 * (`..`, encoded slashes, absolute paths, NUL) are refused rather than normalised. Paths without
 * an extension fall back to index.html so a reload keeps its place, except under /media/.
 */
export async function readRendererFile(rootDir: string, urlPath: string): Promise<RendererFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((segment) => segment.length > 0);
  if (segments.some((segment) => segment === '..' || segment === '.')) return null;
  // The media library's addresses: an image that cannot be served is a 404, never the app's page.
  if (segments[0] === 'media') return null;
  const root = path.resolve(rootDir);
  let filePath = path.join(root, ...segments);
  if (filePath !== root && !filePath.startsWith(root + path.sep)) return null;
  const extension = path.extname(filePath);
  if (segments.length === 0 || extension === '') filePath = path.join(root, 'index.html');
  const contentType = CONTENT_TYPES[path.extname(filePath)];
  if (contentType === undefined) return null;
  try {
    const info = await stat(filePath);
    if (!info.isFile()) return null;
    return { body: await readFile(filePath), contentType };
  } catch {
    return null;
  }
}
