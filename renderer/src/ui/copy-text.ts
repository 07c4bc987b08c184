/**
 * Copies text to the clipboard. The desktop app grants writing plain text only
 * (`clipboard-sanitized-write`); where the async Clipboard API still refuses (an unfocused page, an
 * older engine), the selected field and the editing command `copy` do it; false when neither could.
 */
export async function copyText(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Refused or missing: fall back to the selection below.
  }
  if (field === null) return false;
  field.focus();
  field.select();
  try {
    return typeof document.execCommand === 'function' && document.execCommand('copy');
  } catch {
    return false;
  }
}
