export { MediaLibrary, DEFAULT_MAX_MEDIA_BYTES, sha256Hex, toMediaRef, type MediaLibraryOptions, type MediaRecord } from './media-library';
export { ACCEPTED_IMAGE_TYPES, identifyImage, type AcceptedImageType, type ImageKind } from './image-kind';
export { findLocation, type GpsLocation, type LocationFinding } from './image-location';
export { readMediaForUrl } from './media-route';
