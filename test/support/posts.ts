import type { Post } from '../../common/domain';

/**
 * A whole post as the core stores it: an empty, untoned draft with nothing planned, plus the fields
 * a test names. Tests build their posts here, so a field added to Post is filled in one place.
 */
export function testPost(fields: Partial<Post> = {}): Post {
  return {
    id: 'post-0000001',
    createdAt: '2026-10-31T23:30:00.000Z',
    updatedAt: '2026-10-31T23:30:00.000Z',
    tone: null,
    text: '',
    overrides: {},
    targets: [],
    media: [],
    contentWarning: '',
    threadNumbering: false,
    status: 'draft',
    planned: null,
    results: [],
    ...fields,
  };
}
