export { OutboxEngine, type EnqueueInput, type OutboxEngineOptions } from './outbox-engine';
export { DEFAULT_BACKOFF, backoffDelayMs, type BackoffPolicy } from './backoff';
export { OutboxLayout, SendIntentSchema, intentIdOf, type RemoteRef, type SendIntent } from './intent-file';
export { applyEvent, firstPartNotDone, type IntentEvent, type PublishState } from './publish-state';
export {
  FAILURE_KINDS,
  PUBLISH_FAILURE_CODES,
  PublishFailure,
  classifyHttpStatus,
  classifyTransportError,
  retryAfterMs,
  type FailureKind,
  type PublishFailureCode,
} from './publish-failure';
export type { CredentialsPort, PartRequest, Publisher } from './publisher';
export { threadParts } from './thread-parts';
export { BlueskyPublisher, type BlueskyPublisherOptions } from './publishers/bluesky';
export { MastodonPublisher, type MastodonPostExtras, type MastodonPublisherOptions } from './publishers/mastodon';
