export { GuardrailDialog } from './GuardrailDialog';
export { GuardrailReasonsList } from './GuardrailReasonsList';
export { periodText } from './period-text';
export { quietBandsOf, quietDays } from './quiet-days';
export { withWatchedWords } from './watched-findings';
