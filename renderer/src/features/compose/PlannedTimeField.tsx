import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Temporal } from 'temporal-polyfill';
import type { PlannedTime } from '../../../../common/domain';
import { systemZone } from '../../ui';
import { dateExample, formatDate, formatTime, parseDate, parseTime, timeExample, type DateProblem, type TimeProblem } from './planned-format';
import { ZonePicker } from './ZonePicker';

/** A wall-clock date and time in a zone to the UTC instant; a time that DST skips moves forward ('compatible'). */
export function plannedFrom(date: Temporal.PlainDate, time: Temporal.PlainTime, zone: string): PlannedTime {
  const at = date.toPlainDateTime(time).toZonedDateTime(zone, { disambiguation: 'compatible' }).toInstant();
  return { at: at.toString(), zone };
}

function textsOf(planned: PlannedTime | null, language: string): { date: string; time: string } {
  if (planned === null) return { date: '', time: '' };
  const local = Temporal.Instant.from(planned.at).toZonedDateTimeISO(planned.zone);
  return { date: formatDate(local.toPlainDate(), language), time: formatTime(local.toPlainTime(), language) };
}

interface Check {
  planned: PlannedTime | null;
  dateProblem?: DateProblem;
  timeProblem?: TimeProblem;
}

/** Both fields empty is "not planned"; one of them empty, or either unreadable, is a problem to show. */
function check(dateText: string, timeText: string, zone: string, language: string): Check {
  if (dateText.trim() === '' && timeText.trim() === '') return { planned: null };
  const date = parseDate(dateText, language);
  const time = parseTime(timeText, language);
  if (date.ok && time.ok) return { planned: plannedFrom(date.value, time.value, zone) };
  return { planned: null, ...(date.ok ? {} : { dateProblem: date.problem }), ...(time.ok ? {} : { timeProblem: time.problem }) };
}

const INPUT = 'rounded-lg border bg-white px-3 py-1.5 dark:bg-zinc-900';
const INPUT_OK = 'border-zinc-300 dark:border-zinc-700';
const INPUT_BAD = 'border-red-600 dark:border-red-400';

/**
 * When the user plans to post: a date and a time written as the app's language writes them, and
 * a time zone. A date or time Spheres cannot read is shown as an error and never taken as "not
 * planned"; until it is fixed the draft keeps its last good time and cannot be queued.
 */
export function PlannedTimeField({
  planned,
  onChange,
  onValidityChange,
}: Readonly<{
  planned: PlannedTime | null;
  onChange: (planned: PlannedTime | null) => void;
  /** false while what is typed is not a time Spheres can read. */
  onValidityChange?: (valid: boolean) => void;
}>) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const id = useId();
  const [zone, setZone] = useState(() => planned?.zone ?? systemZone());
  const [texts, setTexts] = useState(() => textsOf(planned, language));
  // Errors appear once the user leaves a field, not while they are still typing the date.
  const [touched, setTouched] = useState(false);
  // What this field last sent up, and the value it last saw come down.
  const plannedKey = JSON.stringify(planned);
  const [emitted, setEmitted] = useState(plannedKey);
  const [seen, setSeen] = useState(plannedKey);
  // A time set from outside (the draft reopened, a restore) replaces whatever was typed here.
  // Adjusted while rendering, as React recommends for state that follows a prop.
  if (plannedKey !== seen) {
    setSeen(plannedKey);
    if (plannedKey !== emitted) {
      setEmitted(plannedKey);
      setTexts(textsOf(planned, language));
      if (planned !== null) setZone(planned.zone);
      setTouched(false);
    }
  }

  const result = useMemo(() => check(texts.date, texts.time, zone, language), [texts, zone, language]);
  const valid = result.dateProblem === undefined && result.timeProblem === undefined;
  useEffect(() => onValidityChange?.(valid), [valid, onValidityChange]);

  const update = (next: { date: string; time: string }, nextZone = zone): void => {
    setTexts(next);
    const outcome = check(next.date, next.time, nextZone, language);
    if (outcome.dateProblem !== undefined || outcome.timeProblem !== undefined) return;
    setEmitted(JSON.stringify(outcome.planned));
    onChange(outcome.planned);
  };

  const at = useMemo(() => (result.planned === null ? Temporal.Now.instant() : Temporal.Instant.from(result.planned.at)), [result.planned]);
  const passed = result.planned !== null && Temporal.Instant.compare(Temporal.Instant.from(result.planned.at), Temporal.Now.instant()) < 0;
  const showDate = touched && result.dateProblem !== undefined;
  const showTime = touched && result.timeProblem !== undefined;
  const examples = { date: dateExample(language), time: timeExample(language) };

  return (
    <fieldset className="flex flex-col gap-1 text-sm">
      <legend className="mb-1 font-semibold">{t('compose.plannedFor')}</legend>
      <div className="flex flex-wrap items-end gap-2">
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-date`} className="text-xs font-medium text-zinc-700 dark:text-zinc-300">
            {t('compose.plannedDate')}
          </label>
          <input
            id={`${id}-date`}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            placeholder={examples.date}
            value={texts.date}
            aria-invalid={showDate}
            aria-describedby={showDate ? `${id}-date-error` : undefined}
            onChange={(event) => update({ ...texts, date: event.target.value })}
            onBlur={() => setTouched(true)}
            className={`w-36 ${INPUT} ${showDate ? INPUT_BAD : INPUT_OK}`}
          />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-time`} className="text-xs font-medium text-zinc-700 dark:text-zinc-300">
            {t('compose.plannedTime')}
          </label>
          <input
            id={`${id}-time`}
            type="text"
            autoComplete="off"
            placeholder={examples.time}
            value={texts.time}
            aria-invalid={showTime}
            aria-describedby={showTime ? `${id}-time-error` : passed ? `${id}-passed` : undefined}
            onChange={(event) => update({ ...texts, time: event.target.value })}
            onBlur={() => setTouched(true)}
            className={`w-28 ${INPUT} ${showTime ? INPUT_BAD : INPUT_OK}`}
          />
        </div>
        <ZonePicker
          zone={zone}
          at={at}
          onChange={(next) => {
            setZone(next);
            update(texts, next);
          }}
        />
        {(planned !== null || texts.date !== '' || texts.time !== '') && (
          <button
            type="button"
            onClick={() => {
              setTouched(false);
              update({ date: '', time: '' });
            }}
            className="mb-1 rounded border border-zinc-300 px-2 py-0.5 text-xs font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            {t('compose.plannedClear')}
          </button>
        )}
      </div>
      {showDate && (
        <p id={`${id}-date-error`} role="alert" className="text-red-700 dark:text-red-400">
          {t(`compose.plannedErrors.${result.dateProblem!}`, { value: texts.date.trim(), example: examples.date })}
        </p>
      )}
      {showTime && (
        <p id={`${id}-time-error`} role="alert" className="text-red-700 dark:text-red-400">
          {t(`compose.plannedErrors.${result.timeProblem!}`, { value: texts.time.trim(), example: examples.time })}
        </p>
      )}
      {valid && passed && (
        <p id={`${id}-passed`} role="status" className="text-amber-800 dark:text-amber-300">
          {t('compose.plannedPast')}
        </p>
      )}
    </fieldset>
  );
}
