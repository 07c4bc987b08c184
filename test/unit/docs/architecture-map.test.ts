import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * docs/ARCHITECTURE.md is a map a newcomer trusts. A file renamed or moved without the map is a
 * map that lies, so every repository path it names is checked here. Convention (stated in the
 * document): a repository path is written in backticks from the repository root, a folder with a
 * trailing slash; paths inside the data folder start with `<data>/` and fenced blocks are
 * illustrations, so neither is checked.
 */

const root = path.resolve(import.meta.dirname, '../../..');
const MAP = 'docs/ARCHITECTURE.md';

/** Inline code spans outside fenced blocks. */
function codeSpans(markdown: string): string[] {
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, '');
  return [...prose.matchAll(/`([^`\n]+)`/g)].map((match) => match[1]!);
}

/** A span that reads as a path in the repository: segments joined by '/', ending in an extension or '/'. */
function isRepoPath(span: string): boolean {
  if (!/^[\w.@-]+(\/[\w.@-]+)*\/?$/.test(span) || !span.includes('/')) return false;
  return span.endsWith('/') || /\.[a-z0-9]+$/i.test(span.split('/').at(-1)!);
}

function repoPathsIn(markdown: string): string[] {
  return [...new Set(codeSpans(markdown).filter(isRepoPath))];
}

/** Relative targets of Markdown links and images, resolved from the document's folder. */
function linkTargets(markdown: string): string[] {
  return [...markdown.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)]
    .map((match) => match[1]!)
    .filter((target) => !/^[a-z]+:/i.test(target) && !target.startsWith('#'))
    .map((target) => path.join(path.dirname(MAP), target.split('#')[0]!));
}

describe('the architecture map (docs/ARCHITECTURE.md)', () => {
  const markdown = readFileSync(path.join(root, MAP), 'utf8');

  it('names only paths that exist, folders as folders', () => {
    const paths = repoPathsIn(markdown);
    // The map names dozens of files; finding few means the extraction broke, not that all is well.
    expect(paths.length).toBeGreaterThan(40);
    const missing = paths.filter((name) => !existsSync(path.join(root, name)));
    expect(missing, `${MAP} names paths that do not exist`).toEqual([]);
    const notFolders = paths.filter((name) => name.endsWith('/') && !statSync(path.join(root, name)).isDirectory());
    expect(notFolders, `${MAP} names these as folders (trailing /) but they are files`).toEqual([]);
  });

  it('reads a path in backticks as a repository path, and leaves data-folder paths, URLs and code alone', () => {
    expect(repoPathsIn('`common/api/contract.ts` `test/unit/` `electron/main/`')).toEqual(['common/api/contract.ts', 'test/unit/', 'electron/main/']);
    expect(repoPathsIn('`<data>/posts/index.json` `app://spheres/` `/api/call/<method>` `window.spheres.on(event)` `settings.json`')).toEqual([]);
    expect(repoPathsIn('```\ncommon/missing.ts\n```\n`common/kept.ts`')).toEqual(['common/kept.ts']);
  });

  it('links only to files that exist, the picture included', () => {
    const targets = linkTargets(markdown);
    expect(targets).toContain(path.join('docs', 'architecture.svg'));
    expect(targets.filter((target) => !existsSync(path.join(root, target)))).toEqual([]);
  });

  it('draws its picture with nothing fetched from elsewhere (no external fonts, images or styles)', () => {
    const svg = readFileSync(path.join(root, 'docs/architecture.svg'), 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).not.toMatch(/@import|@font-face|url\(\s*['"]?https?:|(?:xlink:)?href="(?!#)/);
  });

  it('is linked from the README', () => {
    expect(readFileSync(path.join(root, 'README.md'), 'utf8')).toContain('(docs/ARCHITECTURE.md)');
  });
});
