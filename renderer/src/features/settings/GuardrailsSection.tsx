import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isSpheresError } from '../../../../common/api';
import type { Guardrails, QuietPeriod, RepeatingRule } from '../../../../common/domain';
import { STARTER_WORDS } from '../../../../common/guardrails';
import { errorText, periodText, systemZone } from '../../ui';

const INPUT = 'rounded-lg border border-zinc-300 bg-white px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900';
const BUTTON = 'rounded-lg border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800';
const HELP = 'text-xs text-zinc-600 dark:text-zinc-400';

type Outcome = { kind: 'idle' } | { kind: 'done'; message: string; undo?: QuietPeriod } | { kind: 'failed'; message: string };
type PeriodForm = { id: string | null; name: string; start: string; end: string };

const EMPTY_FORM: PeriodForm = { id: null, name: '', start: '', end: '' };

/** Announcement dates as the person types them: one per line or separated by commas. */
function datesOf(text: string): string[] {
  return text
    .split(/[\s,;]+/u)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/**
 * Settings → Guardrails: quiet periods (by hand, from an .ics file, from a repeating rule), the
 * watched words with the optional starter list, and the record of overrides for compliance.
 */
export function GuardrailsSection({ guardrails }: Readonly<{ guardrails: Guardrails }>) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const [form, setForm] = useState<PeriodForm | null>(null);
  const [words, setWords] = useState<string | null>(null);
  const [rule, setRule] = useState<{ name: string; dates: string; daysBefore: string } | null>(null);

  const done = (message: string, undo?: QuietPeriod): void => setOutcome(undo === undefined ? { kind: 'done', message } : { kind: 'done', message, undo });
  const fail = (error: unknown): void => {
    // A calendar file is refused with its line, which the Danish sentence names too.
    const details = isSpheresError(error) ? error.details : undefined;
    if (details?.['reason'] === 'invalid_calendar' && typeof details['line'] === 'number') {
      setOutcome({ kind: 'failed', message: t('guardrails.icsBadLine', { line: details['line'], text: String(details['text'] ?? '') }) });
      return;
    }
    setOutcome({ kind: 'failed', message: errorText(error, i18n) });
  };

  const savePeriod = (event: FormEvent): void => {
    event.preventDefault();
    if (form === null) return;
    const period: QuietPeriod = {
      id: form.id ?? `manual:${crypto.randomUUID()}`,
      name: form.name,
      start: form.start,
      end: form.end,
      zone: guardrails.periods.find((existing) => existing.id === form.id)?.zone ?? systemZone(),
      source: form.id === null ? 'manual' : (guardrails.periods.find((existing) => existing.id === form.id)?.source ?? 'manual'),
    };
    window.spheres.guardrails.putPeriod(period).then(() => {
      setForm(null);
      done(t('guardrails.periodSaved', { name: period.name }));
    }, fail);
  };

  const importFile = (file: File): void => {
    file.text().then(
      (text) =>
        window.spheres.guardrails
          .importCalendar({ name: file.name, text, zone: systemZone() })
          .then((result) => done(t('guardrails.imported', { added: result.added, updated: result.updated, file: file.name })), fail),
      fail,
    );
  };

  const saveRule = (event: FormEvent): void => {
    event.preventDefault();
    if (rule === null) return;
    const next: RepeatingRule = { id: crypto.randomUUID(), name: rule.name, announcements: datesOf(rule.dates), daysBefore: Number(rule.daysBefore), zone: systemZone() };
    window.spheres.guardrails.save({ rules: [...guardrails.rules, next] }).then(() => {
      setRule(null);
      done(t('guardrails.ruleSaved', { name: next.name }));
    }, fail);
  };

  const exportRecord = (): void => {
    window.spheres.guardrails.exportRecord().then((result) => {
      if (result.file !== null) done(t('guardrails.exported', { count: result.overrides, file: result.file }));
    }, fail);
  };

  // Days first; a timed period is edited by re-importing its calendar.
  const editable = (period: QuietPeriod): boolean => /^\d{4}-\d{2}-\d{2}$/.test(period.start);

  return (
    <section aria-labelledby={`${id}-heading`} className="flex flex-col gap-4">
      <div>
        <h2 id={`${id}-heading`} className="text-sm font-semibold">
          {t('guardrails.title')}
        </h2>
        <p className={HELP}>{t('guardrails.help')}</p>
      </div>

      <div className="flex flex-col gap-2">
        <h3 className="text-sm font-semibold">{t('guardrails.periods')}</h3>
        {guardrails.periods.length === 0 ? (
          <p className={HELP}>{t('guardrails.noPeriods')}</p>
        ) : (
          <ul aria-label={t('guardrails.periods')} className="flex flex-col gap-1">
            {[...guardrails.periods]
              .sort((a, b) => a.start.localeCompare(b.start))
              .map((period) => (
                <li key={period.id} className="flex flex-wrap items-center gap-2 text-sm">
                  <span className="font-medium">{period.name}</span>
                  <span className={HELP}>{periodText(period, i18n.language)}</span>
                  <span className={HELP}>{t(`guardrails.source.${period.source}`)}</span>
                  {editable(period) && (
                    <button type="button" className={BUTTON} aria-label={t('guardrails.editPeriod', { name: period.name })} onClick={() => setForm({ id: period.id, name: period.name, start: period.start, end: period.end })}>
                      {t('guardrails.edit')}
                    </button>
                  )}
                  <button
                    type="button"
                    className={BUTTON}
                    aria-label={t('guardrails.deletePeriod', { name: period.name })}
                    onClick={() => window.spheres.guardrails.removePeriod({ id: period.id }).then(() => done(t('guardrails.periodDeleted', { name: period.name }), period), fail)}
                  >
                    {t('guardrails.delete')}
                  </button>
                </li>
              ))}
          </ul>
        )}
        {form === null ? (
          <div className="flex flex-wrap gap-2">
            <button type="button" className={BUTTON} onClick={() => setForm(EMPTY_FORM)}>
              {t('guardrails.addPeriod')}
            </button>
            <label className={`${BUTTON} cursor-pointer`}>
              {t('guardrails.importIcs')}
              <input
                type="file"
                accept=".ics,text/calendar"
                className="sr-only"
                onChange={(event) => {
                  const file = event.target.files?.[0];
                  event.target.value = '';
                  if (file !== undefined) importFile(file);
                }}
              />
            </label>
          </div>
        ) : (
          <form onSubmit={savePeriod} aria-label={t(form.id === null ? 'guardrails.addPeriod' : 'guardrails.edit')} className="flex flex-wrap items-end gap-2">
            <label className="flex flex-col gap-1 text-sm">
              {t('guardrails.periodName')}
              <input required className={INPUT} value={form.name} onChange={(event) => setForm({ ...form, name: event.target.value })} />
            </label>
            <label className="flex flex-col gap-1 text-sm">
              {t('guardrails.firstDay')}
              <input required type="date" className={INPUT} value={form.start} onChange={(event) => setForm({ ...form, start: event.target.value })} />
            </label>
            <label className="flex flex-col gap-1 text-sm">
              {t('guardrails.lastDay')}
              <input required type="date" className={INPUT} value={form.end} min={form.start} onChange={(event) => setForm({ ...form, end: event.target.value })} />
            </label>
            <button type="submit" className={BUTTON}>
              {t('guardrails.save')}
            </button>
            <button type="button" className={BUTTON} onClick={() => setForm(null)}>
              {t('guardrails.cancel')}
            </button>
          </form>
        )}
      </div>

      <div className="flex flex-col gap-2">
        <h3 className="text-sm font-semibold">{t('guardrails.rules')}</h3>
        <p className={HELP}>{t('guardrails.rulesHelp')}</p>
        <ul className="flex flex-col gap-1">
          {guardrails.rules.map((existing) => (
            <li key={existing.id} className="flex flex-wrap items-center gap-2 text-sm">
              <span>{t('guardrails.ruleText', { name: existing.name, count: existing.daysBefore, dates: existing.announcements.join(', ') })}</span>
              <button
                type="button"
                className={BUTTON}
                aria-label={t('guardrails.deleteRule', { name: existing.name })}
                onClick={() => window.spheres.guardrails.save({ rules: guardrails.rules.filter((other) => other.id !== existing.id) }).then(() => done(t('guardrails.ruleDeleted', { name: existing.name })), fail)}
              >
                {t('guardrails.delete')}
              </button>
            </li>
          ))}
        </ul>
        {rule === null ? (
          <button type="button" className={`${BUTTON} self-start`} onClick={() => setRule({ name: '', dates: '', daysBefore: '30' })}>
            {t('guardrails.addRule')}
          </button>
        ) : (
          <form onSubmit={saveRule} aria-label={t('guardrails.addRule')} className="flex flex-wrap items-end gap-2">
            <label className="flex flex-col gap-1 text-sm">
              {t('guardrails.ruleName')}
              <input required className={INPUT} value={rule.name} onChange={(event) => setRule({ ...rule, name: event.target.value })} />
            </label>
            <label className="flex flex-col gap-1 text-sm">
              {t('guardrails.daysBefore')}
              <input required type="number" min={1} max={365} className={`${INPUT} w-24`} value={rule.daysBefore} onChange={(event) => setRule({ ...rule, daysBefore: event.target.value })} />
            </label>
            <label className="flex flex-col gap-1 text-sm">
              {t('guardrails.announcements')}
              <textarea required rows={2} placeholder="2026-05-06, 2026-08-19" className={INPUT} value={rule.dates} onChange={(event) => setRule({ ...rule, dates: event.target.value })} />
            </label>
            <button type="submit" className={BUTTON}>
              {t('guardrails.save')}
            </button>
            <button type="button" className={BUTTON} onClick={() => setRule(null)}>
              {t('guardrails.cancel')}
            </button>
          </form>
        )}
      </div>

      <div className="flex flex-col gap-2">
        <label htmlFor={`${id}-words`} className="text-sm font-semibold">
          {t('guardrails.watchedWords')}
        </label>
        <p id={`${id}-words-help`} className={HELP}>
          {t('guardrails.watchedWordsHelp')}
        </p>
        <textarea
          id={`${id}-words`}
          aria-describedby={`${id}-words-help`}
          rows={4}
          className={`${INPUT} max-w-sm`}
          value={words ?? guardrails.watchedWords.join('\n')}
          onChange={(event) => setWords(event.target.value)}
        />
        <button
          type="button"
          className={`${BUTTON} self-start`}
          disabled={words === null}
          onClick={() => {
            const list = [...new Set((words ?? '').split('\n').map((word) => word.trim()).filter((word) => word !== ''))];
            window.spheres.guardrails.save({ watchedWords: list }).then(() => {
              setWords(null);
              done(t('guardrails.wordsSaved', { count: list.length }));
            }, fail);
          }}
        >
          {t('guardrails.saveWords')}
        </button>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={guardrails.starterList}
            onChange={(event) => window.spheres.guardrails.save({ starterList: event.target.checked }).then(() => setOutcome({ kind: 'idle' }), fail)}
          />
          {t('guardrails.starterList')}
        </label>
        <details className={HELP}>
          <summary className="cursor-pointer">{t('guardrails.starterListShow')}</summary>
          <p className="mt-1">{STARTER_WORDS.join(', ')}</p>
        </details>
      </div>

      <div className="flex flex-col gap-2">
        <h3 className="text-sm font-semibold">{t('guardrails.record')}</h3>
        <p className={HELP}>{t('guardrails.recordHelp')}</p>
        <button type="button" className={`${BUTTON} self-start`} onClick={exportRecord}>
          {t('guardrails.exportRecord')}
        </button>
      </div>

      <p role="status" className="min-h-5 text-sm">
        {outcome.kind === 'done' && <span className="text-emerald-700 dark:text-emerald-400">{outcome.message}</span>}
        {outcome.kind === 'done' && outcome.undo !== undefined && (
          <button
            type="button"
            className={`${BUTTON} ml-3`}
            onClick={() => {
              const period = outcome.undo!;
              window.spheres.guardrails.putPeriod(period).then(() => done(t('guardrails.periodSaved', { name: period.name })), fail);
            }}
          >
            {t('guardrails.undo')}
          </button>
        )}
        {outcome.kind === 'failed' && <span className="text-red-700 dark:text-red-400">{outcome.message}</span>}
      </p>
    </section>
  );
}
