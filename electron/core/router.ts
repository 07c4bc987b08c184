import type { z } from 'zod';
import {
  AppError,
  isErrorCode,
  isMethodName,
  methods,
  type Envelope,
  type MethodName,
  type MethodOutput,
  type Methods,
} from '../../common/api';

/** A handler receives the input after its schema parsed it, so it may trust the shape. */
export type Handlers = {
  [M in MethodName]: (input: z.output<Methods[M]['input']>) => Promise<MethodOutput<M>> | MethodOutput<M>;
};

export interface Router {
  readonly methods: readonly MethodName[];
  call(method: string, input: unknown): Promise<Envelope<unknown>>;
}

export interface RouterLog {
  error(message: string, details: Record<string, unknown>): void;
}

/** Turns zod issues into one sentence a person (or a developer) can act on. */
function describeIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, 5).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : 'the input';
    return `${where}: ${issue.message}`;
  });
  const more = error.issues.length > 5 ? ` (and ${error.issues.length - 5} more)` : '';
  return parts.join('; ') + more;
}

/**
 * Where an own `__proto__` key sits in a value, or null. JSON.parse (and a structured clone) make
 * `{"__proto__": …}` an own property, which zod's non-strict objects and records drop without a
 * word; refused here instead, for every method and both transports, like any other unknown key.
 */
function protoKeyPath(input: unknown): string | null {
  // Iterative, so a deeply nested input cannot overflow the stack; linear in the input's size.
  const pending: { value: unknown; path: string[] }[] = [{ value: input, path: [] }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, path } = next;
    if (typeof value !== 'object' || value === null) continue;
    for (const key of Object.keys(value)) {
      if (key === '__proto__') return [...path, key].join('.');
      pending.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return null;
}

/**
 * Runs one method's work and answers as every call does: the output checked against the
 * contract, errors as `{ code, message }`, stack traces never leaving. The router uses it, and so
 * does the web host's upload route, whose input is a request body rather than JSON.
 */
export async function answer(method: MethodName, run: () => unknown, log: RouterLog = { error: () => {} }): Promise<Envelope<unknown>> {
  try {
    const result = await run();
    const checked = methods[method].output.safeParse(result);
    if (!checked.success) {
      log.error('handler returned a value outside its contract', { method, issues: describeIssues(checked.error) });
      return { ok: false, error: { code: 'internal', message: `Spheres produced an invalid answer for ${method}.` } };
    }
    return { ok: true, value: checked.data };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toJSON() };
    // Services' own error types (StorageError, VaultError) carry a contract code and a sentence for the user.
    const code: unknown = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
    if (error instanceof Error && isErrorCode(code)) return { ok: false, error: { code, message: error.message } };
    log.error('handler failed', { method, error: error instanceof Error ? error.message : String(error) });
    return { ok: false, error: { code: 'internal', message: `Something went wrong in ${method}. Please try again.` } };
  }
}

/**
 * The one dispatcher behind both transports (IPC in the desktop app, HTTP in the web host):
 * validates the input, calls the service, validates the output, and answers with an envelope.
 * Stack traces never leave; unexpected errors are logged here and cross as `internal`.
 */
export function createRouter(handlers: Handlers, log: RouterLog = { error: () => {} }): Router {
  return {
    methods: Object.keys(handlers) as MethodName[],
    async call(method, rawInput) {
      if (!isMethodName(method)) {
        return { ok: false, error: { code: 'unknown_method', message: `Spheres has no method called "${method}".` } };
      }
      const spec = methods[method];
      const protoKey = protoKeyPath(rawInput);
      if (protoKey !== null) {
        return { ok: false, error: { code: 'invalid_input', message: `Invalid input for ${method}: ${protoKey}: Unrecognized key: "__proto__".` } };
      }
      const parsed = spec.input.safeParse(rawInput);
      if (!parsed.success) {
        return {
          ok: false,
          error: { code: 'invalid_input', message: `Invalid input for ${method}: ${describeIssues(parsed.error)}.` },
        };
      }
      const handler = handlers[method] as (input: unknown) => unknown;
      return answer(method, () => handler(parsed.data), log);
    },
  };
}
