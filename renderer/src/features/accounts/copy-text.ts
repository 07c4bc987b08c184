/**
 * Copies text to the clipboard. The desktop app denies every permission request, the clipboard's
 * included, so when the async Clipboard API refuses, the selected field and the editing command
 * `copy` (allowed on a click without a permission) do it; false when neither could.
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
