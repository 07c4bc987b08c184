import { AppError, type ApiErrorShape, type Envelope } from './errors';
import {
  METHOD_NAMES,
  isEventName,
  type EventName,
  type EventPayload,
  type MethodInput,
  type MethodName,
  type MethodOutput,
} from './contract';

/** How a client reaches the app: IPC in the desktop app, HTTP + SSE in the web host. */
export interface Transport {
  invoke(method: MethodName, input: unknown): Promise<Envelope<unknown>>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

type Caller<M extends MethodName> = undefined extends MethodInput<M>
  ? (input?: MethodInput<M>) => Promise<MethodOutput<M>>
  : (input: MethodInput<M>) => Promise<MethodOutput<M>>;

type Namespace = MethodName extends `${infer N}.${string}` ? N : never;

/** `window.spheres`: `spheres.settings.get()`, `spheres.on('settings.changed', fn)`. */
export type SpheresApi = {
  readonly [N in Namespace]: {
    readonly [M in MethodName as M extends `${N}.${infer F}` ? F : never]: Caller<M>;
  };
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/**
 * Calls reject with a plain `{ name: 'SpheresError', code, message }` object rather than an Error
 * subclass: Electron's contextBridge drops custom properties of Errors, and the `code` is the point.
 */
export type SpheresError = ApiErrorShape & { name: 'SpheresError' };

export function isSpheresError(value: unknown): value is SpheresError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { name?: unknown }).name === 'SpheresError' &&
    typeof (value as { code?: unknown }).code === 'string'
  );
}

function toSpheresError(error: ApiErrorShape): SpheresError {
  return { name: 'SpheresError', ...error };
}

export function createSpheresApi(transport: Transport): SpheresApi {
  const api: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  for (const method of METHOD_NAMES) {
    const dot = method.indexOf('.');
    const namespace = method.slice(0, dot);
    const name = method.slice(dot + 1);
    const group = (api[namespace] ??= {});
    group[name] = async (input?: unknown) => {
      let envelope: Envelope<unknown>;
      try {
        envelope = await transport.invoke(method, input);
      } catch (cause) {
        const message = cause instanceof Error ? cause.message : String(cause);
        throw toSpheresError({ code: 'offline', message: `Spheres could not reach its core: ${message}` });
      }
      if (envelope.ok) return envelope.value;
      throw toSpheresError(envelope.error);
    };
  }
  const on = (event: EventName, listener: (payload: never) => void): (() => void) => {
    if (!isEventName(event)) {
      throw toSpheresError(new AppError('invalid_input', `There is no event called "${String(event)}".`).toJSON());
    }
    if (typeof listener !== 'function') {
      throw toSpheresError(new AppError('invalid_input', 'An event listener must be a function.').toJSON());
    }
    return transport.subscribe(event, listener as (payload: unknown) => void);
  };
  return Object.freeze({ ...api, on }) as unknown as SpheresApi;
}
