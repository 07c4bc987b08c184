export { OutboxEngine, type EnqueueInput, type OutboxEngineOptions } from './outbox-engine';
export { DEFAULT_BACKOFF, backoffDelayMs, type BackoffPolicy } from './backoff';
export { NO_EXTRAS, OutboxLayout, SendIntentSchema, intentIdOf, type IntentExtras, type RemoteRef, type SendIntent } from './intent-file';
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
export { BlueskyPublisher, type BlueskyPublisherOptions, type ImageAdjustment } from './publishers/bluesky';
export type { ReadMedia } from './publishers/post-image';
export { MastodonPublisher, type MastodonPublisherOptions } from './publishers/mastodon';
export { LinkedInPublisher, type LinkedInPublisherOptions } from './publishers/linkedin';
export { XPublisher, type XPublisherOptions } from './publishers/x';
export { ThreadsPublisher } from './publishers/threads';
export { InstagramPublisher } from './publishers/instagram';
export type { MetaPublisherOptions } from './publishers/meta-publisher';
export { OutboxScheduler, DEFAULT_GRACE_MS, DEFAULT_MAX_PARALLEL_ACCOUNTS, DEFAULT_MAX_TIMER_MS, type MissedTarget, type OutboxSchedulerOptions, type PowerPort, type SchedulerOutboxPort, type TimerPort, type WaitingTarget } from './scheduler';
export { plannedTimeFor, wallTimeOf, type PlannedTimeProblem, type PlannedTimeResult, type WallTimeAdjustment } from './scheduler-time';
export { outboxSchedulerPort } from './scheduler-outbox-port';
export { SenderLock, LockHolderSchema, isProcessAliveOnThisHost, DEFAULT_HEARTBEAT_MS, DEFAULT_STALE_AFTER_MS, type LockHolder, type SenderLockOptions, type SenderLockResult } from './sender-lock';
export { OutboxService, type OutboxServiceOptions } from './outbox-service';
export { defaultPublishers, type PublisherPorts } from './default-publishers';
export { ASSISTED_FOLDER, BY_HAND, assistedKit, type AssistedKit } from './assisted';
export type { MediaHost, MediaHostPort } from './media-host';
