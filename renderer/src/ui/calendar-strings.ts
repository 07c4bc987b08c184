import type { Tone } from '../../../common/domain';
import type { CalendarStatus } from '../../../common/tone';

/** A string per plural category Intl.PluralRules gives English and Danish. */
type Plural = { readonly one: string; readonly other: string };

/**
 * The tone calendar's UI strings, in i18next's `{{name}}` format so they can move into
 * i18n/en.ts and da.ts as a `calendar` group unchanged. Until then the calendar picks them by the
 * i18n language. Dates, times, numbers and percentages are formatted by Intl, never written here.
 */
const en = {
  views: { month: 'Month', week: 'Week', year: 'Year' },
  viewLabel: 'Calendar view',
  previous: { month: 'Previous month', week: 'Previous week', year: 'Previous year' },
  next: { month: 'Next month', week: 'Next week', year: 'Next year' },
  today: 'Today',
  todayLabel: 'Go to today',
  weekOf: 'Week {{week}}',
  weekColumn: 'Week',
  weekRange: '{{from}} – {{to}}',
  loading: 'Loading posts…',
  loadFailed: 'The posts could not be loaded: {{message}}',
  retry: 'Try again',
  filters: 'Filters',
  filterAllNetworks: 'All networks',
  filterNoNetworks: 'No network',
  filterAllStatuses: 'all statuses',
  filterNoStatuses: 'no status',
  networksLabel: 'Networks',
  statusLabel: 'Status',
  status: { draft: 'Draft', planned: 'Planned', published: 'Published' } as Record<CalendarStatus, string>,
  statusFilter: { draft: 'Drafts', planned: 'Planned', published: 'Published' } as Record<CalendarStatus, string>,
  posts: { one: '{{count}} post', other: '{{count}} posts' } as Plural,
  noPosts: 'no posts',
  toneCount: {
    private: { one: '{{count}} private', other: '{{count}} private' },
    blend: { one: '{{count}} blend', other: '{{count}} blend' },
    professional: { one: '{{count}} professional', other: '{{count}} professional' },
  } as Record<Tone, Plural>,
  untonedCount: { one: '{{count}} without a tone', other: '{{count}} without a tone' } as Plural,
  toneShare: '{{tone}} {{count}} · {{percent}}',
  dayLabel: '{{date}}: {{summary}}',
  todayDate: 'Today, {{date}}',
  more: '+{{count}}',
  periodMix: 'Mix of {{period}}: {{summary}}',
  /** What a mix figure counts, shown beside it: "This week · published and planned, all networks". */
  scope: '{{period}} · {{counted}}',
  counted: {
    committed: 'published and planned, all networks',
    statuses: { draft: 'drafts', planned: 'planned', published: 'published' } as Record<CalendarStatus, string>,
    noStatus: 'no status',
    /** Every status at once, written out (a list formatter would add a serial comma before the one that follows). */
    everyStatus: 'drafts, planned and published',
    allNetworks: '{{statuses}}, all networks',
    onNetworks: '{{statuses}} on {{networks}}',
    noNetwork: 'no network',
  },
  chipPrefix: '{{status}}, {{tone}}:',
  chipPrefixNoNetwork: '{{status}}, {{tone}}, no network yet:',
  /** The tooltip's first line: "Tuesday, November 3, 9:00 AM · X and Bluesky". */
  chipTooltipHead: '{{date}}, {{time}} · {{networks}}',
  /** A post planned in another zone than the calendar's: "Planned for 3:00 AM, Eastern Time". */
  plannedInZone: 'Planned for {{time}}, {{zone}}',
  /** Under the legend: the zone the calendar's days and times are in (a colon: CLDR's names are capitalised, as a label, not mid-sentence). */
  timesIn: 'Time zone of days and times: {{zone}}',
  noTone: 'No tone',
  noNetworks: 'no network yet',
  noText: '(no text)',
  dayPanel: {
    label: 'Day',
    pick: 'Pick a day to see its posts.',
    empty: 'Nothing on this day.',
    open: 'Open in composer',
    select: 'Select',
    moveHint: 'Drag a post to another day, or select it and press Alt+Arrow keys to move it a day (Alt+Up and Down: a week).',
    published: 'Published posts stay on the day they went out.',
  },
  moved: 'Moved to {{date}}, {{time}}.',
  moveFailed: 'Not moved: {{message}}',
  cannotMove: 'A published post stays on the day it went out.',
  target: {
    heading: 'Target mix',
    thisWeek: 'This week',
    thisMonth: 'This month',
    tone: 'Tone',
    actual: 'Actual',
    target: 'Target',
    difference: 'Difference',
    points: '{{points}} points',
    actualBar: 'Actual mix ({{scope}}): {{summary}}',
    targetBar: 'Target mix: {{summary}}',
    nothingYet: 'Nothing published or planned in this period.',
    onTarget: 'Close to the target.',
  },
  nudge: {
    heading: 'Drift',
    period: 'Last {{days}} days',
    sentence: 'The last {{days}} days were {{percent}} {{tone}} (target {{target}}).',
    fromDay: 'The {{network}} draft from {{day}} would rebalance it.',
    forDay: 'The {{network}} draft planned for {{day}} would rebalance it.',
    fromDayNoNetwork: 'The draft from {{day}} would rebalance it.',
    forDayNoNetwork: 'The draft planned for {{day}} would rebalance it.',
    show: 'Show that draft',
  },
  /** The tones as the nudge's sentence uses them ("were 90% professional"). */
  tonePredicate: { private: 'private', blend: 'blend', professional: 'professional' } as Record<Tone, string>,
  byNetwork: 'By network',
  byNetworkHelp: 'Some networks lean one way by design; the overall blend is what counts.',
  legend: {
    label: 'Legend',
    draft: 'Draft',
    planned: 'Planned',
    published: 'Published',
    today: 'Today',
    weekend: 'Weekend',
    quiet: 'Quiet stretch: 3 days or more without posts, up to today',
  },
  heat: { fewer: 'Fewer', more: 'More', untoned: 'Only posts without a tone', openMonth: 'Show {{month}}' },
  targetMix: {
    heading: 'Target tone mix',
    help: 'The tone calendar compares your posts with this mix and says so when they drift. The three always add up to 100%.',
    period: 'Measured',
    periods: { week: 'Per week', month: 'Per month' },
    value: '{{percent}}',
    preview: 'Target: {{summary}}',
    reset: 'Restore 30 / 30 / 40',
  },
};

type CalendarStrings = typeof en;

const da: CalendarStrings = {
  views: { month: 'Måned', week: 'Uge', year: 'År' },
  viewLabel: 'Kalendervisning',
  previous: { month: 'Forrige måned', week: 'Forrige uge', year: 'Forrige år' },
  next: { month: 'Næste måned', week: 'Næste uge', year: 'Næste år' },
  today: 'I dag',
  todayLabel: 'Gå til i dag',
  weekOf: 'Uge {{week}}',
  weekColumn: 'Uge',
  weekRange: '{{from}} – {{to}}',
  loading: 'Henter opslag …',
  loadFailed: 'Opslagene kunne ikke hentes: {{message}}',
  retry: 'Prøv igen',
  filters: 'Filtre',
  filterAllNetworks: 'Alle netværk',
  filterNoNetworks: 'Intet netværk',
  filterAllStatuses: 'alle statusser',
  filterNoStatuses: 'ingen status',
  networksLabel: 'Netværk',
  statusLabel: 'Status',
  status: { draft: 'Kladde', planned: 'Planlagt', published: 'Udgivet' },
  statusFilter: { draft: 'Kladder', planned: 'Planlagte', published: 'Udgivne' },
  posts: { one: '{{count}} opslag', other: '{{count}} opslag' },
  noPosts: 'ingen opslag',
  toneCount: {
    private: { one: '{{count}} privat', other: '{{count}} private' },
    blend: { one: '{{count}} blandet', other: '{{count}} blandede' },
    professional: { one: '{{count}} professionel', other: '{{count}} professionelle' },
  },
  untonedCount: { one: '{{count}} uden tone', other: '{{count}} uden tone' },
  toneShare: '{{tone}} {{count}} · {{percent}}',
  dayLabel: '{{date}}: {{summary}}',
  todayDate: 'I dag, {{date}}',
  more: '+{{count}}',
  periodMix: 'Blandingen for {{period}}: {{summary}}',
  scope: '{{period}} · {{counted}}',
  counted: {
    committed: 'udgivne og planlagte, alle netværk',
    statuses: { draft: 'kladder', planned: 'planlagte', published: 'udgivne' },
    noStatus: 'ingen status',
    everyStatus: 'kladder, planlagte og udgivne',
    allNetworks: '{{statuses}}, alle netværk',
    onNetworks: '{{statuses}} på {{networks}}',
    noNetwork: 'intet netværk',
  },
  chipPrefix: '{{status}}, {{tone}}:',
  chipPrefixNoNetwork: '{{status}}, {{tone}}, intet netværk endnu:',
  chipTooltipHead: '{{date}} kl. {{time}} · {{networks}}',
  plannedInZone: 'Planlagt til kl. {{time}}, {{zone}}',
  timesIn: 'Tidszone for dage og tidspunkter: {{zone}}',
  noTone: 'Ingen tone',
  noNetworks: 'intet netværk endnu',
  noText: '(ingen tekst)',
  dayPanel: {
    label: 'Dag',
    pick: 'Vælg en dag for at se dens opslag.',
    empty: 'Intet på denne dag.',
    open: 'Åbn i editoren',
    select: 'Vælg',
    moveHint: 'Træk et opslag til en anden dag, eller vælg det og tryk Alt+piletast for at flytte det en dag (Alt+op og ned: en uge).',
    published: 'Udgivne opslag bliver på den dag, de gik ud.',
  },
  moved: 'Flyttet til {{date}}, {{time}}.',
  moveFailed: 'Ikke flyttet: {{message}}',
  cannotMove: 'Et udgivet opslag bliver på den dag, det gik ud.',
  target: {
    heading: 'Ønsket toneblanding',
    thisWeek: 'Denne uge',
    thisMonth: 'Denne måned',
    tone: 'Tone',
    actual: 'Faktisk',
    target: 'Mål',
    difference: 'Forskel',
    points: '{{points}} point',
    actualBar: 'Faktisk toneblanding ({{scope}}): {{summary}}',
    targetBar: 'Ønsket toneblanding: {{summary}}',
    nothingYet: 'Intet udgivet eller planlagt i denne periode.',
    onTarget: 'Tæt på målet.',
  },
  nudge: {
    heading: 'Skævhed',
    period: 'Sidste {{days}} dage',
    sentence: 'De sidste {{days}} dage var {{percent}} {{tone}} (målet er {{target}}).',
    fromDay: '{{network}}-kladden fra {{day}} ville rette op på det.',
    forDay: '{{network}}-kladden, der er planlagt til {{day}}, ville rette op på det.',
    fromDayNoNetwork: 'Kladden fra {{day}} ville rette op på det.',
    forDayNoNetwork: 'Kladden, der er planlagt til {{day}}, ville rette op på det.',
    show: 'Vis kladden',
  },
  tonePredicate: { private: 'private', blend: 'blandede', professional: 'professionelle' },
  byNetwork: 'Pr. netværk',
  byNetworkHelp: 'Nogle netværk hælder bevidst til én side; det er den samlede blanding, der tæller.',
  legend: {
    label: 'Forklaring',
    draft: 'Kladde',
    planned: 'Planlagt',
    published: 'Udgivet',
    today: 'I dag',
    weekend: 'Weekend',
    quiet: 'Stille periode: 3 dage eller flere uden opslag, frem til i dag',
  },
  heat: { fewer: 'Færre', more: 'Flere', untoned: 'Kun opslag uden tone', openMonth: 'Vis {{month}}' },
  targetMix: {
    heading: 'Ønsket toneblanding',
    help: 'Tonekalenderen sammenligner dine opslag med denne blanding og siger til, når de glider væk fra den. De tre giver altid 100 % tilsammen.',
    period: 'Målt',
    periods: { week: 'Pr. uge', month: 'Pr. måned' },
    value: '{{percent}}',
    preview: 'Mål: {{summary}}',
    reset: 'Gendan 30 / 30 / 40',
  },
};

export const calendarStrings = { en, da } as const;

export type { CalendarStrings, Plural };

export function calendarStringsFor(language: string): CalendarStrings {
  return language.startsWith('da') ? calendarStrings.da : calendarStrings.en;
}

/** Templates split once into their literal parts and placeholder names: the calendar fills hundreds per render. */
const parsed = new Map<string, readonly string[]>();

/** Fills `{{name}}` placeholders, as i18next will once the strings move there. */
export function fill(template: string, params: Readonly<Record<string, string | number>>): string {
  let parts = parsed.get(template);
  if (parts === undefined) {
    // Odd indexes are placeholder names.
    parts = template.split(/\{\{(\w+)\}\}/);
    parsed.set(template, parts);
  }
  let result = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (i % 2 === 0) result += part;
    else {
      const value = params[part];
      result += value === undefined ? `{{${part}}}` : String(value);
    }
  }
  return result;
}
