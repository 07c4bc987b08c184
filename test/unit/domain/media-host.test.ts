import { describe, expect, it } from 'vitest';
import { MediaHostSaveSchema, MediaHostSettingsSchema } from '../../../common/domain';

const GOOD = { endpoint: 'https://s3.eu-central-1.amazonaws.com', region: 'eu-central-1', bucket: 'spheres-media', accessKeyId: 'AKIAEXAMPLE', pathStyle: false };

function problem(patch: Record<string, unknown>): string | undefined {
  const parsed = MediaHostSettingsSchema.safeParse({ ...GOOD, ...patch });
  return parsed.success ? undefined : parsed.error.issues[0]?.message;
}

describe('media host settings', () => {
  it('takes an https endpoint, and spells it one way', () => {
    expect(MediaHostSettingsSchema.parse({ ...GOOD, endpoint: ' HTTPS://S3.Example.com:443/ ' }).endpoint).toBe('https://s3.example.com');
    expect(MediaHostSettingsSchema.parse({ ...GOOD, endpoint: 'https://minio.example.com:9000' }).endpoint).toBe('https://minio.example.com:9000');
  });

  it('takes plain http only for a server on this computer', () => {
    expect(problem({ endpoint: 'http://127.0.0.1:9000' })).toBeUndefined();
    expect(problem({ endpoint: 'http://localhost:9000' })).toBeUndefined();
    expect(problem({ endpoint: 'http://s3.example.com' })).toBe(
      'The endpoint must use https:// (plain http:// is allowed only for a server on this computer, 127.0.0.1 or localhost): the keys would otherwise cross the network readable.',
    );
  });

  it.each([
    ['s3.example.com', 'Enter the endpoint as a full address, for example https://s3.eu-central-1.amazonaws.com.'],
    ['ftp://s3.example.com', 'The endpoint must start with https://.'],
    ['https://AKIA:secret@s3.example.com', 'Leave the keys out of the endpoint: enter them in their own fields.'],
    ['https://s3.example.com/spheres-media', 'The endpoint is a server address only, without a path: enter the bucket in its own field.'],
    ['https://s3.example.com?x=1', 'The endpoint is a server address only, without ? or #.'],
    ['https://s3 example.com', '"s3 example.com" is not a server name. Enter the endpoint as a full address, for example https://s3.eu-central-1.amazonaws.com.'],
    ['https://s3.example.com:70000', 'The endpoint’s port must be from 1 to 65535.'],
    ['', 'Enter the endpoint, for example https://s3.eu-central-1.amazonaws.com.'],
  ])('refuses the endpoint %j: %s', (endpoint, message) => {
    expect(problem({ endpoint })).toBe(message);
  });

  it.each([
    ['ab', 'A bucket name is 3 to 63 characters long.'],
    ['a'.repeat(64), 'A bucket name is 3 to 63 characters long.'],
    ['Spheres_Media', 'A bucket name has only lowercase letters, digits, dots and hyphens.'],
    ['-spheres', 'A bucket name starts and ends with a letter or a digit.'],
    ['spheres..media', 'A bucket name has no two dots in a row.'],
    ['192.168.5.4', 'A bucket name cannot look like an IP address.'],
    ['xn--spheres', 'A bucket name cannot start with xn--, sthree- or amzn-s3-demo-.'],
    ['spheres-s3alias', 'A bucket name cannot end with -s3alias, --ol-s3, --x-s3 or .mrap.'],
  ])('refuses the bucket %j as S3 would: %s', (bucket, message) => {
    expect(problem({ bucket })).toBe(message);
  });

  it('takes bucket names S3 takes', () => {
    for (const bucket of ['abc', 'spheres-media', 'my.bucket.2026', 'a'.repeat(63)]) expect(problem({ bucket })).toBeUndefined();
  });

  it('refuses a region or a key id with spaces, naming the field', () => {
    expect(problem({ region: 'EU Central' })).toBe('A region is lowercase letters, digits and hyphens, for example eu-central-1.');
    expect(problem({ accessKeyId: 'AKIA EXAMPLE' })).toBe('An access key ID is printable characters without spaces.');
  });

  it('fills nothing into a save that leaves keys out, and refuses an empty one', () => {
    expect(MediaHostSaveSchema.parse({ bucket: 'other-bucket' })).toEqual({ bucket: 'other-bucket' });
    expect(MediaHostSaveSchema.safeParse({}).error?.issues[0]?.message).toBe('Name at least one media host setting to change.');
    expect(MediaHostSaveSchema.safeParse({ bucket: 'other-bucket', secret: 'x' }).success).toBe(false);
  });
});
