import type { SpheresApi } from '../common/api';

declare global {
  interface Window {
    /** The app's only door: the preload (desktop) or the web bridge (web host) defines it. */
    readonly spheres: SpheresApi;
  }
}

export {};
