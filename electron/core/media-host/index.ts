export { MEDIA_HOST_VAULT_ID, MediaHostService, type MediaHostServiceOptions } from './media-host-service';
export { MAX_PRESIGN_SECONDS, MEDIA_HOST_PREFIX, S3MediaHost, type S3MediaHostOptions } from './s3-media-host';
export { s3Failure } from './s3-failure';
