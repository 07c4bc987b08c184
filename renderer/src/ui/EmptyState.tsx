import type { ReactNode } from 'react';

export function EmptyState({ title, body, icon }: Readonly<{ title: string; body: string; icon: ReactNode }>) {
  return (
    <div className="mx-auto mt-16 flex max-w-lg flex-col items-center gap-4 rounded-2xl border border-dashed border-zinc-300 p-10 text-center dark:border-zinc-700">
      <div aria-hidden="true" className="text-zinc-500 dark:text-zinc-400">
        {icon}
      </div>
      <h2 className="text-lg font-semibold">{title}</h2>
      <p className="text-sm leading-relaxed text-zinc-600 dark:text-zinc-300">{body}</p>
    </div>
  );
}
