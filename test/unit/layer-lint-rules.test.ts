import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
let eslint: ESLint;

/** The import rules' own words ESLint (with the repository's eslint.config.js) gives `code` as if it lived at `filePath`. */
async function importErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}/${filePath}` });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message.replace(/^'[^']*' import is restricted from being used by a pattern\. /, ''));
}

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

describe('the rooms of the renderer, as lint enforces them', () => {
  const ANOTHER = (feature: string) => `A feature does not import another feature (here: ${feature}); move what both use to renderer/src/ui.`;

  it.each([
    ['a feature that imports another feature', "import { openPost } from '../drafts/LibraryView';", 'renderer/src/features/calendar/probe.ts', ANOTHER('calendar')],
    ['it from a folder inside a feature too', "import { TONE_STYLE } from '../../settings/TonePolicySection';", 'renderer/src/features/compose/parts/probe.ts', ANOTHER('compose')],
    [
      'a feature that imports the shell',
      "import { App } from '../../app/App';",
      'renderer/src/features/drafts/probe.ts',
      'A feature does not import the shell (renderer/src/app); shared pieces live in renderer/src/ui.',
    ],
    ['Node inside a feature (the renderer\'s own rule still holds)', "import { readFileSync } from 'node:fs';", 'renderer/src/features/settings/probe.ts', 'The renderer has no Node.'],
    [
      'shared ui that reaches into a feature',
      "import { DraftsScreen } from '../features/drafts/DraftsScreen';",
      'renderer/src/ui/probe.ts',
      'renderer/src/ui is shared by the features: it imports no feature and not the shell.',
    ],
  ])('refuses %s', async (_case, line, filePath, message) => {
    expect(await importErrors(`${line}\nexport const probe = 1;\n`, filePath)).toEqual([message]);
  });

  it('lets a feature import its own files, the shared ui and common', async () => {
    const code = "import { draftOf } from './draft';\nimport { ConfirmDialog } from '../../ui';\nimport { TONES } from '../../../../common/domain';\nexport const all = [draftOf, ConfirmDialog, TONES];\n";
    expect(await importErrors(code, 'renderer/src/features/compose/probe.ts')).toEqual([]);
  });
});

describe('the core, as lint enforces it', () => {
  const message =
    'electron/core runs anywhere Node does: it never imports electron/main, electron/web or the renderer (they get the core, not the reverse).';

  it.each([
    ["import { createMainWindow } from '../../main/window';", 'electron/core/posts/probe.ts'],
    ["import { startWebHost } from '../web/server';", 'electron/core/probe.ts'],
    ["import { App } from '../../../renderer/src/app/App';", 'electron/core/posts/probe.ts'],
  ])('refuses %s', async (line, filePath) => {
    expect(await importErrors(`${line}\nexport const probe = 1;\n`, filePath)).toEqual([message]);
  });

  it('still lets the core import its own parts and common', async () => {
    const code = "import { postMonth } from '../../../common/domain';\nimport { atomicWrite } from '../storage/atomic-file';\nexport const all = [postMonth, atomicWrite];\n";
    expect(await importErrors(code, 'electron/core/posts/probe.ts')).toEqual([]);
  });
});
