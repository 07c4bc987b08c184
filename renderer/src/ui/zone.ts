let cachedZone: string | null = null;

/** The IANA zone the user is in. Read once: creating a DateTimeFormat on every render is costly. */
export function systemZone(): string {
  cachedZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone;
  return cachedZone;
}
