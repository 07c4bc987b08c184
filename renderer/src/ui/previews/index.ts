export { NetworkPreview } from './NetworkPreview';
export { PreviewGrid } from './PreviewGrid';
export type { NetworkPreviewProps, PreviewAuthor, PreviewGridProps, PreviewImage, PreviewMode } from './types';
