export { NetworkPreview } from './NetworkPreview';
export { PreviewGrid } from './PreviewGrid';
export { previewStrings } from './strings';
export type { NetworkPreviewProps, PreviewAuthor, PreviewGridProps, PreviewImage, PreviewMode } from './types';
