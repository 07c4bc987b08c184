import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Temporal } from 'temporal-polyfill';
import { searchZones, zoneOption, zoneOptions, type ZoneOption } from './zone-names';

/**
 * A searchable time-zone picker: the WAI-ARIA combobox with a listbox popup and manual selection
 * (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/examples/combobox-autocomplete-list/).
 * Typing filters; Down and Up move through the matches, Enter picks one, Escape puts the field
 * back as it was. Zones are named in the app's language with their city and UTC offset.
 */
export function ZonePicker({
  zone,
  at,
  onChange,
  describedBy,
}: Readonly<{
  zone: string;
  /** The moment whose offset is shown (summer time moves it): the planned time, or now. */
  at: Temporal.Instant;
  onChange: (zone: string) => void;
  describedBy?: string;
}>) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const listId = `${id}-list`;
  const language = i18n.language;
  const selected = useMemo(() => zoneOption(zone, language, at), [zone, language, at]);
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const list = useRef<HTMLUListElement>(null);
  // Named once per language and moment, and only once the list is wanted: 400 formatters cost.
  const all = useMemo<ZoneOption[]>(() => (open ? zoneOptions(language, at) : []), [open, language, at]);
  const matches = useMemo(() => (open ? searchZones(all, query ?? '') : []), [all, open, query]);

  const close = (): void => {
    setOpen(false);
    setQuery(null);
  };
  const pick = (option: ZoneOption | undefined): void => {
    if (option !== undefined) onChange(option.id);
    close();
  };
  const openAt = (index: number): void => {
    setOpen(true);
    setActive(index);
  };
  const move = (index: number): void => {
    const next = Math.max(0, Math.min(index, matches.length - 1));
    setActive(next);
    list.current?.ownerDocument.getElementById(`${id}-option-${next}`)?.scrollIntoView?.({ block: 'nearest' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (!open) openAt(Math.max(0, all.findIndex((option) => option.id === zone)));
      else move(active + 1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      if (open) move(active - 1);
    } else if (event.key === 'Home' && open) {
      event.preventDefault();
      move(0);
    } else if (event.key === 'End' && open) {
      event.preventDefault();
      move(matches.length - 1);
    } else if (event.key === 'Enter' && open) {
      event.preventDefault();
      pick(matches[active]);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      close();
    }
  };

  const activeId = open && matches[active] !== undefined ? `${id}-option-${active}` : undefined;
  return (
    <div className="relative flex flex-col gap-1">
      <label htmlFor={`${id}-input`} className="text-xs font-medium text-zinc-700 dark:text-zinc-300">
        {t('compose.plannedZoneLabel')}
      </label>
      <input
        id={`${id}-input`}
        type="text"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeId}
        aria-describedby={describedBy}
        autoComplete="off"
        spellCheck={false}
        value={query ?? selected.label}
        onChange={(event) => {
          setQuery(event.target.value);
          openAt(0);
        }}
        onFocus={(event) => event.target.select()}
        onBlur={close}
        onKeyDown={onKeyDown}
        className="w-full min-w-72 rounded-lg border border-zinc-300 bg-white px-3 py-1.5 dark:border-zinc-700 dark:bg-zinc-900"
      />
      <ul
        ref={list}
        id={listId}
        role="listbox"
        aria-label={t('compose.plannedZoneLabel')}
        hidden={!open}
        className="absolute top-full z-20 mt-1 max-h-72 w-full overflow-auto rounded-lg border border-zinc-300 bg-white py-1 text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
      >
        {matches.map((option, index) => (
          <li
            key={option.id}
            id={`${id}-option-${index}`}
            role="option"
            aria-selected={index === active}
            // mousedown, not click: the input's blur would close the list before a click lands.
            onMouseDown={(event) => {
              event.preventDefault();
              pick(option);
            }}
            className={`cursor-pointer px-3 py-1.5 ${index === active ? 'bg-violet-100 text-violet-950 dark:bg-violet-900 dark:text-violet-50' : ''}`}
          >
            {option.label}
          </li>
        ))}
      </ul>
      {open && matches.length === 0 && (
        <p role="status" className="absolute top-full z-20 mt-1 w-full rounded-lg border border-zinc-300 bg-white px-3 py-1.5 text-sm text-zinc-600 shadow-lg dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-400">
          {t('compose.plannedZoneNone')}
        </p>
      )}
    </div>
  );
}
