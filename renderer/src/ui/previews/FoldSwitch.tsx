/** "Show as the feed does": on, the text is folded where the feed folds it; off, it is shown expanded. */
export function FoldSwitch({ checked, label, onChange }: Readonly<{ checked: boolean; label: string; onChange: (checked: boolean) => void }>) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      onClick={() => onChange(!checked)}
      className="inline-flex items-center gap-1.5 rounded-md px-1 py-0.5 text-xs text-zinc-700 hover:bg-zinc-200 dark:text-zinc-300 dark:hover:bg-zinc-800"
    >
      <span aria-hidden="true" className={`relative h-4 w-7 shrink-0 rounded-full transition-colors ${checked ? 'bg-violet-600 dark:bg-violet-500' : 'bg-zinc-300 dark:bg-zinc-600'}`}>
        <span className={`absolute top-0.5 left-0.5 h-3 w-3 rounded-full bg-white shadow transition-transform ${checked ? 'translate-x-3' : ''}`} />
      </span>
      {label}
    </button>
  );
}
