export {
  PostsService,
  type ImportPostsResult,
  type PostUpdate,
  type PostsServiceOptions,
  type TrashedPost,
} from './posts-service';
export type { SaveStatus } from './pending-writes';
export { POSTS_SCHEMA_VERSION, StoredPostSchema, type StoredPost } from './post-files';
export { ARCHIVE_FORMAT, exportLibrary, importLibrary, type ExportOptions, type ExportResult, type ImportOptions, type ImportResult } from './archive';
export { PostLibrary } from './post-library';
