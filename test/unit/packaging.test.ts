import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';

/*
 * Installers cannot be built here (no Electron download), so the packaging config is proven by
 * validation: the electron-builder schema, electron-builder's own validator, the security-relevant
 * settings, the entitlements, the icon files and the CI workflow that builds the installers.
 */

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string): Buffer => readFileSync(path.join(root, file));
const readText = (file: string): string => readFileSync(path.join(root, file), 'utf8');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function asObject(value: Json | undefined, what: string): JsonObject {
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`${what} is not an object`);
  }
  return value;
}

function loadBuilderConfig(): JsonObject {
  return asObject(parseYaml(readText('electron-builder.yml')) as Json, 'electron-builder.yml');
}

/** Ajv for app-builder-lib's scheme.json: draft-07, strict, with the schema's one custom keyword. */
function compileBuilderSchema(): ValidateFunction {
  const schema = JSON.parse(readText('node_modules/app-builder-lib/scheme.json')) as Record<string, unknown>;
  // The schema uses union types (`"type": ["null", "string"]`) and a non-standard keyword
  // `typeof: "function"` for hook options that may be functions in a JS config. It declares no
  // `format`s. Everything else stays strict, and types are not coerced (electron-builder's own
  // validator coerces, so it would accept `oneClick: "false"`).
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  ajv.addKeyword({
    keyword: 'typeof',
    schemaType: 'string',
    errors: false,
    validate: (expected: string, data: unknown) => typeof data === expected,
  });
  return ajv.compile(schema);
}

function formatErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .map((error) => {
      const extra = (error.params as { additionalProperty?: string }).additionalProperty;
      return `${error.instancePath || '/'} ${error.message ?? ''}${extra === undefined ? '' : `: "${extra}"`}`;
    })
    .join('\n');
}

/** electron-builder's own check (what `electron-builder` runs first); it only reads scheme.json. */
async function electronBuilderValidates(config: JsonObject): Promise<void> {
  const quietLogger = { isEnabled: false, add: () => undefined } as unknown as Parameters<typeof validateConfiguration>[1];
  await validateConfiguration(config as unknown as Parameters<typeof validateConfiguration>[0], quietLogger);
}

describe('electron-builder.yml', () => {
  let config: JsonObject;
  let validate: ValidateFunction;

  beforeAll(() => {
    config = loadBuilderConfig();
    validate = compileBuilderSchema();
  });

  it('is valid against app-builder-lib/scheme.json (strict ajv, draft-07)', () => {
    const valid = validate(config);
    expect(formatErrors(validate.errors)).toBe('');
    expect(valid).toBe(true);
  });

  it("passes electron-builder's own configuration validator", async () => {
    await expect(electronBuilderValidates(config)).resolves.toBeUndefined();
  });

  it('rejects a misspelled key (nsis.oneClik) with an error that names it', async () => {
    const typo = structuredClone(config);
    asObject(typo.nsis, 'nsis').oneClik = false;

    expect(validate(typo)).toBe(false);
    const additional = (validate.errors ?? []).filter((error) => error.keyword === 'additionalProperties');
    expect(additional.map((error) => [error.instancePath, error.params])).toContainEqual(['/nsis', { additionalProperty: 'oneClik' }]);
    expect(formatErrors(validate.errors)).toContain('"oneClik"');

    // electron-builder rejects it too, but its own message (26.17) only says
    // "configuration.nsis should be one of these: null", without the key: hence this test.
    await expect(electronBuilderValidates(typo)).rejects.toThrow(/configuration\.nsis/);
  });

  it('identifies the app and writes installers to dist with resources from assets', () => {
    expect(config.appId).toBe('app.spheres.desktop');
    expect(config.productName).toBe('Spheres');
    expect(config.directories).toEqual({ output: 'dist', buildResources: 'assets' });
  });

  it('packs only the build output and package.json into an asar, native addons unpacked', () => {
    expect(config.files).toEqual(['out/**', '!out/types{,/**/*}', 'package.json']);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.npmRebuild).toBe(true);
    // The entry point must be inside what is packed.
    const pkg = JSON.parse(readText('package.json')) as { main?: string };
    expect(pkg.main).toMatch(/^out\//);
  });

  it('flips the Electron fuses that close the Node and debugging back doors', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds a per-user, assisted NSIS installer for x64 and arm64', () => {
    const win = asObject(config.win, 'win');
    expect(win.target).toEqual([{ target: 'nsis', arch: ['x64', 'arm64'] }]);
    expect(win.icon).toBe('assets/icon.ico');
    const nsis = asObject(config.nsis, 'nsis');
    expect(nsis.oneClick).toBe(false);
    expect(nsis.perMachine).toBe(false);
    expect(nsis.allowToChangeInstallationDirectory).toBe(true);
  });

  it('builds a hardened, notarizable dmg and zip for x64 and arm64', () => {
    const mac = asObject(config.mac, 'mac');
    expect(mac.target).toEqual([
      { target: 'dmg', arch: ['x64', 'arm64'] },
      { target: 'zip', arch: ['x64', 'arm64'] },
    ]);
    expect(mac.category).toBe('public.app-category.social-networking');
    expect(mac.icon).toBe('assets/icon.icns');
    expect(mac.hardenedRuntime).toBe(true);
    expect(mac.gatekeeperAssess).toBe(false);
    expect(mac.entitlements).toBe('assets/entitlements.mac.plist');
    expect(mac.entitlementsInherit).toBe('assets/entitlements.mac.plist');
    expect(mac.notarize).toBe(true);
  });

  it('builds an AppImage for Linux developers', () => {
    const linux = asObject(config.linux, 'linux');
    expect(linux.target).toEqual(['AppImage']);
    expect(linux.icon).toBe('assets/icons');
  });

  it('publishes to GitHub releases for electron-updater', () => {
    expect(config.publish).toEqual([{ provider: 'github', owner: 'spheres-app', repo: 'spheres', releaseType: 'draft' }]);
  });

  it('points only at files that exist', () => {
    const mac = asObject(config.mac, 'mac');
    const win = asObject(config.win, 'win');
    const linux = asObject(config.linux, 'linux');
    for (const file of [mac.entitlements, mac.entitlementsInherit, mac.icon, win.icon, linux.icon]) {
      expect(typeof file === 'string' && existsSync(path.join(root, file)), String(file)).toBe(true);
    }
  });
});

/* A plist parser for the XML subset entitlements use: dict, key, true, false, string, integer, array. */
type PlistValue = boolean | string | number | PlistValue[] | { [key: string]: PlistValue };

function parsePlist(xml: string): PlistValue {
  const body = xml
    .replace(/^\uFEFF?\s*<\?xml[^>]*\?>/, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<!DOCTYPE[^>]*>/, '');
  const tokens = [...body.matchAll(/<(\/?)([A-Za-z]+)((?:\s+[\w-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g)]
    .map((m) => (m[5] === undefined ? { close: m[1] === '/', tag: m[2] ?? '', selfClosing: m[4] === '/', text: '' } : { close: false, tag: '#text', selfClosing: false, text: m[5] }))
    .filter((t) => t.tag !== '#text' || t.text.trim() !== '');
  let at = 0;
  const next = () => {
    const token = tokens[at++];
    if (token === undefined) throw new Error('plist: unexpected end');
    return token;
  };
  const expectClose = (tag: string): void => {
    const token = next();
    if (!token.close || token.tag !== tag) throw new Error(`plist: expected </${tag}>`);
  };
  const text = (tag: string): string => {
    const token = tokens[at];
    const value = token !== undefined && token.tag === '#text' ? (at++, token.text) : '';
    expectClose(tag);
    return value;
  };
  const value = (): PlistValue => {
    const token = next();
    if (token.close || token.tag === '#text') throw new Error(`plist: unexpected ${token.text || `</${token.tag}>`}`);
    switch (token.tag) {
      case 'true':
      case 'false':
        if (!token.selfClosing) expectClose(token.tag);
        return token.tag === 'true';
      case 'string':
        return token.selfClosing ? '' : text('string');
      case 'integer': {
        const raw = text('integer').trim();
        if (!/^-?\d+$/.test(raw)) throw new Error(`plist: bad integer ${raw}`);
        return Number(raw);
      }
      case 'array': {
        const items: PlistValue[] = [];
        if (token.selfClosing) return items;
        while (!(tokens[at]?.close && tokens[at]?.tag === 'array')) items.push(value());
        expectClose('array');
        return items;
      }
      case 'dict': {
        const dict: { [key: string]: PlistValue } = {};
        if (token.selfClosing) return dict;
        while (!(tokens[at]?.close && tokens[at]?.tag === 'dict')) {
          const key = next();
          if (key.tag !== 'key' || key.close) throw new Error('plist: expected <key>');
          const name = text('key');
          if (name in dict) throw new Error(`plist: duplicate key ${name}`);
          dict[name] = value();
        }
        expectClose('dict');
        return dict;
      }
      default:
        throw new Error(`plist: unsupported <${token.tag}>`);
    }
  };
  const open = next();
  if (open.tag !== 'plist' || open.close || !/version="1\.0"/.test(xml)) throw new Error('plist: expected <plist version="1.0">');
  const result = value();
  expectClose('plist');
  if (at !== tokens.length) throw new Error('plist: trailing content');
  return result;
}

describe('assets/entitlements.mac.plist', () => {
  it('parses as a plist whose only entitlement is the JIT that V8 needs under the hardened runtime', () => {
    const entitlements = parsePlist(readText('assets/entitlements.mac.plist'));
    expect(entitlements).toEqual({ 'com.apple.security.cs.allow-jit': true });
  });

  it('grants none of the broad hardened-runtime exceptions', () => {
    const text = readText('assets/entitlements.mac.plist').replace(/<!--[\s\S]*?-->/g, '');
    for (const risky of [
      'com.apple.security.cs.allow-unsigned-executable-memory',
      'com.apple.security.cs.disable-library-validation',
      'com.apple.security.cs.allow-dyld-environment-variables',
      'com.apple.security.cs.disable-executable-page-protection',
      'com.apple.security.get-task-allow',
    ]) {
      expect(text).not.toContain(risky);
    }
  });

  it('the parser rejects malformed plists', () => {
    expect(() => parsePlist('<plist version="1.0"><dict><key>a</key></dict></plist>')).toThrow();
    expect(() => parsePlist('<plist version="1.0"><dict><true/></dict></plist>')).toThrow(/expected <key>/);
    expect(() => parsePlist('<plist version="1.0"><dict></plist>')).toThrow();
  });
});

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngSize(file: string): { width: number; height: number } {
  const png = read(file);
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE), `${file} PNG signature`).toBe(true);
  expect(png.toString('latin1', 12, 16), `${file} first chunk`).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('icons', () => {
  it('the source SVG has a 1024x1024 viewBox', () => {
    expect(readText('assets/icon.svg')).toMatch(/viewBox="0 0 1024 1024"/);
  });

  it('assets/icon.png is a 1024x1024 PNG', () => {
    expect(pngSize('assets/icon.png')).toEqual({ width: 1024, height: 1024 });
  });

  it.each([16, 24, 32, 48, 64, 128, 256, 512].map((size) => ({ size, name: `${size}x${size}` })))(
    'assets/icons/$name.png has that size',
    ({ size }) => {
      expect(pngSize(`assets/icons/${size}x${size}.png`)).toEqual({ width: size, height: size });
    },
  );

  it('assets/icon.ico is an ICO with 16 to 256 px images', () => {
    const ico = read('assets/icon.ico');
    expect([...ico.subarray(0, 4)]).toEqual([0x00, 0x00, 0x01, 0x00]);
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => ico[6 + i * 16] || 256);
    expect(sizes).toContain(16);
    expect(sizes).toContain(256);
  });

  it('assets/icon.icns is an ICNS with a 1024 px image', () => {
    const icns = read('assets/icon.icns');
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let offset = 8; offset < icns.length; offset += icns.readUInt32BE(offset + 4)) {
      types.push(icns.toString('latin1', offset, offset + 4));
    }
    expect(types).toContain('ic10');
  });
});

describe('.github/workflows/installers.yml', () => {
  const workflow = asObject(parseYaml(readText('.github/workflows/installers.yml')) as Json, 'workflow');
  const job = asObject(asObject(workflow.jobs, 'jobs').installers, 'installers job');
  const steps = (job.steps as JsonObject[] | undefined) ?? [];
  const runs = steps.map((step) => (typeof step.run === 'string' ? step.run : '')).join('\n');
  const uses = (action: string): JsonObject | undefined =>
    steps.find((step) => typeof step.uses === 'string' && step.uses.startsWith(`${action}@`));

  it('builds on both Windows and macOS', () => {
    const matrix = asObject(asObject(job.strategy, 'strategy').matrix, 'matrix');
    expect(matrix.os).toEqual(expect.arrayContaining(['windows-latest', 'macos-latest']));
    expect(job['runs-on']).toBe('${{ matrix.os }}');
  });

  it('installs Node 24 with the npm cache, then npm ci, build and electron-builder without publishing', () => {
    const setupNode = asObject(uses('actions/setup-node')?.with, 'setup-node with');
    expect(String(setupNode['node-version'])).toBe('24');
    expect(setupNode.cache).toBe('npm');
    expect(runs).toMatch(/^npm ci$/m);
    expect(runs).toMatch(/^npm run build$/m);
    expect(runs).toMatch(/npx electron-builder --publish never/);
    expect(runs).toMatch(/CSC_IDENTITY_AUTO_DISCOVERY=false/);
  });

  it('uploads the installers from dist', () => {
    const upload = asObject(uses('actions/upload-artifact')?.with, 'upload-artifact with');
    const paths = String(upload.path).trim().split('\n');
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) expect(p).toMatch(/^dist\//);
    expect(paths).toEqual(expect.arrayContaining(['dist/*.exe', 'dist/*.dmg', 'dist/*.zip']));
  });
});

describe('security/electronegativity-baseline.json', () => {
  it('lists each accepted finding once, keyed by check, file and code fingerprint, with a one-line reviewed reason', () => {
    const baseline = JSON.parse(readText('security/electronegativity-baseline.json')) as { accepted?: unknown };
    expect(Array.isArray(baseline.accepted)).toBe(true);
    const keys = new Set<string>();
    for (const entry of baseline.accepted as Record<string, unknown>[]) {
      // App-wide checks point at no code, so only they go without a fingerprint.
      const isGlobal = entry.file === '(global)';
      expect(Object.keys(entry).sort()).toEqual(isGlobal ? ['check', 'file', 'reason'] : ['check', 'file', 'fingerprint', 'reason']);
      if (!isGlobal) expect(entry.fingerprint).toMatch(/^[0-9a-f]{16}$/);
      expect(entry.check).toMatch(/^[A-Z0-9_]+_CHECK$/);
      expect(entry.file).toMatch(/^(\(global\)|[\w.-]+(\/[\w.-]+)+)$/);
      expect(typeof entry.reason === 'string' && entry.reason.trim().length > 10).toBe(true);
      expect(entry.reason).not.toMatch(/[\r\n]|^\s*todo\b/i);
      const key = `${String(entry.check)} ${String(entry.file)} ${String(entry.fingerprint)}`;
      expect(keys.has(key), key).toBe(false);
      keys.add(key);
    }
  });
});
