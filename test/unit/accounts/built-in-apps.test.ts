import { describe, expect, it } from 'vitest';
import { SUGGESTED_REDIRECT_PORT } from '../../../common/accounts';
import { BUILT_IN_APPS, builtInAppsFrom } from '../../../electron/core/accounts';

describe('the X client id a build carries', () => {
  it('is none in a build without SPHERES_X_CLIENT_ID (as in these tests)', () => {
    expect(BUILT_IN_APPS).toStrictEqual({});
    expect(builtInAppsFrom({ xClientId: '' })).toStrictEqual({});
  });

  it('is a public client on the port the guide suggests, unless the build names one', () => {
    expect(builtInAppsFrom({ xClientId: ' abcDEF123 ' })).toStrictEqual({ x: { clientId: 'abcDEF123', clientSecret: undefined, redirectPort: SUGGESTED_REDIRECT_PORT } });
    expect(builtInAppsFrom({ xClientId: 'abc', xRedirectPort: '8765' })).toStrictEqual({ x: { clientId: 'abc', clientSecret: undefined, redirectPort: 8765 } });
  });

  it('ignores a malformed id or port rather than half-using it', () => {
    expect(builtInAppsFrom({ xClientId: 'has a space' })).toStrictEqual({});
    expect(builtInAppsFrom({ xClientId: 'abc', xRedirectPort: '80' })).toStrictEqual({});
    expect(builtInAppsFrom({ xClientId: 'abc', xRedirectPort: 'eighty' })).toStrictEqual({});
  });
});
