export { GuardrailsService, type GuardrailsPort, type OverrideAction } from './guardrails-service';
export { periodsFromCalendar, MAX_ICS_CHARS } from './ics-import';
export { OverrideRecord, csvField, overridesCsv } from './override-record';
