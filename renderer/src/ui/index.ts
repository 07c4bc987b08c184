// What the features share: widgets, the route helper and small browser helpers. A feature imports
// these from here, never from another feature (eslint.config.js enforces it).
export { ConfirmDialog } from './ConfirmDialog';
export { EmptyState } from './EmptyState';
export { errorText } from './error-text';
export { SectionIcon } from './icons';
export { MixBar } from './MixBar';
export { focusableIn, trapTab, useReturnFocus } from './modal-focus';
export { AccountAvatar } from './NetworkBadge';
export { NETWORK_MARK, NetworkMarks, networksOf } from './NetworkMarks';
export { readFileAsBase64 } from './read-file';
export { IMPORT_HISTORY_HREF, NETWORK_APPS_HREF, SECTION_KEYS, composeHref, newPostHref, routeFromHash, sectionFromHash, sectionHref, sectionKey } from './routes';
export { TONE_STYLE } from './tone-style';
export { answerFlushRequests, holdUnsavedWork } from './unsaved-work';
export { systemZone } from './zone';
export { useCalendarLocale, type CalendarLocale } from './calendar-locale';
export { findingText } from './previews/finding-text';
export * from './previews';
export { copyText } from './copy-text';
export { mediaUrl } from './media-url';
export { GuardrailDialog, GuardrailReasonsList, periodText, quietBandsOf, quietDays, withWatchedWords } from './guardrails';
